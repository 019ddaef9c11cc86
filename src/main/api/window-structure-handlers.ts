/**
 * Tenants and environments from the window, by id: rename (and an environment's kind), what a
 * removal would take with it, and the removal itself. The window shows the impact and sends back
 * the token count the user confirmed; if the vault holds another count by then, nothing is removed.
 */
import { KeyturnError } from '../../shared/errors';
import type { RemovalImpact, RemovedTokens } from '../../shared/window-views';
import type { Vault } from '../vault/types';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';

type StructureChannels =
  | 'tenant:rename'
  | 'tenant:removal'
  | 'tenant:delete'
  | 'environment:update'
  | 'environment:removal'
  | 'environment:delete';

export const windowStructureHandlers: HandlerBodies<StructureChannels> = {
  'tenant:rename': ({ tenantId, name }, context) => requireVault(context).renameTenant(tenantId, name),

  'tenant:removal': async ({ tenantId }, context) => {
    const vault = requireVault(context);
    return impactOf(vault, environmentsOfTenant(vault, tenantId));
  },

  'tenant:delete': async ({ tenantId, expectedTokens }, context) => {
    const vault = requireVault(context);
    const impact = await impactOf(vault, environmentsOfTenant(vault, tenantId));
    assertRemovable(impact, expectedTokens);
    return removed(tenantId, vault.removeTenantCascade(tenantId).tokens);
  },

  'environment:update': ({ environmentId, name, kind }, context) =>
    requireVault(context).updateEnvironment(environmentId, { name, kind }),

  'environment:removal': async ({ environmentId }, context) => {
    const vault = requireVault(context);
    return impactOf(vault, [requireEnvironmentId(vault, environmentId)]);
  },

  'environment:delete': async ({ environmentId, expectedTokens }, context) => {
    const vault = requireVault(context);
    assertRemovable(await impactOf(vault, [requireEnvironmentId(vault, environmentId)]), expectedTokens);
    return removed(environmentId, vault.removeEnvironmentCascade(environmentId).tokens);
  },
};

function removed(id: string, tokens: number): RemovedTokens {
  return { removed: id, tokens };
}

function environmentsOfTenant(vault: Vault, tenantId: string): string[] {
  if (!vault.listTenants().some((t) => t.id === tenantId))
    throw new KeyturnError('NOT_FOUND', 'This tenant no longer exists.');
  return vault.listEnvironments(tenantId).map((e) => e.id);
}

function requireEnvironmentId(vault: Vault, environmentId: string): string {
  if (!vault.listEnvironments().some((e) => e.id === environmentId))
    throw new KeyturnError('NOT_FOUND', 'This environment no longer exists.');
  return environmentId;
}

/** Counted from the token list in memory; a token's current provider key says it is live there. */
async function impactOf(vault: Vault, environmentIds: readonly string[]): Promise<RemovalImpact> {
  const inside = new Set(environmentIds);
  const tokens = vault.listTokens().filter((t) => inside.has(t.environmentId));
  const { parseJournal } = await import('../lifecycle/rotation-state');
  const busy = new Set<string>();
  let busyElsewhere = false;
  for (const entry of vault.listJournal({ unfinishedOnly: true })) {
    const { rotation } = parseJournal(entry);
    if (rotation.tokenId !== null) busy.add(rotation.tokenId);
    else if (inside.has(rotation.environmentId)) busyElsewhere = true;
  }
  return {
    environments: environmentIds.length,
    connections: vault.listConnections().filter((c) => inside.has(c.environmentId)).length,
    tokens: tokens.length,
    tokensWithLiveKeys: tokens.filter((t) => !t.revoked && t.providerKeyId !== null).length,
    tokensInRotation: tokens.filter((t) => busy.has(t.id)).length + (busyElsewhere ? 1 : 0),
  };
}

function assertRemovable(impact: RemovalImpact, expectedTokens: number): void {
  if (impact.tokensInRotation > 0)
    throw new KeyturnError(
      'ROTATION_IN_PROGRESS',
      'A rotation is still running here; let it finish (or abandon it) before removing.',
    );
  if (impact.tokens !== expectedTokens)
    throw new KeyturnError(
      'INVALID_INPUT',
      `It now holds ${impact.tokens} tokens, not ${expectedTokens}; nothing was removed. Check and confirm again.`,
    );
}
