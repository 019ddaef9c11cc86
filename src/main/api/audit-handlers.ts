/** audit:list (newest entries, details never hold a secret) and audit:verify (the MAC chain). */
import { requireVault } from './context';
import type { HandlerBodies } from './handler';

export const auditHandlers: HandlerBodies<'audit:list' | 'audit:verify'> = {
  'audit:list': ({ limit }, context) => requireVault(context).listAudit({ limit }),
  'audit:verify': (_input, context) => requireVault(context).verifyAudit(),
};
