/** Turning names into vault records, with one clear NOT_FOUND line for each miss. */
import { KeyturnError } from '../shared/errors';
import type { EnvironmentView, TenantView, TokenView } from '../shared/model';
import type { Vault } from '../main/vault/types';
import { formatTokenRef, type EnvRef, type TokenRef } from './ref';

export function requireTenant(vault: Vault, name: string): TenantView {
  const tenant = vault.findTenant(name);
  if (!tenant) throw new KeyturnError('NOT_FOUND', `No tenant "${name}"`);
  return tenant;
}

export function requireEnvironment(vault: Vault, ref: EnvRef): { tenant: TenantView; environment: EnvironmentView } {
  const tenant = requireTenant(vault, ref.tenant);
  const environment = vault.findEnvironment(tenant.id, ref.environment);
  if (!environment) throw new KeyturnError('NOT_FOUND', `No environment "${ref.tenant}/${ref.environment}"`);
  return { tenant, environment };
}

/** Blind-index lookup: constant in vault size, never a scan of all tokens. */
export function requireToken(vault: Vault, ref: TokenRef): TokenView {
  const token = vault.findToken(ref.tenant, ref.environment, ref.label);
  if (!token) throw new KeyturnError('NOT_FOUND', `No token "${formatTokenRef(ref)}"`);
  return token;
}

/** Names for ids, built once per command that prints many tokens. */
export interface NameIndex {
  readonly tenants: ReadonlyMap<string, TenantView>;
  readonly environments: ReadonlyMap<string, EnvironmentView>;
}

export function nameIndex(vault: Vault): NameIndex {
  return {
    tenants: new Map(vault.listTenants().map((t) => [t.id, t])),
    environments: new Map(vault.listEnvironments().map((e) => [e.id, e])),
  };
}

export function refOf(index: NameIndex, token: TokenView): string {
  const tenant = index.tenants.get(token.tenantId)?.name ?? '?';
  const environment = index.environments.get(token.environmentId)?.name ?? '?';
  return `${tenant}/${environment}/${token.label}`;
}
