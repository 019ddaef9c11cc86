/**
 * providers:forms — how to connect an environment to each provider (the fields of its form) and
 * what Keyturn can then do with it, from the provider capability table (providers/index.ts).
 * The fields follow what each adapter reads: docs/providers.md § Connection settings.
 */
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import type { ProviderAbilities, ProviderForm, ProviderFormField } from '../../shared/window-views';
import { capabilitiesOf } from '../providers';
import { PROVIDER_NAMES } from '../../shared/provider-names';

type Credentials = ProviderForm['credentials'];

const field = (key: string, label: string, options: Partial<ProviderFormField> = {}): ProviderFormField => ({
  key,
  label,
  required: true,
  secret: false,
  help: null,
  ...options,
});

const login = (user: string): Credentials[number] => ({
  kind: 'password',
  label: `${user} and password`,
  fields: [field('username', user), field('password', 'Password', { secret: true })],
});

const token = (label: string, help: string): Credentials[number] => ({
  kind: 'token',
  label,
  fields: [field('token', label, { secret: true, help })],
});

const NONE: Credentials[number] = { kind: 'none', label: 'No credential', fields: [] };

const CREDENTIALS: Readonly<Record<ProviderId, Credentials>> = {
  'syft-space': [login('Email')],
  syfthub: [login('Username')],
  satori: [token('Existing API token', 'A token the tenant administrator issued; Keyturn makes new keys with it.')],
  'haut-ai': [login('Email'), token('Private token', 'A Haut.AI private token, used as it is.')],
  synaptask: [token('API token', 'An st_ token from the SynapTask web UI.')],
  manual: [NONE],
};

const SETTINGS: Readonly<Record<ProviderId, readonly ProviderFormField[]>> = {
  'syft-space': [
    field('tenantName', 'Tenant name', { required: false, help: 'Sent as X-Tenant-Name; selects the tenant.' }),
    field('endpointSlug', 'Endpoint slug', { required: false, help: 'Needed to verify satellite tokens.' }),
  ],
  syfthub: [],
  satori: [field('tenantId', 'Tenant id')],
  'haut-ai': [field('companyId', 'Company id', { required: false })],
  synaptask: [],
  manual: [],
};

export function abilitiesOf(provider: ProviderId): ProviderAbilities {
  const c = capabilitiesOf(provider);
  return {
    session: c.session,
    create: c.create,
    list: c.list,
    revoke: c.revoke,
    verify: c.verify,
    expiryKnown: c.expiryKnown,
    rotate: c.create && c.revoke,
  };
}

/** The capability matrix as sentences the connect form shows. */
export function abilitiesInWords(provider: ProviderId): string[] {
  const a = abilitiesOf(provider);
  const name = PROVIDER_NAMES[provider];
  if (provider === 'manual') return ['Keeps the value and its expiry; nothing is sent anywhere.'];
  return [
    a.create ? `Creates new keys at ${name}.` : `Cannot create keys: ${name} makes them only in its web UI.`,
    a.rotate ? 'Rotates keys: new key created, tested, switched, old key revoked.' : 'Rotation is guided by hand.',
    a.revoke ? `Revokes keys at ${name}.` : `Cannot revoke keys: do it in ${name}'s web UI.`,
    a.verify ? `Checks that a key works with ${name}'s cheapest call.` : 'Cannot check whether a key works.',
    ...(a.session ? ['Logs in for short sessions and refreshes them before they expire.'] : []),
    a.expiryKnown ? `Learns each key's expiry from ${name}.` : 'Expiry is what you enter (or a JWT says).',
  ];
}

export function providerForms(): ProviderForm[] {
  return PROVIDER_IDS.map((provider) => ({
    provider,
    name: PROVIDER_NAMES[provider],
    baseUrl: field('baseUrl', 'Base URL', {
      required: provider !== 'manual',
      help: 'https:// (plain http only on this computer, for local emulators).',
    }),
    credentials: CREDENTIALS[provider],
    settings: SETTINGS[provider],
    abilities: abilitiesOf(provider),
    abilitiesInWords: abilitiesInWords(provider),
  }));
}
