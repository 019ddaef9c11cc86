/**
 * connection:doctor — what works against the provider behind an environment's connection: the
 * adapter's cheapest checks, and with `lifecycle` a create → verify → rotate → revoke on
 * throwaway keys (providers/conformance.ts). Audited; nothing is stored but the session.
 */
import { requireVault } from './context';
import { providerClients } from './fresh';
import type { HandlerBodies } from './handler';
import { connectionFor } from './lifecycle-handlers';
import { requireEnvironment } from './resolve';

export const doctorHandlers: HandlerBodies<'connection:doctor'> = {
  'connection:doctor': async ({ provider, lifecycle, ...ref }, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, ref);
    const connection = connectionFor(vault, environment.id, provider);
    const client = (await providerClients(vault, context)).get(connection.id);
    const { runConformance } = await import('../providers/conformance');
    context.progress?.({ kind: 'call', label: `checking ${connection.provider} at ${connection.baseUrl}` });
    const checks = await runConformance(client, { lifecycle, now: () => context.clock.now() });
    const failed = checks.filter((check) => check.status === 'fail').length;
    vault.audit(
      'verify',
      connection.id,
      `doctor${lifecycle ? ' --lifecycle' : ''}: ${checks.length - failed} passed, ${failed} failed`,
    );
    return { provider: connection.provider, baseUrl: connection.baseUrl, ok: failed === 0, checks };
  },
};
