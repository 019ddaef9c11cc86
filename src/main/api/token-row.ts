/**
 * One row of the window's token list: a token's metadata as the list shows it, with its tenant's
 * and environment's names and the label ranges that matched. Never a secret.
 */
import type { EnvironmentView, TokenView } from '../../shared/model';
import type { TokenRow } from '../../shared/window-views';
import { expiryState, type LeadTimes } from '../lifecycle/expiry';
import type { Vault } from '../vault/types';
import { matchRanges } from './match-ranges';

export interface Names {
  readonly tenants: ReadonlyMap<string, string>;
  readonly environments: ReadonlyMap<string, EnvironmentView>;
  /** Every id, name and kind in one string: a change to any of them changes it. */
  readonly key: string;
}

export function readNames(vault: Vault): Names {
  const tenants = new Map(vault.listTenants().map((t) => [t.id, t.name]));
  const environments = new Map(vault.listEnvironments().map((e) => [e.id, e]));
  let key = '';
  for (const [id, name] of tenants) key += `${id}\u0000${name}\u0000`;
  for (const e of environments.values()) key += `${e.id}\u0000${e.name}\u0000${e.kind}\u0000`;
  return { tenants, environments, key };
}

export function toRow(token: TokenView, names: Names, needle: string, now: number, leadTimes: LeadTimes): TokenRow {
  const environment = names.environments.get(token.environmentId);
  return {
    id: token.id,
    label: token.label,
    labelMatches: matchRanges(token.label, needle),
    tenantId: token.tenantId,
    tenantName: names.tenants.get(token.tenantId) ?? '',
    environmentId: token.environmentId,
    environmentName: environment?.name ?? '',
    environmentKind: environment?.kind ?? 'custom',
    provider: token.provider,
    kind: token.kind,
    expiresAt: token.expiresAt,
    expiryState: expiryState(token, now, leadTimes),
    lastUsedAt: token.lastUsedAt,
    tags: token.tags,
    revoked: token.revoked,
  };
}
