/**
 * vault:outline — the sidebar: tenants › environments with their token counts and how many are
 * expiring or expired, plus the totals for "All tokens" and "Expiring soon". Revoked tokens are
 * counted apart (history, listed but not usable). One pass over the token list, or over the
 * first-screen record's facts while the list is not decrypted yet (first-screen.ts).
 */
import type { ExpiryState } from '../../shared/model';
import type { OutlineCounts, OutlineEnvironment, OutlineTenant, VaultOutline } from '../../shared/window-views';
import { expiryState } from '../lifecycle/expiry';
import { compareLabels } from '../vault/label-order';
import { leadTimesFor } from './window-settings';
import { requireVault, type AppContext } from './context';
import { currentFirstScreen, groupCounts } from './first-screen';
import { decryptListSoon, mayAnswerFromRecord } from './token-window';

type Counter = { -readonly [K in keyof OutlineCounts]: number };

const zero = (): Counter => ({ tokens: 0, expiring: 0, expired: 0, revoked: 0 });

/** Names in the labels' order (one collator for the process, made by the warm-up while locked). */
function byName(a: { readonly name: string }, b: { readonly name: string }): number {
  return compareLabels(a.name, b.name);
}

export function readOutline(context: AppContext): VaultOutline {
  const vault = requireVault(context);
  const now = context.clock.now();
  const leadTimes = leadTimesFor(context, vault);
  const all = zero();
  const byEnvironment = new Map<string, Counter>();
  const counterOf = (environmentId: string): Counter => {
    const counter = byEnvironment.get(environmentId) ?? zero();
    byEnvironment.set(environmentId, counter);
    return counter;
  };
  const record = mayAnswerFromRecord(vault) ? currentFirstScreen(vault) : null;
  if (record !== null) {
    decryptListSoon(context, vault);
    for (const group of record.groups) {
      const counts = groupCounts(group, now, leadTimes);
      add(counterOf(group.environmentId), counts);
      add(all, counts);
    }
  } else {
    for (const token of vault.listTokens()) {
      const state = token.revoked ? null : expiryState(token, now, leadTimes);
      count(counterOf(token.environmentId), state);
      count(all, state);
    }
  }
  const connections = vault.listConnections();
  const environments = vault.listEnvironments().map((environment): OutlineEnvironment => ({
    ...environment,
    ...(byEnvironment.get(environment.id) ?? zero()),
    connections: connections
      .filter((c) => c.environmentId === environment.id)
      .map((c) => ({ id: c.id, provider: c.provider })),
  }));
  const tenants = vault.listTenants().map((tenant): OutlineTenant => {
    const own = environments.filter((e) => e.tenantId === tenant.id).sort(byName);
    return { ...tenant, ...sum(own), environments: own };
  });
  return { all, tenants: tenants.sort(byName) };
}

/** `state`: the token's expiry state, worked out once for both counters; null when revoked. */
function count(counter: Counter, state: ExpiryState | null): void {
  if (state === null) {
    counter.revoked += 1;
    return;
  }
  counter.tokens += 1;
  if (state === 'expiring') counter.expiring += 1;
  else if (state === 'expired') counter.expired += 1;
}

function add(counter: Counter, counts: OutlineCounts): void {
  counter.tokens += counts.tokens;
  counter.expiring += counts.expiring;
  counter.expired += counts.expired;
  counter.revoked += counts.revoked;
}

function sum(parts: readonly OutlineCounts[]): OutlineCounts {
  return parts.reduce(
    (total, part) => ({
      tokens: total.tokens + part.tokens,
      expiring: total.expiring + part.expiring,
      expired: total.expired + part.expired,
      revoked: total.revoked + part.revoked,
    }),
    zero(),
  );
}
