/**
 * import:dotenv (variables parsed by the caller; the plan and the one-transaction write are
 * transfer/import-plan.ts, shared with the window's import), backup:export and
 * backup:restore (the whole vault sealed under a passphrase). All audited; long work reports
 * progress.
 */
import { applyImport, type ImportTarget } from '../transfer/import-plan';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { recogniser } from '../providers/recognise';
import { requireEnvironment } from './resolve';

type TransferChannels = 'import:dotenv' | 'backup:export' | 'backup:restore';

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
      recognise: await recogniser(),
    };
    // The plan is read first; the writes go in one transaction at the end.
    const rules = { overwriteChanged: overwrite, overwriteSame: overwrite };
    const counts = applyImport(target, entries, rules, (done, total) =>
      context.progress?.({ kind: 'count', label: 'imported', done, total }),
    );
    vault.audit('import', environment.id, `${context.callerName ?? 'app'} import of ${entries.length} variables`);
    return { added: counts.added, updated: counts.updated, skipped: counts.skipped + counts.unchanged };
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
