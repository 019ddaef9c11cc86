/**
 * When Keyturn looks for an update and when it installs one, as plain logic over small ports:
 * a clock, the updater (electron-updater behind updater.ts), a count of open rotation journals
 * and a quiet notice. Rules:
 * - look on start, then once a day (an hourly tick catches up after sleep; a failed look is
 *   retried at the next tick);
 * - a downloaded update is announced once, quietly ("ready — restart"), and installed only when
 *   the user asks to restart;
 * - never while a rotation journal is open, or while that cannot be told (a locked vault): the
 *   request waits, is looked at again every RETRY_MS, and the update installs when it may.
 */
import type { Clock, TimerHandle } from '../api/ports';

export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
export const TICK_MS = 60 * 60 * 1000;
export const RETRY_MS = 30 * 1000;

/** Unfinished rotation journal entries, or 'unknown' when the vault cannot be read (locked). */
export type OpenJournals = number | 'unknown';

export interface UpdaterPort {
  /** Looks for an update and downloads it in the background; rejects when it cannot look. */
  checkForUpdates(): Promise<void>;
  /** Quits and installs the downloaded update, then starts the new version. */
  installAndRestart(): void;
  /** Called once an update is downloaded and ready to install. */
  onUpdateReady(listener: (version: string) => void): void;
}

export interface UpdateNotice {
  /** "Keyturn <version> is ready — restart to update". */
  ready(version: string): void;
  /** The user asked to restart, but a rotation is open: it restarts when the rotation is done. */
  waiting(version: string): void;
}

export interface UpdateDeps {
  readonly clock: Clock;
  readonly updater: UpdaterPort;
  readonly openJournals: () => OpenJournals;
  readonly notice: UpdateNotice;
  readonly log: (line: string) => void;
}

export type InstallDecision = 'install' | 'wait-for-rotation' | 'nothing-to-install';

/** Updates run in packaged builds unless KEYTURN_UPDATES=off (managed machines, the smoke test). */
export function shouldRunUpdates(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return isPackaged && env['KEYTURN_UPDATES'] !== 'off';
}

/** True when the last successful look is a day old, or there has been none. */
export function isCheckDue(lastCheckAt: number | null, now: number): boolean {
  return lastCheckAt === null || now - lastCheckAt >= CHECK_EVERY_MS || now < lastCheckAt;
}

/** Whether a restart may install now: an update is ready and no rotation journal is (maybe) open. */
export function decideInstall(readyVersion: string | null, openJournals: OpenJournals): InstallDecision {
  if (readyVersion === null) return 'nothing-to-install';
  return openJournals === 0 ? 'install' : 'wait-for-rotation';
}

export interface Updates {
  /** The user asked to restart into the ready update (the notice, the tray). */
  restartRequested(): InstallDecision;
  stop(): void;
}

export function startUpdateSchedule(deps: UpdateDeps): Updates {
  const { clock, updater } = deps;
  let lastCheckAt: number | null = null;
  let readyVersion: string | null = null;
  let restartWanted = false;
  let tick: TimerHandle | null = null;
  let retry: TimerHandle | null = null;

  const check = async (): Promise<void> => {
    if (!isCheckDue(lastCheckAt, clock.now())) return;
    try {
      await updater.checkForUpdates();
      lastCheckAt = clock.now();
    } catch (cause) {
      deps.log(`update check failed, retrying within the hour: ${cause instanceof Error ? cause.message : cause}`);
    }
  };
  const scheduleTick = (): void => {
    tick = clock.setTimeout(() => {
      void check();
      scheduleTick();
    }, TICK_MS);
  };
  const tryInstall = (): InstallDecision => {
    const decision = decideInstall(readyVersion, deps.openJournals());
    if (decision === 'install') {
      restartWanted = false;
      updater.installAndRestart();
    } else if (decision === 'wait-for-rotation' && retry === null) {
      retry = clock.setTimeout(() => {
        retry = null;
        if (restartWanted) tryInstall();
      }, RETRY_MS);
    }
    return decision;
  };

  updater.onUpdateReady((version) => {
    if (version === readyVersion) return;
    readyVersion = version;
    deps.notice.ready(version);
  });
  void check();
  scheduleTick();

  return {
    restartRequested() {
      restartWanted = true;
      const decision = tryInstall();
      if (decision === 'wait-for-rotation' && readyVersion !== null) deps.notice.waiting(readyVersion);
      return decision;
    },
    stop() {
      for (const handle of [tick, retry]) if (handle !== null) clock.clearTimeout(handle);
      tick = null;
      retry = null;
    },
  };
}
