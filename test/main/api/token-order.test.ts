/**
 * The sort orders the windowed query keeps between keystrokes, at 100k tokens: sorted (every
 * neighbour in order), a permutation, and after adds, removals, renames and expiry changes the
 * carried-over order equals a fresh full sort.
 */
import { describe, expect, it } from 'vitest';
import type { TokenView } from '../../../src/shared/model';
import type { TokenSort } from '../../../src/shared/ipc-window-channels';
import { compareLabels } from '../../../src/main/vault/label-order';
import { TokenOrders } from '../../../src/main/api/token-order';

const byLabel = compareLabels;

const N = 100_000;
/** CPU time: the machine is shared, wall time says more about the neighbours than about the code. */
const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function token(i: number, overrides: Partial<TokenView> = {}): TokenView {
  return {
    id: `t${i.toString(36).padStart(6, '0')}`,
    tenantId: 'tenant',
    environmentId: `env${i % 50}`,
    label: `${['svc', 'Svc', 'ápi', 'db'][i % 4]} ${i % 997} ${i % 7 === 0 ? 'key' : 'token'}`,
    kind: 'api-key',
    provider: 'manual',
    connectionId: null,
    providerKeyId: null,
    expiresAt: i % 9 === 0 ? null : 1_700_000_000_000 + (i % 5000) * 60_000,
    expirySource: null,
    lastVerifiedAt: null,
    lastUsedAt: i % 13 === 0 ? 1_700_000_000_000 + (i % 311) * 1000 : null,
    rotationPolicy: null,
    tags: [],
    notes: '',
    revoked: i % 101 === 0,
    createdAt: 1_600_000_000_000 + i,
    updatedAt: 1_600_000_000_000 + i,
    ...overrides,
  };
}

function assertPermutation(order: Int32Array, length: number): void {
  expect(order.length).toBe(length);
  const seen = new Uint8Array(length);
  for (const position of order) seen[position] = 1;
  expect(seen.every((x) => x === 1)).toBe(true);
}

function assertSortedByLabel(order: Int32Array, list: readonly TokenView[]): void {
  for (let i = 1; i < order.length; i++) {
    const a = list[order[i - 1] as number] as TokenView;
    const b = list[order[i] as number] as TokenView;
    if (byLabel(a.label, b.label) > 0) throw new Error(`out of order at ${i}: ${a.label} > ${b.label}`);
  }
}

describe('the label order', () => {
  it('ignores case and accents and puts numbers in numeric order', () => {
    const labels = ['Key 10', 'key 2', 'ÁPI key', 'api Key 01', 'Zeta', 'alpha 100', 'alpha 99', 'Éclair', 'key 2b'];
    expect(labels.sort(byLabel)).toEqual([
      'alpha 99',
      'alpha 100',
      'ÁPI key',
      'api Key 01',
      'Éclair',
      'key 2',
      'key 2b',
      'Key 10',
      'Zeta',
    ]);
    expect(byLabel('Key 007', 'key 7')).toBe(0);
    expect(byLabel('v1.10', 'v1.9')).toBeGreaterThan(0);
    expect(byLabel('a', 'a1')).toBeLessThan(0);
  });
});

describe('token orders at 100k tokens', () => {
  const list = Array.from({ length: N }, (_, i) => token(i));

  it('sorts 100k labels in locale order (numbers numerically), as a permutation', () => {
    const orders = new TokenOrders();
    const started = cpuMs();
    const order = orders.order(list, 'label');
    const fullMs = cpuMs() - started;
    assertPermutation(order, N);
    assertSortedByLabel(order, list);
    const again = performance.now();
    expect(orders.order(list, 'label')).toBe(order);
    console.log(
      `100k labels: full sort ${fullMs.toFixed(0)} ms, same list again ${(performance.now() - again).toFixed(2)} ms`,
    );
  });

  it('carries each order over to a changed list exactly as a fresh sort would order it', () => {
    const orders = new TokenOrders();
    const sorts: TokenSort[] = ['label', 'expiry', 'recent'];
    for (const sort of sorts) orders.order(list, sort);
    // Another list: 300 removed, 200 renamed, 100 with a new expiry, 150 used, 500 added at the end.
    const changed = list
      .filter((_, i) => i % 333 !== 5)
      .map((t, i) => {
        if (i % 500 === 7) return { ...t, label: `renamed ${i}` };
        if (i % 1000 === 3) return { ...t, expiresAt: 1_650_000_000_000 + i };
        if (i % 666 === 1) return { ...t, lastUsedAt: 1_800_000_000_000 + i };
        return i % 3 === 0 ? { ...t } : t;
      })
      .concat(Array.from({ length: 500 }, (_, i) => token(N + i)));
    for (const sort of sorts) {
      const started = cpuMs();
      const carried = orders.order(changed, sort);
      const carriedMs = cpuMs() - started;
      const fresh = new TokenOrders().order(changed, sort);
      assertPermutation(carried, changed.length);
      expect(Array.from(carried)).toEqual(Array.from(fresh));
      console.log(`${sort}: carried over to ${changed.length} tokens in ${carriedMs.toFixed(0)} ms CPU`);
    }
  });

  it('carries an order over edits and tokens added at the end (positions unchanged) as a fresh sort would', () => {
    const orders = new TokenOrders();
    orders.order(list, 'label');
    const edited = list
      .map((t, i) => (i % 997 === 0 ? { ...t, label: `edited ${i}` } : i % 256 === 0 ? { ...t } : t))
      .concat(Array.from({ length: 40 }, (_, i) => token(N + i)));
    const carried = orders.order(edited, 'label');
    expect(Array.from(carried)).toEqual(Array.from(new TokenOrders().order(edited, 'label')));
  });

  it('puts tokens without an expiry (or revoked) after the rest, and never-used tokens after used ones', () => {
    const orders = new TokenOrders();
    const expiry = orders.order(list, 'expiry');
    const firstWithout = expiry.findIndex((p) => {
      const t = list[p] as TokenView;
      return t.expiresAt === null || t.revoked;
    });
    for (let i = firstWithout; i < expiry.length; i++) {
      const t = list[expiry[i] as number] as TokenView;
      expect(t.expiresAt === null || t.revoked).toBe(true);
    }
    const recent = orders.order(list, 'recent');
    const used = list.filter((t) => t.lastUsedAt !== null).length;
    const usedTimes = Array.from(recent.slice(0, used), (p) => (list[p] as TokenView).lastUsedAt as number);
    expect(usedTimes.every((at, i) => i === 0 || at <= (usedTimes[i - 1] as number))).toBe(true);
    assertSortedByLabel(recent.slice(used), list);
  });
});
