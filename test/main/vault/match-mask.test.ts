/**
 * matchTokens (the search as a mask over listTokens, which the window's query uses per keystroke)
 * marks exactly the tokens searchTokens returns, by label, provider, tags, tenant and environment
 * names; and the window's query falls back to placing the matches when another process wrote
 * between its list and its mask (the mask then belongs to a newer list).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenView } from '../../../src/shared/model';
import { maskOf } from '../../../src/main/api/token-matches';
import { openVault } from '../../../src/main/vault/index';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault, type TempVault } from '../../support/vault-temp';

let t: TempVault;
let envs: string[];

beforeEach(() => {
  t = createTempVault();
  const acme = t.vault.addTenant('Acme');
  const beta = t.vault.addTenant('Béta');
  envs = [
    t.vault.addEnvironment(acme.id, 'prod', 'production').id,
    t.vault.addEnvironment(beta.id, 'staging', 'staging').id,
  ];
  t.vault.addTokens(
    Array.from({ length: 700 }, (_, i) => ({
      environmentId: envs[i % 2] as string,
      label: `${['Deploy', 'ci', 'Ωmega'][i % 3]} key ${i}`,
      kind: 'api-key' as const,
      provider: i % 5 === 0 ? ('satori' as const) : ('manual' as const),
      secret: `s-${i}`,
      tags: i % 7 === 0 ? ['nightly'] : [],
    })),
  );
});

afterEach(() => t.vault.lock());

const marked = (list: readonly TokenView[], mask: Uint8Array): string[] =>
  list.filter((_, i) => mask[i] === 1).map((token) => token.id);

describe('matchTokens', () => {
  it('marks exactly what searchTokens finds, in any case, and nothing for an empty query', () => {
    for (const query of ['key 1', 'DEPLOY', 'ωMEGA', 'satori', 'nightly', 'acme', 'béta', 'staging', 'zzz', ' ci ']) {
      const mask = t.vault.matchTokens(query);
      if (mask === null) throw new Error(`no mask for "${query}"`);
      const list = t.vault.listTokens();
      expect(mask.length).toBe(list.length);
      expect(marked(list, mask), query).toEqual(t.vault.searchTokens(query).map((token) => token.id));
    }
    expect(t.vault.matchTokens('')).toBeNull();
    expect(t.vault.matchTokens('   ')).toBeNull();
  });

  it('is placed on the list the query holds when another process wrote in between', () => {
    const list = t.vault.listTokens();
    const other = openVault(t.path, { policy: TEST_KDF_POLICY }).unlock(t.password);
    try {
      const moved = list[3] as TokenView;
      other.updateToken(moved.id, { label: 'renamed deploy key' });
      other.addToken({
        environmentId: envs[0] as string,
        label: 'deploy new',
        kind: 'manual',
        provider: 'manual',
        secret: 'x',
      });
      const mask = maskOf(t.vault, list, 'deploy') as Uint8Array;
      expect(t.vault.listTokens()).not.toBe(list);
      expect(mask.length).toBe(list.length);
      const now = new Set(t.vault.searchTokens('deploy').map((token) => token.id));
      expect(marked(list, mask)).toEqual(list.filter((token) => now.has(token.id)).map((token) => token.id));
      expect(mask[3]).toBe(1);
    } finally {
      other.lock();
    }
  });
});
