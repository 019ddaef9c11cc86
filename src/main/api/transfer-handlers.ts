/**
 * import:dotenv (variables parsed by the caller, the vault write here), backup:export and
 * backup:restore (the whole vault sealed under a passphrase). All audited; long work reports
 * progress.
 */
import type { ImportCounts } from '../../shared/ipc-cli-channels';
import type { ProviderId } from '../../shared/model';
import type { Vault } from '../vault/types';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import type { Recognition } from './recognise';
import { recogniser } from './recognise';
import { requireEnvironment } from './resolve';

type TransferChannels = 'import:dotenv' | 'backup:export' | 'backup:restore';

interface ImportTarget {
  readonly vault: Vault;
  readonly tenantName: string;
  readonly environmentName: string;
  readonly environmentId: string;
  readonly provider: ProviderId | undefined;
  readonly overwrite: boolean;
  readonly recognise: (secret: string) => Recognition;
}

/** One variable: added, or (with overwrite) a new current version, or skipped because it exists. */
function importOne(target: ImportTarget, name: string, secret: string): keyof ImportCounts {
  const { vault, environmentId } = target;
  const guess = target.recognise(secret);
  const existing = vault.findToken(target.tenantName, target.environmentName, name);
  if (existing && !target.overwrite) return 'skipped';
  if (existing) {
    // One transaction: a kill cannot leave the new value pending (it used to block every later overwrite).
    vault.addVersion(existing.id, secret, { status: 'current', expiresAt: guess.expiresAt });
    return 'updated';
  }
  const provider = target.provider ?? guess.provider ?? 'manual';
  vault.addToken({
    environmentId,
    label: name,
    kind: guess.kind ?? 'manual',
    provider,
    secret,
    connectionId: vault.findConnection(environmentId, provider)?.id ?? null,
    expiresAt: guess.expiresAt,
    expirySource: guess.expirySource,
  });
  return 'added';
}

export const transferHandlers: HandlerBodies<TransferChannels> = {
  'import:dotenv': async ({ entries, provider, overwrite, ...ref }, context) => {
    const vault = requireVault(context);
    const { tenant, environment } = requireEnvironment(vault, ref);
    const target: ImportTarget = {
      vault,
      tenantName: tenant.name,
      environmentName: environment.name,
      environmentId: environment.id,
      provider,
      overwrite,
      recognise: await recogniser(),
    };
    const counts = { added: 0, updated: 0, skipped: 0 };
    entries.forEach(([name, secret], i) => {
      counts[importOne(target, name, secret)] += 1;
      const done = i + 1;
      if (done % 100 === 0 || done === entries.length) {
        context.progress?.({ kind: 'count', label: 'imported', done, total: entries.length });
      }
    });
    vault.audit('import', environment.id, `${context.callerName ?? 'app'} import of ${entries.length} variables`);
    return counts;
  },

  'backup:export': async ({ passphrase }, context) => {
    const vault = requireVault(context);
    const { buildBackup, sealBackup } = await import('./backup');
    context.progress?.({ kind: 'call', label: 'Encrypting the backup' });
    const payload = buildBackup(vault, context.clock.now());
    const backup = sealBackup(payload, passphrase);
    const tokens = payload.tenants.flatMap((t) => t.environments).reduce((n, e) => n + e.tokens.length, 0);
    vault.audit('export', null, `${context.callerName ?? 'app'} encrypted backup of ${tokens} tokens`);
    return { backup, tenants: payload.tenants.length, tokens };
  },

  'backup:restore': async ({ backup, passphrase }, context) => {
    const vault = requireVault(context);
    const { openBackup, restoreBackup } = await import('./backup');
    const counts = restoreBackup(vault, openBackup(backup, passphrase), (done) => {
      if (done % 100 === 0) context.progress?.({ kind: 'count', label: 'restored', done, total: null });
    });
    vault.audit('import', null, `${context.callerName ?? 'app'} restore of ${counts.tokens} tokens from a backup`);
    return counts;
  },
};
