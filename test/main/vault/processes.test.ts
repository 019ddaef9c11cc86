import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openVault } from '../../../src/main/vault/index';
import { bundleForNode } from '../../support/vault-bundle';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

/**
 * The writer is the same TypeScript file `node --import tsx` runs (round-trip.test.ts does),
 * bundled once: a tsx start costs about a second and the crash test starts 50 children.
 */
let writer = '';
beforeAll(async () => {
  writer = await bundleForNode(
    fileURLToPath(new URL('../../support/vault-writer.ts', import.meta.url)),
    'vault-writer',
  );
});

interface Run {
  committed: { id: string; label: string }[];
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** Starts the writer; kills it `killAfterMs` after it reports ready (or lets it finish if null). */
function runWriter(args: string[], killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { committed: [], code: null, signal: null, stderr: '' };
    let buffer = '';
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const [word, id, label] = line.split(' ');
        if (word === 'committed' && id && label) run.committed.push({ id, label });
      }
    });
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    child.on('exit', (code, signal) => resolve({ ...run, code, signal }));
  });
}

describe('two processes and crashes', () => {
  it('keeps every reported write and a sound file when the writer is SIGKILLed 50 times', async () => {
    const t = createTempVault();
    const env = t.vault.addEnvironment(t.vault.addTenant('Acme').id, 'prod', 'production');
    t.vault.lock();
    const reported: { id: string; label: string }[] = [];
    let killed = 0;
    for (let round = 0; round < 50; round++) {
      const run = await runWriter([t.path, t.password, env.id, '100000', `r${round}`], Math.floor(Math.random() * 60));
      if (run.signal === 'SIGKILL') killed++;
      reported.push(...run.committed);
    }
    const raw = new Database(t.path, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const vault = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    let present = 0;
    for (const { id, label } of reported) {
      if (vault.getToken(id).label === label && vault.openSecret(id) === `secret-${label}`) present++;
    }
    console.log(`${killed} kills, ${reported.length} reported writes, ${present} present and open; integrity_check ok`);
    expect(killed).toBe(50);
    expect(present).toBe(reported.length);
    expect(reported.length).toBeGreaterThan(0);
    expect(vault.listTokens().length).toBeGreaterThanOrEqual(reported.length);
  }, 170_000);

  it('loses no write and shows no SQLITE_BUSY when two processes write concurrently', async () => {
    const t = createTempVault();
    const env = t.vault.addEnvironment(t.vault.addTenant('Acme').id, 'prod', 'production');
    const runs = await Promise.all([
      runWriter([t.path, t.password, env.id, '150', 'a'], null),
      runWriter([t.path, t.password, env.id, '150', 'b'], null),
    ]);
    // the parent also writes while the children do
    for (let i = 0; i < 50; i++)
      t.vault.addToken({
        environmentId: env.id,
        label: `p-${i}`,
        kind: 'api-key',
        provider: 'manual',
        secret: `secret-p-${i}`,
      });
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/BUSY/);
      expect([run.code, run.committed.length]).toEqual([0, 150]);
    }
    const labels = t.vault.listTokens().map((x) => x.label);
    console.log(`2 writer processes + parent: ${labels.length} tokens, expected 350`);
    expect(new Set(labels).size).toBe(350);
    for (const run of runs)
      for (const { id, label } of run.committed) expect(t.vault.openSecret(id)).toBe(`secret-${label}`);
  }, 120_000);
});
