/**
 * The window's lifecycle actions beyond create/rotate/revoke/verify: the list of pending work
 * (unfinished journals, revoke-failed keys) with retry, the guided manual rotation (paste the new
 * value, then confirm the old key is revoked), connection forms and a connection test.
 * Lifecycle code loads on first use, as in lifecycle-handlers.ts.
 */
import { KeyturnError } from '../../shared/errors';
import type { ConnectionTest } from '../../shared/window-views';
import type { ParsedInput } from '../../shared/ipc';
import type { Credential, Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import type { HandlerBodies } from './handler';
import { lifecycleRun, toResult } from './lifecycle-handlers';

type WindowLifecycleChannels =
  | 'rotations:list'
  | 'rotation:retry'
  | 'rotation:manual-start'
  | 'rotation:manual-submit'
  | 'rotation:manual-confirm'
  | 'providers:forms'
  | 'connection:test';

export const windowLifecycleHandlers: HandlerBodies<WindowLifecycleChannels> = {
  'rotations:list': async (_input, context) => {
    const { unfinishedRotations } = await import('./rotation-views');
    return unfinishedRotations(requireVault(context));
  },

  'rotation:retry': async ({ journalId }, context) => {
    const vault = requireVault(context);
    const { runJournal } = await import('../lifecycle/rotation');
    const run = await lifecycleRun(context, vault);
    return run.finish(await runJournal(vault, vault.getJournal(journalId).id, run.deps));
  },

  'rotation:manual-start': async ({ tokenId }, context) => {
    const vault = requireVault(context);
    const { startManualRotation } = await import('../lifecycle/manual-rotation');
    const { rotationView } = await import('./rotation-views');
    const { parseJournal } = await import('../lifecycle/rotation-state');
    const journal = vault.getJournal(startManualRotation(vault, vault.getToken(tokenId).id));
    const run = await lifecycleRun(context, vault);
    run.reporter.onStep(journal.id, journal.operation, parseJournal(journal).rotation);
    return rotationView(journal);
  },

  // The pasted value is stored as pending, verified where the provider can, and promoted if it works.
  'rotation:manual-submit': async ({ journalId, value }, context) => {
    const vault = requireVault(context);
    const { submitManualValue } = await import('../lifecycle/manual-rotation');
    const { rotationView } = await import('./rotation-views');
    const run = await lifecycleRun(context, vault);
    const outcome = await submitManualValue(vault, journalId, value, run.deps);
    run.reporter.outcome(outcome);
    if (outcome.status === 'failed' || outcome.status === 'pending') toResult(vault, outcome);
    return rotationView(vault.getJournal(journalId));
  },

  'rotation:manual-confirm': async ({ journalId }, context) => {
    const vault = requireVault(context);
    const { confirmOldRevoked } = await import('../lifecycle/manual-rotation');
    const { rotationView } = await import('./rotation-views');
    const run = await lifecycleRun(context, vault);
    confirmOldRevoked(vault, journalId, run.deps);
    return rotationView(vault.getJournal(journalId));
  },

  'providers:forms': async () => (await import('./provider-forms')).providerForms(),

  'connection:test': (input, context) => testConnection(input, context),
};

/** The provider's cheapest authenticated call: a login for a password, a check of a token. */
async function testConnection(input: ParsedInput<'connection:test'>, context: AppContext): Promise<ConnectionTest> {
  const vault = requireVault(context);
  const environment = vault.listEnvironments().find((e) => e.id === input.environmentId);
  if (environment === undefined) throw new KeyturnError('NOT_FOUND', 'This environment no longer exists.');
  const credential = credentialFor(vault, environment.id, input);
  if (input.provider === 'manual' || credential.kind === 'none')
    throw new KeyturnError('PROVIDER_UNSUPPORTED', 'There is nothing to test: this connection has no credential.');
  const { createProviderClient } = await import('../providers');
  const client = createProviderClient(
    input.provider,
    { baseUrl: input.baseUrl, settings: input.settings, credential },
    { now: () => context.clock.now() },
  );
  if (credential.kind === 'password') {
    const session = await client.session();
    if (!session.ok) throw new KeyturnError(session.error.code, session.error.message);
    return { works: true, identity: credential.username };
  }
  const verified = await client.verify(credential.token);
  if (!verified.ok) throw new KeyturnError(verified.error.code, verified.error.message);
  return { works: true, identity: verified.value.identity };
}

/** The form's credential, or the one stored for this environment and provider (never sent to the window). */
function credentialFor(vault: Vault, environmentId: string, input: ParsedInput<'connection:test'>): Credential {
  if (input.credential.kind !== 'stored') return input.credential;
  const stored = vault.findConnection(environmentId, input.provider);
  if (stored === null)
    throw new KeyturnError('NOT_FOUND', 'No credential is saved for this provider here yet; enter one.');
  return vault.openCredential(stored.id);
}
