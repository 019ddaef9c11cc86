/**
 * Linux's /proc/<pid>/stat, the few fields the app link uses, and the terminal's name from its
 * device number. Pure: both the CLI (about itself) and main (about a client) read with it.
 */

export interface ProcStat {
  readonly ppid: number;
  /** The session id: the pid of the session's leader (usually the terminal's shell). */
  readonly session: number;
  /** The controlling terminal's device number; 0 when there is none. */
  readonly ttyNr: number;
  /** Clock ticks after boot when the process started: with the pid, a process's identity. */
  readonly startTime: number;
}

/** Parses a stat line; null if it is not one. The name may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  // Fields from the 3rd (state) on; the 4th is ppid, the 6th session, the 7th tty_nr, the 22nd starttime.
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ');
  const numberAt = (field: number): number => Number(fields[field - 3]);
  const stat = { ppid: numberAt(4), session: numberAt(6), ttyNr: numberAt(7), startTime: numberAt(22) };
  return Object.values(stat).every((value) => Number.isSafeInteger(value) && value >= 0) ? stat : null;
}

/** /dev/pts/N, /dev/ttyN or /dev/ttySN from a tty_nr, else its major:minor; null for none. */
export function ttyName(ttyNr: number): string | null {
  if (ttyNr === 0) return null;
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `/dev/pts/${(major - 136) * 256 + minor}`;
  if (major === 4) return minor < 64 ? `/dev/tty${minor}` : `/dev/ttyS${minor - 64}`;
  return `tty ${major}:${minor}`;
}
