/**
 * A process killed between a token's write and the first-screen record's renewal (or inside
 * either) never leaves a record that is shown but differs from the list: the next unlock either
 * gets a record equal to what the whole list gives, or none and decrypts the list. A writer that
 * moves the record in each write's own transaction (as every write now does) leaves it always shown.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstScreenRows, firstScreenTag } from '../../../src/main/api/first-screen';
import { TokenOrders } from '../../../src/main/api/token-order';
import { groupFacts } from '../../../src/main/vault/first-screen-codec';
import { openVault } from '../../../src/main/vault/index';
import { expectRecordCurrent, groupEntries, renewRecord } from '../../support/first-screen-check';
import { bundleForNode } from '../../support/vault-bundle';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

let writer = '';
beforeAll(async () => {
  writer = await bundleForNode(
    fileURLToPath(new URL('../../support/first-screen-writer.ts', import.meta.url)),
    'first-screen-writer',
  );
});

/**
 * Runs the writer and SIGKILLs it `killAfterMs` after it is ready; resolves with the rounds it
 * reported. A fresh process's first round takes 50–150 ms at load 10 on 2 shared cores (its code
 * not compiled yet), so the kill windows reach past it.
 */
function runKilled(args: string[], killAfterMs: number): Promise<{ signal: string | null; renewed: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let renewed = 0;
    child.stdout.on('data', (data: Buffer) => {
      const text = data.toString();
      if (text.includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      renewed += text.split('\n').filter((line) => line.startsWith('renewed')).length;
    });
    child.on('exit', (_code, signal) => resolve({ signal, renewed }));
  });
}

/** A vault with 300 manual tokens in Acme › prod. */
function vaultOf300() {
  const t = createTempVault();
  const env = t.vault.addEnvironment(t.vault.addTenant('Acme').id, 'prod', 'production');
  t.vault.addTokens(
    Array.from({ length: 300 }, (_, i) => ({
      environmentId: env.id,
      label: `key ${i}`,
      kind: 'api-key' as const,
      provider: 'manual' as const,
      secret: `s-${i}`,
    })),
  );
  return { t, env };
}

describe('the first-screen record and crashes', () => {
  it('is exact or not shown after the writer is SIGKILLed anywhere in its two transactions', async () => {
    const { t, env } = vaultOf300();
    t.vault.lock();
    const seen = { shown: 0, stale: 0, killed: 0 };
    for (let run = 0; run < 40 && (run < 10 || seen.shown === 0); run++) {
      const { signal } = await runKilled(
        [t.path, t.password, env.id, '100000', `r${run}`],
        Math.floor(Math.random() * 160),
      );
      if (signal === 'SIGKILL') seen.killed += 1;
      const file = openVault(t.path, { policy: TEST_KDF_POLICY });
      const vault = file.unlock(t.password);
      const record = vault.firstScreen(firstScreenTag());
      const list = vault.listTokens();
      if (record === null || record.rows.length === 0) seen.stale += 1;
      if (record !== null) {
        // Counts from parts made in each write, or from the chunks whose part is stale.
        expect(groupEntries(record.groups)).toEqual(groupEntries(groupFacts(list)));
        // Rows moved along by a write, renewed, or patched from the chunks written since: the
        // first of the label order (short of a renewal's after deletes), or none before a renewal.
        const rows = firstScreenRows(list, new TokenOrders().order(list, 'label'));
        expect(record.rows).toEqual(rows.slice(0, record.rows.length));
        if (record.rows.length > 0) {
          seen.shown += 1;
          expect(record.rows.length).toBeGreaterThanOrEqual(rows.length - 1);
        }
      }
      vault.lock();
      file.close();
    }
    expect(seen.killed).toBeGreaterThan(0);
    // Not shown only when killed before its first renewal: each write after that moves it along.
    expect(seen.shown).toBeGreaterThan(0);
  }, 120_000);

  it('is always shown and exact after a writer that moves it in each write is SIGKILLed anywhere', async () => {
    const { t, env } = vaultOf300();
    renewRecord(t.vault);
    t.vault.lock();
    let killed = 0;
    let size = 300;
    for (let run = 0; run < 12; run++) {
      const { signal } = await runKilled(
        [t.path, t.password, env.id, '100000', `r${run}`, 'plain'],
        20 + Math.floor(Math.random() * 160),
      );
      if (signal === 'SIGKILL') killed += 1;
      size = expectRecordCurrent(t.path, t.password).list.length;
    }
    expect(killed).toBe(12);
    expect(size).toBeGreaterThan(300);
  }, 120_000);
});
