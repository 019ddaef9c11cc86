/**
 * The first query after unlock answers from a selection instead of a full sort (first-rows.ts),
 * and the work the next keystroke needs (the full order, the search haystacks) is done after the
 * answer, one slice per turn of the event loop. Answers must be exactly those of a full sort, at
 * the top, on the last page and deep down, and the work after the answer must stop at a lock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenView } from '../../../src/shared/model';
import { selectFirst } from '../../../src/main/vault/first-rows';
import { compareLabels } from '../../../src/main/vault/label-order';
import { comparator } from '../../../src/main/api/token-order';
import { API_PASSWORD, createApiFixture, value, type ApiFixture } from '../../support/api-fixture';

const turns = async (count: number): Promise<void> => {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A deterministic shuffle: labels must not arrive in label order, or a selection proves nothing. */
const scrambled = (i: number): number => (i * 7919) % 3001;

describe('selectFirst', () => {
  const list = Array.from(
    { length: 3001 },
    (_, i) =>
      ({
        id: `t${(3001 - i).toString(36).padStart(4, '0')}`,
        label: `${['svc', 'Svc', 'ápi', 'db'][i % 4]} ${scrambled(i) % 500}`,
        createdAt: scrambled(i) % 7,
      }) as TokenView,
  );
  const compare = comparator(list, 'label');
  const everything = Int32Array.from(list, (_, i) => i);
  const sorted = Array.from(everything).sort(compare);

  it('picks exactly the positions a full sort puts first, ties broken by age and id', () => {
    for (const count of [0, 1, 60, 999, 3001, 5000]) {
      expect(Array.from(selectFirst(everything, count, compare)), `first ${count}`).toEqual(sorted.slice(0, count));
    }
  });

  it('selects among the given positions only (the matches), in order', () => {
    const matches = everything.filter((i) => i % 3 === 0);
    expect(Array.from(selectFirst(matches, 50, compare))).toEqual(sorted.filter((i) => i % 3 === 0).slice(0, 50));
  });
});

describe('the first query after unlock', () => {
  let f: ApiFixture;
  let reference: string[];

  beforeEach(async () => {
    f = await createApiFixture();
    const vault = f.vault();
    const tenant = vault.addTenant('Acme');
    const env = vault.addEnvironment(tenant.id, 'prod', 'production');
    vault.addTokens(
      Array.from({ length: 1500 }, (_, i) => ({
        environmentId: env.id,
        label: `Key ${scrambled(i)} ${['alpha', 'Beta', 'gämma'][i % 3]}`,
        kind: 'api-key' as const,
        provider: 'manual' as const,
        secret: `s-${i}`,
      })),
    );
    reference = [...vault.listTokens()]
      .sort((a, b) => compareLabels(a.label, b.label) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map((t) => t.id);
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
  });

  afterEach(() => f.close());

  it('answers the top, the last page and deep down exactly as the full sort orders them', async () => {
    const ids = async (offset: number): Promise<string[]> =>
      value(await f.api['tokens:window']({ offset, limit: 40 })).rows.map((row) => row.id);
    expect(await ids(0)).toEqual(reference.slice(0, 40));
    expect(await ids(9999)).toEqual(reference.slice(1460)); // clamped to the last page: sorted whole
    value(await f.api['vault:lock']({}));
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    expect(await ids(960)).toEqual(reference.slice(960, 1000)); // the deepest a selection answers
    await turns(5);
    expect(await ids(1200)).toEqual(reference.slice(1200, 1240));
  });

  it('builds the search haystacks after the answer, in slices, and search answers the same', async () => {
    const vault = f.vault();
    // Rows past the first-screen record's: answered from the list, by selection.
    value(await f.api['tokens:window']({ offset: 300, limit: 40 }));
    expect(vault.prepareSearch(0)).toBe(false); // not paid for before the first rows
    await turns(1);
    expect(vault.prepareSearch(0)).toBe(false); // the first turn sorts; slices follow
    await turns(20);
    expect(vault.prepareSearch(0)).toBe(true);
    const matched = value(await f.api['tokens:window']({ text: 'GÄMMA', limit: 40 })).matched;
    expect(matched).toBe(500);
  });

  it('stops the work after the answer when the vault locks, and starts over at the next unlock', async () => {
    value(await f.api['tokens:window']({ limit: 40 }));
    value(await f.api['vault:lock']({}));
    await turns(20);
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    const answer = value(await f.api['tokens:window']({ text: 'key 1', limit: 40 }));
    expect(answer.rows.map((row) => row.id)).toEqual(
      reference.filter((id) => f.vault().getToken(id).label.toLowerCase().includes('key 1')).slice(0, 40),
    );
  });
});
