/**
 * One keyed provider's emulator, seen the way the CLI crash tests need it: how `keyturn connect`
 * reaches it, which keys are live there, whether a secret still works (the HTTP status of the
 * provider's cheapest authenticated call), and how to make its next create or revoke request
 * commit and never answer.
 */
import type { Emulator } from '../emulators/harness';
import { startHautAiEmulator } from '../emulators/haut-ai-emulator';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { startSyftHubEmulator } from '../emulators/syft-hub-emulator';

export type RigProvider = 'satori' | 'haut-ai' | 'syfthub';

/** A provider call Keyturn makes: its method and the emulator's route for it, anchored. */
interface Call {
  readonly method: string;
  readonly path: RegExp;
}

export interface ProviderRig {
  readonly provider: RigProvider;
  /** `keyturn connect T/E PROVIDER …` arguments after the environment, and the stdin line it reads. */
  readonly connect: readonly string[];
  readonly credential: string;
  /** Live keys Keyturn made (named `keyturn:…`). */
  liveKeys(): { id: string; name: string }[];
  /** 200 when the provider accepts the secret, 401 once it is revoked. */
  statusOf(secret: string): Promise<number>;
  /**
   * The provider's next create (or revoke) request takes effect and is never answered. The
   * returned function says whether that request has arrived: a test waits for it, so a route
   * that never matches fails the test instead of letting the command run on unhindered.
   */
  hang(call: 'create' | 'revoke'): () => boolean;
  close(): Promise<void>;
}

async function statusWith(url: string, secret: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
  await response.arrayBuffer();
  return response.status;
}

function keyturnKeys(keys: readonly { id: string | number; name: string }[]): { id: string; name: string }[] {
  return keys.filter((key) => key.name.startsWith('keyturn:')).map((key) => ({ id: String(key.id), name: key.name }));
}

/** The first request matching a rule after it is injected takes its fault (emulators/harness.ts). */
function hangWith<State>(e: Emulator<State>, calls: Readonly<Record<'create' | 'revoke', Call>>) {
  return (which: 'create' | 'revoke'): (() => boolean) => {
    const { method, path } = calls[which];
    const from = e.requests.length;
    e.inject({ fault: { kind: 'hang-after-commit' }, method, path });
    return () => e.requests.slice(from).some((r) => r.method === method && path.test(r.path));
  };
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
        hang: hangWith(e, {
          create: { method: 'POST', path: /^\/api\/tenants\/[^/]+\/tokens\/$/ },
          revoke: { method: 'PUT', path: /^\/api\/tenants\/[^/]+\/tokens\/[^/]+\/?$/ },
        }),
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
        hang: hangWith(e, {
          create: { method: 'POST', path: /^\/api\/v1\/auth\/private_tokens\/$/ },
          revoke: { method: 'DELETE', path: /^\/api\/v1\/auth\/private_tokens\/[^/]+\/$/ },
        }),
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
        hang: hangWith(e, {
          create: { method: 'POST', path: /^\/api\/v1\/auth\/tokens$/ },
          revoke: { method: 'DELETE', path: /^\/api\/v1\/auth\/tokens\/[^/]+$/ },
        }),
        close: () => e.close(),
      };
    }
  }
}
