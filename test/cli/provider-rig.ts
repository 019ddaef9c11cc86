/**
 * One keyed provider's emulator, seen the way the CLI crash tests need it: how `keyturn connect`
 * reaches it, which keys are live there, whether a secret still works (the HTTP status of the
 * provider's cheapest authenticated call), and where its create and revoke requests go (to make
 * them commit and never answer).
 */
import type { FaultRule } from '../emulators/harness';
import { startHautAiEmulator } from '../emulators/haut-ai-emulator';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { startSyftHubEmulator } from '../emulators/syft-hub-emulator';

export type RigProvider = 'satori' | 'haut-ai' | 'syfthub';

export interface ProviderRig {
  readonly provider: RigProvider;
  /** `keyturn connect T/E PROVIDER …` arguments after the environment, and the stdin line it reads. */
  readonly connect: readonly string[];
  readonly credential: string;
  /** Live keys Keyturn made (named `keyturn:…`). */
  liveKeys(): { id: string; name: string }[];
  /** 200 when the provider accepts the secret, 401 once it is revoked. */
  statusOf(secret: string): Promise<number>;
  readonly createRule: FaultRule['path'];
  readonly revokeMethod: string;
  inject(rule: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const revokePath = /\/tokens\/[^/]+\/?$/;
const createPath = /\/tokens\/?$/;

async function statusWith(url: string, secret: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
  await response.arrayBuffer();
  return response.status;
}

function keyturnKeys(keys: readonly { id: string | number; name: string }[]): { id: string; name: string }[] {
  return keys.filter((key) => key.name.startsWith('keyturn:')).map((key) => ({ id: String(key.id), name: key.name }));
}

export async function startRig(provider: RigProvider): Promise<ProviderRig> {
  switch (provider) {
    case 'satori': {
      const e = await startSatoriEmulator();
      return {
        provider,
        connect: ['satori', '--base-url', e.url, '--tenant-id', e.seed.tenantId],
        credential: e.seed.bootstrapToken,
        liveKeys: () => keyturnKeys(e.state.activeKeys()),
        statusOf: (secret) => statusWith(`${e.url}/api/tenants/${e.seed.tenantId}/`, secret),
        createRule: createPath,
        revokeMethod: 'PUT',
        inject: (rule) => e.inject(rule),
        clearFaults: () => e.clearFaults(),
        close: () => e.close(),
      };
    }
    case 'haut-ai': {
      const e = await startHautAiEmulator();
      return {
        provider,
        connect: ['haut-ai', '--base-url', e.url, '--username', e.seed.email, '--company-id', e.seed.companyId],
        credential: e.seed.password,
        liveKeys: () => keyturnKeys(e.state.activeKeys()),
        statusOf: (secret) => statusWith(`${e.url}/api/v1/auth/private_tokens/?page_size=1`, secret),
        createRule: createPath,
        revokeMethod: 'DELETE',
        inject: (rule) => e.inject(rule),
        clearFaults: () => e.clearFaults(),
        close: () => e.close(),
      };
    }
    case 'syfthub': {
      const e = await startSyftHubEmulator();
      return {
        provider,
        connect: ['syfthub', '--base-url', e.url, '--username', e.seed.username],
        credential: e.seed.password,
        liveKeys: () => keyturnKeys(e.state.activeKeys()),
        statusOf: (secret) => statusWith(`${e.url}/api/v1/auth/me`, secret),
        createRule: createPath,
        revokeMethod: 'DELETE',
        inject: (rule) => e.inject(rule),
        clearFaults: () => e.clearFaults(),
        close: () => e.close(),
      };
    }
  }
}

export { revokePath };
