import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { openVault } from '../../../src/main/vault/index';
import type { Vault } from '../../../src/main/vault/types';
import { INDEX_TABLES, plaintextColumns, swapColumn } from '../../support/plaintext-swaps';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

/** tenant/env/label → secret; the same label lives in three environments of two tenants. */
const REFS: readonly (readonly [string, string, string])[] = [
  ['acme', 'prod', 'alpha'],
  ['acme', 'prod', 'beta'],
  ['acme', 'dev', 'alpha'],
  ['acme', 'dev', 'gamma'],
  ['umbrella', 'prod', 'alpha'],
  ['umbrella', 'prod', 'delta'],
];
const secretOf = (ref: readonly string[]): string => `secret-of-${ref.join('/')}`;
const ALL_SECRETS = new Set(REFS.map(secretOf));

interface Built {
  readonly path: string;
  readonly password: string;
  readonly ids: Map<string, string>;
}

/** Two tenants, three environments, two token chunks (260 fillers between), and every version status. */
function buildVault(): Built {
  const t = createTempVault();
  const v = t.vault;
  const envs = new Map<string, string>();
  for (const tenant of ['acme', 'umbrella']) {
    const tid = v.addTenant(tenant).id;
    for (const env of tenant === 'acme' ? ['prod', 'dev'] : ['prod']) {
      envs.set(`${tenant}/${env}`, v.addEnvironment(tid, env, env === 'prod' ? 'production' : 'development').id);
    }
  }
  const ids = new Map<string, string>();
  const add = (ref: readonly string[]): void => {
    const token = v.addToken({
      environmentId: envs.get(`${ref[0]}/${ref[1]}`) ?? '',
      label: ref[2] ?? '',
      kind: 'api-key',
      provider: 'manual',
      secret: secretOf(ref),
    });
    ids.set(ref.join('/'), token.id);
  };
  REFS.slice(0, 4).forEach(add);
  v.addTokens(
    Array.from({ length: 260 }, (_, i) => ({
      environmentId: envs.get('acme/dev') ?? '',
      label: `filler-${i}`,
      kind: 'api-key' as const,
      provider: 'manual' as const,
      secret: `filler-secret-${i}`,
    })),
  );
  REFS.slice(4).forEach(add);
  const alpha = ids.get('acme/prod/alpha') ?? '';
  v.addVersion(alpha, 'pending-of-acme/prod/alpha');
  const beta = ids.get('acme/prod/beta') ?? '';
  const first = v.listVersions(beta)[0];
  v.addVersion(beta, secretOf(REFS[1] ?? []), { status: 'current' });
  if (first) v.setVersionStatus(first.id, 'previous');
  v.lock();
  // The main file alone must hold everything: the test copies it.
  const raw = new Database(t.path);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { path: t.path, password: t.password, ids };
}

type Outcome = 'right' | 'refused' | 'not found' | 'wrong secret' | 'internal error' | string;

function lookup(vault: Vault, ref: readonly string[]): Outcome {
  try {
    const token = vault.findToken(ref[0] ?? '', ref[1] ?? '', ref[2] ?? '');
    if (token === null) return 'not found';
    const secret = vault.openSecret(token.id);
    return secret === secretOf(ref) ? 'right' : 'wrong secret';
  } catch (cause) {
    if (!(cause instanceof KeyturnError)) return 'internal error';
    return cause.code === 'VAULT_CORRUPT' ? 'refused' : cause.code === 'NOT_FOUND' ? 'not found' : cause.code;
  }
}

/** Row pairs to swap, per table, named by what they straddle. */
function rowPairs(raw: Database.Database, ids: Map<string, string>): Map<string, [string, number, number][]> {
  const rowid = (table: string, where: string, ...args: unknown[]): number =>
    raw
      .prepare(`SELECT rowid FROM ${table} WHERE ${where}`)
      .pluck()
      .get(...args) as number;
  const token = (ref: string): string => ids.get(ref) ?? '';
  const tokenPairs: [string, string, string][] = [
    ['within an environment', 'acme/prod/alpha', 'acme/prod/beta'],
    ['across environments', 'acme/prod/alpha', 'acme/dev/alpha'],
    ['across tenants', 'acme/prod/alpha', 'umbrella/prod/alpha'],
    ['across tenants and chunks', 'acme/dev/gamma', 'umbrella/prod/delta'],
  ];
  const current = (ref: string): number => rowid('versions', "token_id = ? AND status = 'current'", token(ref));
  const env = (tenant: string, name: string): number =>
    rowid(
      'environments',
      'id = (SELECT environment_id FROM tokens WHERE id = ?)',
      token(`${tenant}/${name}/${name === 'dev' ? 'gamma' : 'alpha'}`),
    );
  return new Map([
    ['tenants', [['across tenants', 1, 2]]],
    [
      'environments',
      [
        ['across environments', env('acme', 'prod'), env('acme', 'dev')],
        ['across tenants', env('acme', 'prod'), env('umbrella', 'prod')],
      ],
    ],
    ['token_chunks', [['across chunks', 1, 2]]],
    [
      'tokens',
      tokenPairs.map(([what, a, b]) => [
        what,
        rowid('tokens', 'id = ?', token(a)),
        rowid('tokens', 'id = ?', token(b)),
      ]),
    ],
    [
      'versions',
      [
        ...tokenPairs.map(([what, a, b]): [string, number, number] => [what, current(a), current(b)]),
        [
          'within a token (current and pending)',
          current('acme/prod/alpha'),
          rowid('versions', "token_id = ? AND status = 'pending'", token('acme/prod/alpha')),
        ],
      ],
    ],
  ]);
}

