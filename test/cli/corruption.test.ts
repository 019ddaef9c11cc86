/**
 * The corruption suite: copies of one vault damaged four ways (byte flips, zeroed pages,
 * truncation, swaps of every plaintext column between two rows), each probed by the real CLI
 * (`status`, `ls`, and `get` of every token) in a child process killed when a file takes too long.
 * Per class: wrong secrets 0, internal errors 0, hangs 0, printed and asserted.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { toJournalFields } from '../../src/main/lifecycle/rotation-state';
import { createVault } from '../../src/main/vault/index';
import { plaintextColumns, swapColumn } from '../support/plaintext-swaps';
import { tempDir } from '../support/temp-dir';
import { bundleForNode } from '../support/vault-bundle';
import { TEST_KDF_POLICY } from '../support/vault-policy';

const PASSWORD = 'corruption suite';
const REFS = [
  'acme/prod/alpha',
  'acme/prod/beta',
  'acme/dev/alpha',
  'acme/dev/gamma',
  'umbrella/prod/alpha',
  'umbrella/prod/delta',
];
const secretOf = (ref: string): string => `secret-of-${ref}`;
const COMMANDS = [['status', '--json'], ['ls', '--json'], ...REFS.map((ref) => ['get', ref, '--json'])];
const HANG_MS = 30_000;

let probe = '';
beforeAll(async () => {
  probe = await bundleForNode(fileURLToPath(new URL('../support/vault-probe.ts', import.meta.url)), 'vault-probe');
});

/** A vault with two tenants, three environments, two token chunks, a connection, an open journal entry. */
function pristine(dir: string): string {
  const path = join(dir, 'pristine.db');
  const { vault } = createVault(path, PASSWORD, { policy: TEST_KDF_POLICY, kdf: 'floor' });
  const envs = new Map<string, string>();
  for (const [tenant, names] of [
    ['acme', ['prod', 'dev']],
    ['umbrella', ['prod']],
  ] as const) {
    const tid = vault.addTenant(tenant).id;
    for (const name of names) envs.set(`${tenant}/${name}`, vault.addEnvironment(tid, name, 'production').id);
  }
  const add = (ref: string): string =>
    vault.addToken({
      environmentId: envs.get(ref.split('/').slice(0, 2).join('/')) ?? '',
      label: ref.split('/')[2] ?? '',
      kind: 'api-key',
      provider: 'manual',
      secret: secretOf(ref),
      expiresAt: Date.now() + 86_400_000 * 30,
    }).id;
  const ids = REFS.slice(0, 4).map(add);
  vault.addTokens(
    Array.from({ length: 280 }, (_, i) => ({
      environmentId: envs.get('acme/dev') ?? '',
      label: `filler-${i}`,
      kind: 'api-key' as const,
      provider: 'manual' as const,
      secret: `filler-secret-${i}`,
    })),
  );
  REFS.slice(4).forEach(add);
  vault.addVersion(ids[0] ?? '', 'pending-secret');
  // A rotation whose old key the provider refused to revoke: open, read by every `get` of alpha
  // (which finishes what changes the value first), and left alone by it (the value stays).
  const alpha = vault.getToken(ids[0] ?? '');
  const open = toJournalFields({
    step: 'revoke-failed',
    tokenId: alpha.id,
    connectionId: null,
    label: alpha.label,
    environmentId: alpha.environmentId,
    previousVersionId: null,
    previousKeyId: null,
    graceMinutes: 0,
    rotationPolicy: null,
    lastError: null,
    verified: null,
    keyId: 'old-key-of-alpha',
    versionId: null,
    message: 'The provider refused to revoke it',
    then: 'done',
  });
  vault.addJournal({ tokenId: alpha.id, operation: 'rotate', ...open });
  vault.lock();
  const raw = new Database(path);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return path;
}

/** A small seeded generator: the same damage on every run, so a failure can be reproduced. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

type Damage = (path: string) => void;

function damages(source: string): Map<string, Damage[]> {
  const size = statSync(source).size;
  const raw = new Database(source, { readonly: true });
  const pageSize = Number(raw.pragma('page_size', { simple: true }));
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter(
    (t) => (raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number) >= 2,
  );
  const columns = plaintextColumns(raw, tables);
  const rowids = new Map(tables.map((t) => [t, raw.prepare(`SELECT rowid FROM ${t}`).pluck().all() as number[]]));
  raw.close();
  const pages = size / pageSize;
  const rnd = random(10);
  const writeAt = (path: string, bytes: Buffer, offset: number): void => {
    const fd = openSync(path, 'r+');
    writeSync(fd, bytes, 0, bytes.length, offset);
    closeSync(fd);
  };
  const flips: Damage[] = Array.from({ length: 60 }, () => {
    const offsets = Array.from({ length: 1 + rnd(3) }, () => rnd(size));
    return (path) => {
      const data = readFileSync(path);
      for (const o of offsets) writeAt(path, Buffer.from([(data[o] ?? 0) ^ (1 << rnd(8))]), o);
    };
  });
  const zeroed: Damage[] = Array.from(
    { length: pages },
    (_, page) => (path) => writeAt(path, Buffer.alloc(pageSize), page * pageSize),
  );
  const truncated: Damage[] = Array.from({ length: 30 }, (_, i) => {
    const length = i < 15 ? rnd(pages) * pageSize : rnd(size);
    return (path) => truncateSync(path, length);
  });
  const swaps: Damage[] = columns.map((col) => {
    const ids = rowids.get(col.table) ?? [];
    const a = ids[rnd(ids.length)] ?? 1;
    const others = ids.filter((id) => id !== a);
    const start = rnd(others.length);
    // A partner a unique index refuses (two current versions of one token) is no swap anyone
    // can make: the next partner is taken instead, and a column no pair of which can be swapped
    // fails the suite rather than leaving the file undamaged.
    const partners = [...others.slice(start), ...others.slice(0, start)];
    return (path) => {
      const db = new Database(path);
      const swapped = partners.some((b) => swapColumn(db, col, a, b));
      db.close();
      if (!swapped) throw new Error(`no row of ${col.table} can take ${col.column} from row ${a}`);
    };
  });
  return new Map([
    ['byte flips', flips],
    ['zeroed pages', zeroed],
    ['truncation', truncated],
    ['row swaps (every plaintext column)', swaps],
  ]);
}

interface CommandResult {
  readonly args: string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the probe over `files`; a file that takes longer than HANG_MS is a hang, the rest go on. */
