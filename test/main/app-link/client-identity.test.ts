/**
 * Who is asking, on Linux: the client proves which process it is by showing main's nonce as its
 * process title, and main reads the rest from /proc. Real processes stand in for clients.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { identifyByClaims, identifyOnLinux, verifiedSessionKey } from '../../../src/main/app-link/client-identity';
import { parseProcStat, ttyName } from '../../../src/main/app-link/proc-stat';
import type { ClientClaims } from '../../../src/shared/app-link-protocol';

const isLinux = process.platform === 'linux';
const NONCE = 'Zq3xW9kLm2Pa';
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A process whose title (argv[0]) is `title`, started through `prefix` (e.g. setpriv). */
async function processShowing(title: string, prefix: readonly string[] = []): Promise<ChildProcess> {
  const [file = 'bash', ...args] = [...prefix, 'bash', '-c', `exec -a '${title}' sleep 60`];
  const child = spawn(file, args, { stdio: 'ignore' });
  children.push(child);
  for (let waited = 0; ; waited += 10) {
    const cmdline = child.pid === undefined ? '' : readCmdline(child.pid);
    if (cmdline.startsWith(`${title}\0`)) return child;
    if (waited > 10_000) throw new Error(`the process never showed ${title}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return '';
  }
}

function claimsFor(pid: number, overrides: Partial<ClientClaims> = {}): ClientClaims {
  // Elsewhere there is no /proc: only the Linux tests below need the real session.
  const own = isLinux ? parseProcStat(readFileSync('/proc/self/stat', 'latin1')) : null;
  return { pid, ppid: process.pid, sid: own?.session ?? 0, tty: null, cwd: '/claimed', command: 'get', ...overrides };
}

const uid = process.getuid?.() ?? -1;

describe('/proc/<pid>/stat', () => {
  it('reads the fields after a name holding spaces and parentheses', () => {
    const fields = ['S', '10', '11', '12', '34817', '13', ...Array(13).fill('0'), '987654', '0'];
    expect(parseProcStat(`42 (a) (b c)) ${fields.join(' ')}`)).toEqual({
      ppid: 10,
      session: 12,
      ttyNr: 34817,
      startTime: 987654,
    });
  });

  it('refuses text that is not a stat line', () => {
    expect(parseProcStat('')).toBeNull();
    expect(parseProcStat('42 (x) S ten 11')).toBeNull();
    expect(parseProcStat('no parenthesis at all')).toBeNull();
  });

  it('names terminals from their device numbers', () => {
    expect(ttyName(0)).toBeNull();
    expect(ttyName((136 << 8) | 3)).toBe('/dev/pts/3');
    expect(ttyName((137 << 8) | 1)).toBe('/dev/pts/257');
    expect(ttyName((4 << 8) | 2)).toBe('/dev/tty2');
    expect(ttyName((4 << 8) | 64)).toBe('/dev/ttyS0');
    expect(ttyName((5 << 8) | 1)).toBe('tty 5:1');
  });
});

describe('client sessions', () => {
  const stat = { ppid: 50, session: 40, ttyNr: 34819, startTime: 1 };

  it('are the terminal session, told apart by its leader start time', () => {
    expect(verifiedSessionKey(stat, 1000, 2000)).toBe('tty:34819:session:40@1000');
    expect(verifiedSessionKey(stat, 1001, 2000)).not.toBe(verifiedSessionKey(stat, 1000, 2000));
    expect(verifiedSessionKey({ ...stat, ppid: 51 }, 1000, 2000)).toBe(verifiedSessionKey(stat, 1000, 2000));
  });

  it('are the parent process for a command without a terminal', () => {
    expect(verifiedSessionKey({ ...stat, ttyNr: 0 }, 1000, 2000)).toBe('parent:50@2000');
    expect(verifiedSessionKey({ ...stat, ttyNr: 0, ppid: 51 }, 1000, 2000)).not.toBe('parent:50@2000');
  });

  it('are the claims, marked unverified, where /proc cannot be read', () => {
    const claims = claimsFor(7, { tty: 'tty device 268435459', sid: null, cwd: '/Users/dev/shop' });
    expect(identifyByClaims(claims)).toEqual({
      sessionKey: 'claimed-tty:tty device 268435459:session:?',
      verified: false,
      pid: 7,
      terminal: 'tty device 268435459',
      cwd: '/Users/dev/shop',
      command: 'get',
    });
    expect(identifyByClaims({ ...claims, tty: null }).sessionKey).toBe(`claimed-parent:${process.pid}`);
  });
});

describe.runIf(isLinux)('proving which process is talking (Linux)', () => {
  it('accepts a process showing the nonce and reads who it is from /proc, not from the claims', async () => {
    const child = await processShowing(NONCE);
    const identified = identifyOnLinux(claimsFor(child.pid ?? 0), NONCE, uid);
    expect(identified).toEqual({
      ok: true,
      client: {
        sessionKey: expect.stringMatching(new RegExp(`^parent:${process.pid}@\\d+$`)),
        verified: true,
        pid: child.pid,
        terminal: null,
        cwd: process.cwd(),
        command: 'get',
      },
    });
  });

  it('refuses a claim of a process that does not show this nonce (another process, an old nonce)', async () => {
    const child = await processShowing('OldNonce1234');
    expect(identifyOnLinux(claimsFor(child.pid ?? 0), NONCE, uid)).toEqual({
      ok: false,
      reason: `process ${child.pid} did not show the nonce: it is not the one talking`,
    });
    expect(identifyOnLinux(claimsFor(process.pid, { ppid: process.ppid }), NONCE, uid).ok).toBe(false);
  });

  it('refuses claims of a session or parent the process is not in', async () => {
    const child = await processShowing(NONCE);
    const pid = child.pid ?? 0;
    expect(identifyOnLinux(claimsFor(pid, { ppid: 1 }), NONCE, uid)).toMatchObject({ ok: false });
    expect(identifyOnLinux(claimsFor(pid, { sid: 1 }), NONCE, uid)).toMatchObject({ ok: false });
  });

  it('refuses a process that is gone', async () => {
    const child = await processShowing(NONCE);
    const pid = child.pid ?? 0;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(identifyOnLinux(claimsFor(pid), NONCE, uid)).toMatchObject({ ok: false });
  });

  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  const why = uid !== 0 ? 'not root, so no process can be started as nobody' : !setpriv ? 'no setpriv' : '';
  if (why !== '') console.log(`skipping the other-user proof: ${why}`);
  it.runIf(why === '')(
    'refuses a process of another user even when it shows the nonce (the explicit uid check)',
    async () => {
      const nobody = await processShowing(NONCE, [
        'setpriv',
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        '--',
      ]);
      const pid = nobody.pid ?? 0;
      const own = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
      const claims = claimsFor(pid, { ppid: own?.ppid ?? 0, sid: own?.session ?? 0 });
      expect(identifyOnLinux(claims, NONCE, uid)).toEqual({ ok: false, reason: `process ${pid} runs as another user` });
    },
  );
});
