/**
 * Who is asking, and which "client session" approvals belong to (docs/cli.md, App integration).
 *
 * A client session is the terminal session the command runs in: on Linux the session id (the
 * shell that leads it, with that shell's start time, so a reused pid is a new session) and the
 * controlling terminal. A command without a terminal (a script run by an IDE, cron, a service)
 * belongs to its parent process instead (pid and start time), so each such parent is asked for.
 *
 * On Linux main does not take the client's word for any of it. Node cannot ask a Unix socket for
 * its peer's pid, so the client claims a pid and proves it: main sends a fresh nonce, the client
 * shows it in its process title, and main reads it back from /proc/<pid>/cmdline, which only
 * that process (or one able to ptrace it) can change. Then /proc gives the real uid, session,
 * terminal, parent and working directory of the process that is talking. Elsewhere (macOS,
 * Windows) there is no /proc: the client's claims are used as they are and marked unverified.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { titleProof, type ClientClaims } from '../../shared/app-link-protocol';
import { parseProcStat, ttyName, type ProcStat } from './proc-stat';

export interface ClientIdentity {
  /** Approvals are remembered per this key. */
  readonly sessionKey: string;
  /** True when main read it from /proc for the process that proved it is talking (Linux). */
  readonly verified: boolean;
  readonly pid: number;
  readonly terminal: string | null;
  readonly cwd: string;
  /** The client's own words: `get`, `run npm`, `env`. */
  readonly command: string;
}

export type Identified =
  { readonly ok: true; readonly client: ClientIdentity } | { readonly ok: false; readonly reason: string };

/** The files main reads about a process; tests may point it elsewhere, production reads /proc. */
export interface ProcFiles {
  read(pid: number, file: 'stat' | 'status' | 'cmdline'): string | null;
  cwd(pid: number): string | null;
}

export const PROC: ProcFiles = {
  read(pid, file) {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'latin1');
    } catch {
      return null;
    }
  },
  cwd(pid) {
    try {
      return readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      return null;
    }
  },
};

/** Real, effective, saved and file-system uid from a status file; all must be `uid`. */
function isOwnedBy(status: string, uid: number): boolean {
  const line = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/m.exec(status);
  return line !== null && line.slice(1).every((value) => Number(value) === uid);
}

function startOf(proc: ProcFiles, pid: number): number | null {
  const text = proc.read(pid, 'stat');
  return text === null ? null : (parseProcStat(text)?.startTime ?? null);
}

/** The session key from what /proc says; pure given the start times. */
export function verifiedSessionKey(stat: ProcStat, leaderStart: number | null, parentStart: number | null): string {
  if (stat.ttyNr !== 0) return `tty:${stat.ttyNr}:session:${stat.session}@${leaderStart ?? 'gone'}`;
  return `parent:${stat.ppid}@${parentStart ?? 'gone'}`;
}

export function claimedSessionKey(claims: ClientClaims): string {
  if (claims.tty !== null) return `claimed-tty:${claims.tty}:session:${claims.sid ?? '?'}`;
  return `claimed-parent:${claims.ppid}`;
}

/** Linux: checks the client's proof and reads who it is from /proc. */
export function identifyOnLinux(claims: ClientClaims, nonce: string, uid: number, proc: ProcFiles = PROC): Identified {
  const { pid } = claims;
  const cmdline = proc.read(pid, 'cmdline');
  if (cmdline === null) return { ok: false, reason: `no process ${pid}` };
  if (cmdline.split('\0')[0] !== titleProof(nonce))
    return { ok: false, reason: `process ${pid} did not show the nonce: it is not the one talking` };
  const status = proc.read(pid, 'status');
  if (status === null || !isOwnedBy(status, uid)) return { ok: false, reason: `process ${pid} runs as another user` };
  const statText = proc.read(pid, 'stat');
  const stat = statText === null ? null : parseProcStat(statText);
  const cwd = proc.cwd(pid);
  if (stat === null || cwd === null) return { ok: false, reason: `process ${pid} went away` };
  if (stat.session !== claims.sid || stat.ppid !== claims.ppid)
    return { ok: false, reason: `process ${pid} is not in the session or under the parent it claims` };
  const sessionKey = verifiedSessionKey(stat, startOf(proc, stat.session), startOf(proc, stat.ppid));
  return {
    ok: true,
    client: { sessionKey, verified: true, pid, terminal: ttyName(stat.ttyNr), cwd, command: claims.command },
  };
}

/** Where /proc cannot be read (macOS, Windows): the claims as they are, marked unverified. */
export function identifyByClaims(claims: ClientClaims): ClientIdentity {
  return {
    sessionKey: claimedSessionKey(claims),
    verified: false,
    pid: claims.pid,
    terminal: claims.tty,
    cwd: claims.cwd,
    command: claims.command,
  };
}

/** One line for the audit log and the log: who asked, as main knows it. Never a secret. */
export function describeClient(client: ClientIdentity): string {
  const where = client.terminal === null ? 'no terminal' : `terminal ${client.terminal}`;
  const checked = client.verified ? '' : ', as the client says';
  return `pid ${client.pid}, ${where}, cwd ${client.cwd.slice(0, 500)}${checked}`;
}
