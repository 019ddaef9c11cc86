/**
 * What `connection:set` checks before it stores anything: a usable base URL (https, or http to
 * this computer; no user info), the provider-side ids the provider needs, a credential of the kind
 * it takes, and then the credential itself with the provider's cheapest call. A provider that
 * cannot be reached leaves the connection stored as unverified; one that refuses stores nothing.
 */
import { KeyturnError } from '../../shared/errors';
import type { ConnectionCheckView } from '../../shared/ipc-cli-channels';
import type { ProviderId } from '../../shared/model';
import type { ProviderDeps, SessionStore } from '../providers/types';
import type { Credential } from '../vault/types';

type CredentialKind = Credential['kind'];

/** The settings each provider cannot work without, with the CLI flag that gives them. */
const REQUIRED_SETTINGS: Readonly<Partial<Record<ProviderId, readonly (readonly [string, string])[]>>> = {
  satori: [['tenantId', '--tenant-id']],
  'haut-ai': [['companyId', '--company-id']],
};

const CREDENTIAL_KINDS: Readonly<Record<ProviderId, readonly CredentialKind[]>> = {
  satori: ['token'],
  synaptask: ['token'],
  manual: ['none'],
  'haut-ai': ['password', 'token'],
  syfthub: ['password', 'token'],
  'syft-space': ['password', 'token'],
};

const CREDENTIAL_WORDS: Readonly<Record<CredentialKind, string>> = {
  password: 'a user name and password',
  token: 'a token',
  none: 'no credential',
};

export interface ConnectionInput {
  readonly provider: ProviderId;
  readonly baseUrl: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly credential: Credential;
}

/** Throws INVALID_INPUT with a sentence (never the URL or the credential) when the input cannot work. */
export async function requireUsableConnection(input: ConnectionInput): Promise<void> {
  const { baseUrlProblem } = await import('../providers/url-policy');
  const problem = baseUrlProblem(input.baseUrl);
  if (problem !== null) throw new KeyturnError('INVALID_INPUT', problem);
  for (const [key, flag] of REQUIRED_SETTINGS[input.provider] ?? []) {
    if ((input.settings[key] ?? '').trim() === '') {
      throw new KeyturnError('INVALID_INPUT', `A ${input.provider} connection needs ${flag} (setting "${key}")`);
    }
  }
  const kinds = CREDENTIAL_KINDS[input.provider];
  if (!kinds.includes(input.credential.kind)) {
    const wanted = kinds.map((kind) => CREDENTIAL_WORDS[kind]).join(' or ');
    throw new KeyturnError(
      'INVALID_INPUT',
      `A ${input.provider} connection takes ${wanted}, not ${CREDENTIAL_WORDS[input.credential.kind]}`,
    );
  }
}

/** Errors that say "not now" rather than "no": the connection is kept, unverified. */
const TRANSIENT = new Set(['PROVIDER_UNAVAILABLE', 'PROVIDER_RATE_LIMITED']);

/** A session the check opened, handed to the vault once the connection exists. */
export class CheckSession implements SessionStore {
  value: string | null = null;
  load(): string | null {
    return this.value;
  }
  save(value: string | null): void {
    this.value = value;
  }
}

/** Runs the provider's check with the credential; throws (nothing stored) when the provider refuses. */
export async function checkCredential(
  input: ConnectionInput,
  deps: ProviderDeps,
  session: CheckSession,
): Promise<ConnectionCheckView> {
  const { createProviderClient } = await import('../providers');
  const client = createProviderClient(
    input.provider,
    { baseUrl: input.baseUrl, settings: input.settings, credential: input.credential, sessionStore: session },
    deps,
  );
  const checked = await client.check();
  if (checked.ok) {
    return { status: 'verified', identity: checked.value.identity, notes: checked.value.notes, reason: null };
  }
  const { code, message } = checked.error;
  if (TRANSIENT.has(code)) return { status: 'unverified', identity: null, notes: [], reason: message };
  throw new KeyturnError(code, `${message}. Nothing was stored.`);
}