async function probeAll(files: readonly string[]): Promise<Map<string, CommandResult[] | 'hang'>> {
  const results = new Map<string, CommandResult[] | 'hang'>();
  let left = [...files];
  while (left.length > 0) {
    const done = await new Promise<string[]>((resolve) => {
      const child = spawn(process.execPath, [probe], { stdio: ['pipe', 'pipe', 'inherit'] });
      const seen: string[] = [];
      let buffer = '';
      let timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const parsed = JSON.parse(line) as { file: string; results: CommandResult[] };
          results.set(parsed.file, parsed.results);
          seen.push(parsed.file);
          clearTimeout(timer);
          timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(seen);
      });
      child.stdin.end(JSON.stringify({ password: PASSWORD, files: left, commands: COMMANDS }));
    });
    const stuck = left.find((f) => !done.includes(f));
    if (stuck !== undefined) results.set(stuck, 'hang');
    left = left.filter((f) => !results.has(f));
  }
  return results;
}

type Outcome = 'answered' | 'right secret' | 'refused' | 'wrong secret' | 'internal error' | 'hang';

/**
 * A note that is INTERNAL's sentence (shared/errors.ts), or a line of raw data (a schema's issue
 * list printed as JSON), is an internal error too, though the command went on.
 */
const isInternalNote = (note: string): boolean =>
  note.includes('Unexpected internal error') || /^\s*[[\]{}"]/.test(note);

function outcomeOf(result: CommandResult): { outcome: Outcome; code?: string } {
  // With --json an error is the last line of stderr; notes (an unfinished rotation) come before it.
  const lines = result.stderr.trim().split('\n');
  const notes = result.code === 0 ? lines : lines.slice(0, -1);
  if (notes.some(isInternalNote)) return { outcome: 'internal error', code: 'noted' };
  if (result.code === 0) {
    if (result.args[0] !== 'get') return { outcome: 'answered' };
    const printed = (JSON.parse(result.stdout) as { secret: string }).secret;
    return { outcome: printed === secretOf(result.args[1] ?? '') ? 'right secret' : 'wrong secret' };
  }
  let code = 'unparsable';
  try {
    code = (JSON.parse(lines.at(-1) ?? '') as { error: { code: string } }).error.code;
  } catch {
    return { outcome: 'internal error', code };
  }
  return code === 'INTERNAL' ? { outcome: 'internal error', code } : { outcome: 'refused', code };
}

describe('the corruption suite', () => {
  it('never prints a wrong secret, never fails with an internal error, never hangs', async () => {
    const dir = tempDir('corruption');
    const source = pristine(dir);
    const lines: string[] = [];
    const bad: string[] = [];
    for (const [kind, list] of damages(source)) {
      const files = list.map((damage, i) => {
        const path = join(dir, `${kind.split(' ')[0]}-${i}.db`);
        copyFileSync(source, path);
        damage(path);
        return path;
      });
      const tally = new Map<string, number>();
      const codes = new Map<string, number>();
      for (const [file, results] of await probeAll(files)) {
        const outcomes = results === 'hang' ? [{ outcome: 'hang' as const }] : results.map(outcomeOf);
        for (const [i, o] of outcomes.entries()) {
          tally.set(o.outcome, (tally.get(o.outcome) ?? 0) + 1);
          if (o.code) codes.set(o.code, (codes.get(o.code) ?? 0) + 1);
          if (['wrong secret', 'internal error', 'hang'].includes(o.outcome)) {
            const r = results === 'hang' ? null : results[i];
            bad.push(`${kind} ${file}: ${r ? r.args.join(' ') : ''} -> ${o.outcome} ${r?.stderr.slice(0, 200) ?? ''}`);
          }
        }
      }
      const n = (k: Outcome): number => tally.get(k) ?? 0;
      lines.push(
        `${kind}: ${files.length} files, ${[...tally.values()].reduce((a, b) => a + b, 0)} commands; wrong secret ${n('wrong secret')}, internal errors ${n('internal error')}, hangs ${n('hang')}; right secrets ${n('right secret')}, answered ${n('answered')}, refused ${n('refused')} (${[...codes].map(([c, k]) => `${c} ${k}`).join(', ')})`,
      );
    }
    console.log(lines.join('\n'));
    expect(bad).toEqual([]);
  }, 600_000);
});