describe('lookup by name proves the match from sealed data', () => {
  it('never hands out another token’s secret after any swap of a plaintext index column', () => {
    const built = buildVault();
    const work = join(built.path, '..', 'swapped.db');
    const probe = new Database(built.path, { readonly: true });
    const columns = plaintextColumns(probe, INDEX_TABLES);
    const pairs = rowPairs(probe, built.ids);
    probe.close();
    const tally = new Map<Outcome, number>();
    const bad: string[] = [];
    let swaps = 0;
    for (const col of columns) {
      for (const [what, a, b] of pairs.get(col.table) ?? []) {
        copyFileSync(built.path, work);
        const raw = new Database(work);
        const swapped = swapColumn(raw, col, a, b);
        raw.close();
        expect(swapped, `${col.table}.${col.column} ${what}`).toBe(true);
        swaps++;
        const file = openVault(work, { policy: TEST_KDF_POLICY });
        const vault = file.unlock(built.password);
        for (const ref of [...REFS, ['acme', 'prod', 'gamma']]) {
          const outcome = lookup(vault, ref);
          tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
          if (!['right', 'refused', 'not found'].includes(outcome)) {
            bad.push(`${col.table}.${col.column} swapped ${what}: ${ref.join('/')} -> ${outcome}`);
          }
        }
        file.close();
      }
    }
    console.log(
      `${columns.length} plaintext columns of ${INDEX_TABLES.join(', ')}; ${swaps} swaps; lookups: ${[...tally]
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    expect(bad).toEqual([]);
    expect(tally.get('wrong secret') ?? 0).toBe(0);
    expect(tally.get('internal error') ?? 0).toBe(0);
    expect(swaps).toBeGreaterThan(50);
    expect(ALL_SECRETS.size).toBe(REFS.length);
  });

  it('refuses the swapped blind tags of two tokens of one environment (the reported attack)', () => {
    const built = buildVault();
    const raw = new Database(built.path);
    const [tokens] = plaintextColumns(raw, ['tokens']).filter((c) => c.column === 'blind');
    const rowid = (ref: string): number =>
      raw.prepare('SELECT rowid FROM tokens WHERE id = ?').pluck().get(built.ids.get(ref)) as number;
    if (!tokens) throw new Error('no tokens.blind column');
    expect(swapColumn(raw, tokens, rowid('acme/prod/alpha'), rowid('acme/prod/beta'))).toBe(true);
    raw.close();
    const vault = openVault(built.path, { policy: TEST_KDF_POLICY }).unlock(built.password);
    expect(lookup(vault, ['acme', 'prod', 'alpha'])).toBe('refused');
    expect(lookup(vault, ['acme', 'prod', 'beta'])).toBe('refused');
    expect(lookup(vault, ['acme', 'dev', 'alpha'])).toBe('right');
  });

  it('refuses a tenant or environment reached through a swapped blind tag', () => {
    const built = buildVault();
    const raw = new Database(built.path);
    const [tenantBlind] = plaintextColumns(raw, ['tenants']).filter((c) => c.column === 'blind');
    if (!tenantBlind) throw new Error('no tenants.blind column');
    expect(swapColumn(raw, tenantBlind, 1, 2)).toBe(true);
    raw.close();
    const vault = openVault(built.path, { policy: TEST_KDF_POLICY }).unlock(built.password);
    const code = (work: () => unknown): string => {
      try {
        work();
        return 'OPENED';
      } catch (cause) {
        return cause instanceof KeyturnError ? cause.code : 'internal error';
      }
    };
    expect(code(() => vault.findTenant('acme'))).toBe('VAULT_CORRUPT');
    expect(code(() => vault.findTenant('umbrella'))).toBe('VAULT_CORRUPT');
    expect(lookup(vault, ['umbrella', 'prod', 'alpha'])).toBe('refused');
  });
});
