/**
 * A real temp vault behind the real api handlers (createApiHandlers), with the cheap test KDF,
 * a manual clock, an in-memory OS clipboard and a recorder for progress events.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createApiHandlers,
  createSessionState,
  createWindowEvents,
  type ApiHandlers,
  type AppContext,
  type WindowEvent,
} from '../../src/main/api';
import type { ProgressEvent } from '../../src/main/api/progress';
import { createSecretClipboard } from '../../src/main/electron/clipboard';
import { createVaultAsync, openVault } from '../../src/main/vault/index';
import type { Vault } from '../../src/main/vault/types';
import type { Result } from '../../src/shared/errors';
import { WINDOW_EVENT_SCHEMAS } from '../../src/shared/window-events';
import { FakeNotifier } from './fake-notifier';
import { FakeOsClipboard } from './fake-os-clipboard';
import { ManualClock } from './manual-clock';
import { TEST_KDF_POLICY } from './vault-policy';

export const API_PASSWORD = 'correct horse battery';

/** The test AppContext: a vault path in `dir`, the cheap KDF, a manual clock, fake OS ports. */
export function createTestContext(
  dir: string,
  extra: Partial<AppContext> = {},
): { context: AppContext; clock: ManualClock; os: FakeOsClipboard } {
  const clock = new ManualClock(Date.now());
  const os = new FakeOsClipboard();
  const context: AppContext = {
    vaultPath: join(dir, 'vault.db'),
    vaults: { createVaultAsync, openVault },
    kdfPolicy: TEST_KDF_POLICY,
    session: createSessionState(),
    clock,
    clipboard: createSecretClipboard(os, clock, { clearAfterMs: () => 20_000 }),
    notifier: new FakeNotifier(),
    ...extra,
  };
  return { context, clock, os };
}

export interface ApiFixture {
  readonly dir: string;
  readonly clock: ManualClock;
  readonly os: FakeOsClipboard;
  readonly context: AppContext;
  readonly api: ApiHandlers;
  readonly progress: ProgressEvent[];
  /** Every window event main told (lifecycle progress, vault changes, session changes), in order. */
  readonly events: WindowEvent[];
  /** Events whose payload failed its shared schema (should stay empty). */
  readonly invalidEvents: string[];
  /** The unlocked vault behind the session (for seeding and for checking what handlers did). */
  vault(): Vault;
  /** A fingerprint of the vault's files (database and WAL), to prove a refused call changed nothing. */
  hashFiles(): string;
  close(): void;
}

export async function createApiFixture(extra: Partial<AppContext> = {}): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'keyturn-api-cli-'));
  const progress: ProgressEvent[] = [];
  const events: WindowEvent[] = [];
  const invalidEvents: string[] = [];
  const hub = createWindowEvents();
  hub.subscribe((event) => {
    events.push(event);
    if (!WINDOW_EVENT_SCHEMAS[event.name]().safeParse(event.payload).success) invalidEvents.push(event.name);
  });
  const { context, clock, os } = createTestContext(dir, {
    progress: (event) => progress.push(event),
    callerName: 'test',
    events: hub,
    ...extra,
  });
  const api = createApiHandlers(context);
  value(await api['vault:create']({ password: API_PASSWORD }));
  // Reopen through vault:unlock, as the CLI does, so the session holds a VaultFile.
  value(await api['vault:lock']({}));
  value(await api['vault:unlock']({ password: API_PASSWORD }));
  return {
    dir,
    clock,
    os,
    context,
    api,
    progress,
    events,
    invalidEvents,
    vault() {
      const session = context.session.current();
      if (session.state !== 'unlocked') throw new Error('the session is locked');
      return session.vault;
    },
    hashFiles() {
      const hash = createHash('sha256');
      for (const name of readdirSync(dir).sort()) {
        // SQLite's shared-memory index (-shm) changes when a read takes its read mark: not vault data.
        if (name.endsWith('-shm')) continue;
        const path = join(dir, name);
        if (statSync(path).isFile()) hash.update(name).update(readFileSync(path));
      }
      return hash.digest('hex');
    },
    close() {
      context.session.lock('user');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorCode(
  result: { readonly ok: true } | { readonly ok: false; readonly error: { code: string } },
): string {
  if (result.ok) throw new Error('expected an error Result');
  return result.error.code;
}
