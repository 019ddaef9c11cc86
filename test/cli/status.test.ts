/**
 * Issue 9: `status` counted "expiring within 7 days" (expired ones included) while `ls` says
 * `expiring` by each kind's lead time, so the two disagreed; and `ls` never said what STATE
 * `unknown` means. Now status counts the ls states, and ls explains the states it shows.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const dir = tempDir('status');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: 'status password' } };

async function ok(args: string[], options: RunOptions = asUser): Promise<{ stdout: string; stderr: string }> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
  return result;
}

beforeAll(async () => {
  await ensureBuilt();
  await initVault(asUser, ['acme/prod']);
  const tokens: [string, string[]][] = [
    ['key-in-10-days', ['--kind', 'api-key', '--expires', '10d']], // expiring: inside 14 days, beyond 7
    ['session-in-2-hours', ['--kind', 'session', '--expires', '2h']], // fresh: a session's lead is 5 minutes
    ['old', ['--kind', 'manual', '--expires', '2020-01-01']], // expired
    ['key-in-90-days', ['--kind', 'api-key', '--expires', '90d']], // fresh
    ['no-expiry', ['--kind', 'manual']], // unknown
  ];
  for (const [label, flags] of tokens)
    await ok(['add', `acme/prod/${label}`, ...flags], { ...asUser, stdin: `${label}-value\n` });
});

describe('status and ls', () => {
  it('count expiring and expired tokens by the same rule', async () => {
    const rows = s.parseJson(s.tokenList, (await ok(['ls', '--json'])).stdout);
    const byState = (state: string): string[] => rows.filter((r) => r.expiryState === state).map((r) => r.label);
    expect(byState('expiring')).toEqual(['key-in-10-days']);
    expect(byState('expired')).toEqual(['old']);
    const status = s.parseJson(
      s.statusOutput,
      (await ok(['status', '--json'], { env: { KEYTURN_VAULT: asUser.env?.KEYTURN_VAULT } })).stdout,
    );
    expect({ expiring: status.expiring, expired: status.expired }).toEqual({ expiring: 1, expired: 1 });
    const human = (await ok(['status'])).stdout;
    expect(human).toContain('Expiring:  1 (within their kind');
    expect(human).toContain('Expired:   1');
  });

  it('explains the expiring and unknown states under the table, on stderr', async () => {
    const listing = await ok(['ls']);
    expect(listing.stdout).toContain('acme/prod/no-expiry');
    expect(listing.stderr).toBe(
      [
        "expiring: expires within its kind's warning time (14 days for api-key, personal-access-token, admin-key, manual; 7 days for satellite-token; 5 minutes for session)",
        'unknown: Keyturn knows no expiry for it (none from the provider, the token itself or --expires); keyturn verify may learn it from the provider',
        '',
      ].join('\n'),
    );
    expect((await ok(['ls', '--status', 'fresh'])).stderr).toBe('');
    expect((await ok(['ls', '--json'])).stderr).toBe('');
  });
});
