/**
 * The window's lifecycle actions beyond create/rotate/revoke/verify: the list of pending work
 * (unfinished journals, revoke-failed keys) with retry, the end of a guided manual rotation (the
 * old key confirmed revoked; the new value itself is given to token:rotate, as the CLI gives it),
 * connection forms and a connection test. Lifecycle code loads on first use.
 */
import { KeyturnError } from '../../shared/errors';
import type { ConnectionTest } from '../../shared/window-views';
import type { ParsedInput } from '../../shared/ipc';
import type { Credential, Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import type { HandlerBodies } from './handler';
import { lifecycleRun } from './lifecycle-run';

type WindowLifecycleChannels =
  'rotations:list' | 'rotation:retry' | 'rotation:manual-confirm' | 'providers:forms' | 'connection:test';

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
  // The same check `keyturn connect` runs before it stores anything (the provider's cheapest call).
  const checked = await client.check();
  if (!checked.ok) throw new KeyturnError(checked.error.code, checked.error.message);
  return { works: true, identity: checked.value.identity, notes: checked.value.notes };
}

/** The form's credential, or the one stored for this environment and provider (never sent to the window). */
function credentialFor(vault: Vault, environmentId: string, input: ParsedInput<'connection:test'>): Credential {
  if (input.credential.kind !== 'stored') return input.credential;
  const stored = vault.findConnection(environmentId, input.provider);
  if (stored === null)
    throw new KeyturnError('NOT_FOUND', 'No credential is saved for this provider here yet; enter one.');
  return vault.openCredential(stored.id);
}
