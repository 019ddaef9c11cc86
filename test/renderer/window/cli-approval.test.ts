/**
 * Issue 15 in the window: a real `keyturn get` asks the running app over the app link (Linux: main
 * checks the process in /proc), the window shows who is asking, and the user's answer decides
 * what the command prints. Questions main's approver is handed directly show the unverified note,
 * hostile working directories and the countdown.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointPlace } from '../../../src/main/app-link/endpoint-address';
import { startAppLink, type AppLink } from '../../../src/main/app-link/endpoint';
import type { CliApprovalQuestion } from '../../../src/shared/cli-approval';
import { baseEnv, BIN, ensureBuilt, type RunResult } from '../../cli/harness';
import { tempDir } from '../../support/temp-dir';
import { auditActions, closeWindow, inspect, openWindow, POLL, type TestWindow } from './harness';
import { seedVault } from './seed';

let w: TestWindow;
let link: AppLink;
let root: string;
const SECRET = 'sat-live-0123456789';

beforeAll(async () => {
  await ensureBuilt();
  root = tempDir('approval');
  const userData = join(root, 'Keyturn');
  mkdirSync(userData);
  w = await openWindow({ vault: 'unlocked', dir: userData, cliApprovals: true });
  seedVault(w.vault());
  link = await startAppLink({
    place: endpointPlace(userData, process.platform),
    platform: process.platform,
    context: w.context,
    approver: w.cliApprovals ?? fail('no approver'),
    log: () => undefined,
  });
  await w.reload();
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
});

afterAll(async () => {
  await link?.close();
  await closeWindow(w);
});

function fail(message: string): never {
  throw new Error(message);
}

/** Runs its arguments as a command and exits with its code (no shell: Windows has none to count on). */
const PARENT = `const run = require('node:child_process').spawnSync(process.argv[1], process.argv.slice(2), { stdio: 'inherit' });
process.exit(run.status ?? 1);`;

/**
 * `keyturn get` from a parent process of its own: without a terminal, approvals are remembered per
 * parent process, so each run here is a new client session that must be asked.
 */
function keyturnGet(ref: string, cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PARENT, process.execPath, '--', BIN, 'get', ref], {
      // XDG_CONFIG_HOME places the data folder on Linux, APPDATA on Windows (src/cli/vault-path.ts).
      env: baseEnv({ XDG_CONFIG_HOME: root, APPDATA: root, KEYTURN_VAULT: w.context.vaultPath }),
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const dialog = () => w.page.getByRole('alertdialog', { name: /terminals? (is|are) asking/ });

const QUESTION: CliApprovalQuestion = {
  command: 'run npm test',
  purpose: 'run',
  target: 'Acme/prod/Satori admin key',
  targetKind: 'token',
  cwd: '/home/dev/shop',
  terminal: null,
  pid: 4242,
  verified: false,
};

describe('a terminal asking the running app', () => {
  it('shows the command, target, folder and process of a real keyturn get, and Approve hands it the secret', async () => {
    const folder = tempDir('project');
    const run = keyturnGet('Acme/prod/Satori admin key', folder);
    await dialog().waitFor();
    const text = (await dialog().textContent()) ?? '';
    expect(text).toContain('keyturn get wants the token Acme/prod/Satori admin key');
    expect(text).toContain(folder);
    expect(text).toContain('None (a script or a task)');
    expect(text).toMatch(/Process\d+/);
    expect(text).not.toContain('Unverified');
    expect(text).toMatch(/Denied by itself in \d+ s/);
    expect(text).not.toContain(SECRET);
    // Focus starts on Deny: a stray Enter never approves.
    expect(await w.page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Deny');
    expect(await inspect(w.page, 'dialog-cli-approval')).toEqual([]);
    await dialog().getByRole('button', { name: 'Approve' }).click();
    const result = await run;
    expect(result).toMatchObject({ code: 0, stdout: `${SECRET}\n` });
    await dialog().waitFor({ state: 'detached' });
    expect(await w.page.content()).not.toContain(SECRET);
  });

  it('Deny refuses the command, which says so and prints no secret; the decision is audited', async () => {
    const run = keyturnGet('Acme/prod/Satori admin key', tempDir('project'));
    await dialog().waitFor();
    await dialog().getByRole('button', { name: 'Deny' }).click();
    const result = await run;
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/denied/i);
    await dialog().waitFor({ state: 'detached' });
    const actions = await auditActions(w.api);
    expect(actions.filter((action) => action.startsWith('cli'))).toHaveLength(2);
  });

  it('lists several questions, marks an unverified one, writes out hidden characters in a folder, counts down', async () => {
    const approvals = w.cliApprovals ?? fail('no approver');
    const spoofed = {
      ...QUESTION,
      cwd: '/home/dev/<img src=x onerror=alert(1)>/\u202Egnp.exe',
      terminal: '/dev/pts/7',
    };
    const first = approvals.ask(QUESTION, new AbortController().signal);
    const second = approvals.ask(spoofed, new AbortController().signal);
    await w.page.getByRole('heading', { name: '2 terminals are asking' }).waitFor();
    const cards = dialog().locator('section.approval');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).textContent()).toContain('Unverified: Keyturn could not check this process itself');
    expect(await cards.nth(1).textContent()).toContain('/home/dev/<img src=x onerror=alert(1)>/⟨U+202E⟩gnp.exe');
    expect(await cards.nth(1).textContent()).toContain('/dev/pts/7');
    expect(await w.page.locator('.approval img').count()).toBe(0);
    expect(await inspect(w.page, 'dialog-cli-approvals-hostile')).toEqual([]);
    await cards.nth(1).getByRole('button', { name: 'Approve' }).click();
    expect(await second).toBe('approved');
    await expect.poll(() => cards.count(), POLL).toBe(1);
    // Main's clock runs out the first: the command hears "timeout", the window drops the card.
    w.clock.advance(61_000);
    expect(await first).toBe('timeout');
    await dialog().waitFor({ state: 'detached' });
    expect(w.pageErrors).toEqual([]);
  });
});
