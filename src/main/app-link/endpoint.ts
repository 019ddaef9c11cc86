/**
 * The app link's endpoint: main serves `keyturn` commands on a local socket (a named pipe on
 * Windows) for as long as the app runs. Unlocked, it answers `get`, `run` and `env` for sessions
 * the user approved; locked, it answers "locked" at once. Started by the composition root with the
 * session state; runs under plain Node, so tests drive it with real `keyturn` processes.
 */
import { createServer, type Server } from 'node:net';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppContext } from '../api/context';
import { createApprovalGate, type ApprovalGate } from './approval-gate';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from './approvals';
import type { Approver } from './approver';
import { identifyByClaims, identifyOnLinux, PROC, type Identified, type ProcFiles } from './client-identity';
import { Connection, type ConnectionHost } from './connection';
import type { EndpointPlace } from './endpoint-address';
import { isLinkProof, linkProof } from './link-proof';
import { LOCKED_ERROR, recordApproval, serveCall } from './serve-call';
import { openGate, type Gate } from './socket-gate';

export interface AppLinkLimits {
  /** Open connections at once; more are closed as they arrive. */
  readonly maxConnections: number;
  /** Each frame the app waits for must arrive whole within this (a slow client is cut off). */
  readonly frameTimeoutMs: number;
  /** Client sessions waiting for the user at once; more are told the app is busy. */
  readonly maxPendingSessions: number;
}

export const DEFAULT_LIMITS: AppLinkLimits = { maxConnections: 16, frameTimeoutMs: 5_000, maxPendingSessions: 4 };

/** The vault setting that turns the app link off (`off`); anything else leaves it on. */
export const INTEGRATION_SETTING = 'cli.appIntegration';
/** The vault setting for how long an approved session may be idle, in minutes (default 10). */
export const APPROVAL_MINUTES_SETTING = 'cli.approvalMinutes';

export interface AppLinkDeps {
  readonly place: EndpointPlace;
  readonly platform: NodeJS.Platform;
  readonly context: AppContext;
  readonly approver: Approver;
  readonly limits?: Partial<AppLinkLimits>;
  /** Where main reads about a client process (Linux); /proc unless a test says otherwise. */
  readonly proc?: ProcFiles;
  /**
   * Ask every client for the folder proof (link-proof.ts). On by default wherever the kernel is
   * not asked who the client is: Windows (it stands in for the pipe client's SID) and macOS (for
   * getpeereid, which Node does not expose). Linux reads the client's uid from /proc instead;
   * tests turn it on there.
   */
  readonly requireProof?: boolean;
  /** Tests only: the gate's pipe name (socket-gate.ts, GateOptions). */
  readonly pipeName?: string;
  readonly log: (line: string) => void;
}

export interface AppLink {
  /** The socket's path or the pipe's name. */
  readonly address: string;
  /** Stops listening, ends every connection, withdraws every question, removes the socket. */
  close(): Promise<void>;
}

export async function startAppLink(deps: AppLinkDeps): Promise<AppLink> {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const requireProof = deps.requireProof ?? deps.platform !== 'linux';
  const { context } = deps;
  const connections = new Set<Connection>();
  // Learnt at each unlock and hello: a locked app cannot read the sealed setting.
  let isOff = false;
  const setting = (key: string): string | null => {
    const session = context.session.current();
    return session.state === 'unlocked' ? session.vault.getSetting(key) : null;
  };
  const gate: ApprovalGate = createApprovalGate({
    approver: deps.approver,
    clock: context.clock,
    policy: () => approvalPolicy(readSetting(() => setting(APPROVAL_MINUTES_SETTING))),
    maxPendingSessions: limits.maxPendingSessions,
    record: (decision, question) => recordApproval(context, decision, question),
  });
  const identify = (claims: Parameters<typeof identifyByClaims>[0], nonce: string): Identified => {
    const uid = process.getuid?.();
    if (deps.platform !== 'linux' || uid === undefined) return { ok: true, client: identifyByClaims(claims) };
    return identifyOnLinux(claims, nonce, uid, deps.proc ?? PROC);
  };

  const host: ConnectionHost = {
    frameTimeoutMs: limits.frameTimeoutMs,
    setTimer: (callback, ms) => context.clock.setTimeout(callback, ms),
    clearTimer: (handle) => context.clock.clearTimeout(handle),
    greet(hello) {
      if (!isSameVault(hello.vault, context.vaultPath)) return { kind: 'fallback', reason: 'other-vault' };
      if (context.session.current().state === 'locked')
        return isOff ? { kind: 'fallback', reason: 'off' } : { kind: 'refused', error: LOCKED_ERROR };
      isOff = readSetting(() => setting(INTEGRATION_SETTING)) === 'off';
      return isOff ? { kind: 'fallback', reason: 'off' } : { kind: 'go' };
    },
    proveApp: (hello, nonce) =>
      opened.key === null || hello.nonce === undefined ? null : linkProof(opened.key, 'app', nonce, hello.nonce),
    isProven(hello, nonce, proof) {
      if (!requireProof) return true;
      const proven =
        opened.key !== null &&
        hello.nonce !== undefined &&
        isLinkProof(opened.key, 'client', nonce, hello.nonce, proof);
      if (!proven) deps.log('The app link closed a connection that did not prove it can read the app-link folder');
      return proven;
    },
    identify: (hello, nonce) => identify(hello.client, nonce),
    serve: (client, call) => serveCall({ context, gate }, client, call),
    closed: (connection) => connections.delete(connection),
  };

  const server: Server = createServer({ allowHalfOpen: false, pauseOnConnect: false }, (socket) => {
    // The kernel let only this user in (socket-gate.ts); still, a gate someone opened since is refused.
    if (!opened.isIntact()) {
      deps.log('The app link refused a connection: its folder or socket is no longer private');
      socket.destroy();
      return;
    }
    connections.add(new Connection(socket, host));
  });
  server.maxConnections = limits.maxConnections;
  server.on('error', (cause) => deps.log(`The app link failed: ${cause.message}`));
  const opened: Gate = await openGate(server, deps.place, deps.platform, {
    withKey: requireProof,
    ...(deps.pipeName === undefined ? {} : { pipeName: deps.pipeName }),
  });

  const stopWatching = context.session.onChange((event) => {
    if (event.state === 'unlocked') {
      isOff = readSetting(() => setting(INTEGRATION_SETTING)) === 'off';
      return;
    }
    // Locking ends every approval and every conversation; the next command hears "locked".
    gate.forgetAll();
    for (const connection of [...connections]) connection.refuse(LOCKED_ERROR);
  });

  return {
    address: opened.address,
    async close() {
      stopWatching();
      gate.forgetAll();
      for (const connection of [...connections]) connection.close();
      opened.remove();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function readSetting(read: () => string | null): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function approvalPolicy(minutes: string | null): ApprovalPolicy {
  const value = Number(minutes);
  return minutes !== null && Number.isFinite(value) && value > 0
    ? { ...DEFAULT_APPROVAL_POLICY, idleMs: value * 60_000 }
    : DEFAULT_APPROVAL_POLICY;
}

/** The client means this app's vault: the same absolute path, or the same file through links. */
function isSameVault(asked: string, served: string): boolean {
  if (asked === '') return false;
  if (resolve(asked) === resolve(served)) return true;
  const real = (path: string): string | null => {
    try {
      return realpathSync(path);
    } catch {
      return null;
    }
  };
  const askedFile = real(asked);
  return askedFile !== null && askedFile === real(served);
}
