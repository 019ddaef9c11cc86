/**
 * What a `keyturn` command tells the app about itself (the hello's claims). On Linux from
 * /proc/self/stat, the same file main reads to check them; elsewhere what Node can see.
 */
import { fstatSync, readFileSync } from 'node:fs';
import type { ClientClaims } from '../shared/app-link-protocol';
import { parseProcStat, ttyName } from '../main/app-link/proc-stat';

/** The terminal's device on stdin, stdout or stderr, where there is one (macOS: no name, a number). */
function terminalDevice(): string | null {
  for (const fd of [0, 1, 2]) {
    try {
      const stats = fstatSync(fd);
      if (stats.isCharacterDevice() && stats.rdev !== 0) return `tty device ${stats.rdev}`;
    } catch {
      continue;
    }
  }
  return null;
}

export function clientClaims(command: string, platform: NodeJS.Platform = process.platform): ClientClaims {
  const base = { pid: process.pid, ppid: process.ppid, cwd: process.cwd(), command: command.slice(0, 200) };
  if (platform === 'linux') {
    const stat = parseProcStat(readFileSync('/proc/self/stat', 'latin1'));
    if (stat !== null) return { ...base, ppid: stat.ppid, sid: stat.session, tty: ttyName(stat.ttyNr) };
  }
  return { ...base, sid: null, tty: platform === 'win32' ? null : terminalDevice() };
}
