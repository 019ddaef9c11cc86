/**
 * Names to records for handlers that take references (the CLI's `tenant/env/label`): one clear
 * NOT_FOUND per miss, and token lookups through the vault's blind index (constant in vault size).
 */
import { KeyturnError } from '../../shared/errors';
import type { TokenSelector } from '../../shared/ipc-cli-channels';
import type { EnvironmentView, TenantView, TokenView } from '../../shared/model';
import type { Vault } from '../vault/types';

export function requireTenant(vault: Vault, name: string): TenantView {
  const tenant = vault.findTenant(name);
  if (!tenant) throw new KeyturnError('NOT_FOUND', `No tenant "${name}"`);
  return tenant;
}

export function requireEnvironment(
  vault: Vault,
  ref: { readonly tenant: string; readonly environment: string },
): { tenant: TenantView; environment: EnvironmentView } {
  const tenant = requireTenant(vault, ref.tenant);
  const environment = vault.findEnvironment(tenant.id, ref.environment);
  if (!environment) throw new KeyturnError('NOT_FOUND', `No environment "${ref.tenant}/${ref.environment}"`);
  return { tenant, environment };
}

/** By id, or by reference through the blind index: never a scan of all tokens. */
export function selectToken(vault: Vault, selector: TokenSelector): TokenView {
  if ('tokenId' in selector) return vault.getToken(selector.tokenId);
  const { tenant, environment, label } = selector.ref;
  const token = vault.findToken(tenant, environment, label);
  if (!token) throw new KeyturnError('NOT_FOUND', `No token "${tenant}/${environment}/${label}"`);
  return token;
}
