/**
 * Issue 9: `npm run emulators` made up new ports and credentials on every start, so a vault's
 * connections broke after a restart, and nothing set the variables the README's demo uses.
 * Now it keeps them in its folder, writes env.sh, and opens a fault endpoint on 127.0.0.1.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { startEmulatorsProcess } from './emulators-process';

const dir = join(tempDir('emulators'), '.emulators');

async function satoriStatus(url: string, tenantId: string, token: string): Promise<number> {
  const response = await fetch(`${url}/api/tenants/${tenantId}/`, { headers: { authorization: `Bearer ${token}` } });
  return response.status;
}

describe('npm run emulators', () => {
  it('keeps its ports and credentials across a restart, and writes them to env.sh', async () => {
    const first = await startEmulatorsProcess(dir);
    const before = first.variables;
    await first.stop();
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['SATORI_URL', 'SATORI_TENANT_ID', 'SATORI_BOOTSTRAP_TOKEN', 'KEYTURN_EMULATORS']),
    );
    expect((statSync(join(dir, 'env.sh')).mode & 0o777).toString(8)).toBe('600');

    const second = await startEmulatorsProcess(dir);
    try {
      expect(second.variables).toEqual(before);
      const { SATORI_URL = '', SATORI_TENANT_ID = '', SATORI_BOOTSTRAP_TOKEN = '' } = before;
      expect(await satoriStatus(SATORI_URL, SATORI_TENANT_ID, SATORI_BOOTSTRAP_TOKEN)).toBe(200);
    } finally {
      await second.stop();
    }

    const fresh = await startEmulatorsProcess(dir, ['--fresh']);
    await fresh.stop();
    expect(fresh.variables.SATORI_BOOTSTRAP_TOKEN).not.toBe(before.SATORI_BOOTSTRAP_TOKEN);
  });

  it('injects and clears faults through its control endpoint on 127.0.0.1', async () => {
    const run = await startEmulatorsProcess(join(tempDir('control'), '.emulators'));
    try {
      const {
        KEYTURN_EMULATORS = '',
        SATORI_URL = '',
        SATORI_TENANT_ID = '',
        SATORI_BOOTSTRAP_TOKEN = '',
      } = run.variables;
      expect(new URL(KEYTURN_EMULATORS).hostname).toBe('127.0.0.1');
      const post = (body: unknown): Promise<Response> =>
        fetch(`${KEYTURN_EMULATORS}/satori/faults`, { method: 'POST', body: JSON.stringify(body) });
      expect((await post({ fault: { kind: 'status', status: 503 }, method: 'GET', times: 2 })).status).toBe(204);
      expect(await satoriStatus(SATORI_URL, SATORI_TENANT_ID, SATORI_BOOTSTRAP_TOKEN)).toBe(503);
      expect(await satoriStatus(SATORI_URL, SATORI_TENANT_ID, SATORI_BOOTSTRAP_TOKEN)).toBe(503);
      expect(await satoriStatus(SATORI_URL, SATORI_TENANT_ID, SATORI_BOOTSTRAP_TOKEN)).toBe(200);

      expect((await post({ fault: { kind: 'status', status: 500 }, times: 5 })).status).toBe(204);
      expect((await fetch(`${KEYTURN_EMULATORS}/satori/faults`, { method: 'DELETE' })).status).toBe(204);
      expect(await satoriStatus(SATORI_URL, SATORI_TENANT_ID, SATORI_BOOTSTRAP_TOKEN)).toBe(200);

      const bad = await post({ fault: { kind: 'explode' } });
      expect(bad.status).toBe(400);
      expect((await fetch(`${KEYTURN_EMULATORS}/nobody/faults`, { method: 'DELETE' })).status).toBe(404);
      const keys = (await (await fetch(`${KEYTURN_EMULATORS}/satori/keys`)).json()) as { name: string }[];
      expect(keys.map((k) => k.name)).toEqual(['bootstrap', 'bootstrap']);
    } finally {
      await run.stop();
    }
  });
});
