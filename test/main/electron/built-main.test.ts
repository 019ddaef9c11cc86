/**
 * The built main process (out/main/index.js, from `npm run build`) loaded by plain Node, with the
 * 'electron' specifier resolved to a fake module. Reaching the window and answering from a real
 * vault file proves the bundle links as shipped: ES modules, its chunks, its external packages,
 * and the native better-sqlite3 and @node-rs/argon2 addons.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareFakeElectron, runBuiltMain, seedBuiltMainVault } from '../../support/built-main';
import { tempDir } from '../../support/temp-dir';

const PASSWORD = 'correct horse battery';
let register: string;

beforeAll(async () => {
  register = await prepareFakeElectron();
});

describe('the built main process under Node with a fake electron module', () => {
  it('links, opens the window on app://, answers from a real vault, and quits cleanly', () => {
    expect(existsSync(resolve('out/main/index.js'))).toBe(true);
    const vaultPath = join(tempDir('built-main'), 'vault.db');
    seedBuiltMainVault(vaultPath, PASSWORD);

    const run = runBuiltMain({
      register,
      appPath: resolve('.'),
      vaultPath,
      steps: [
        ['vault:status', {}],
        ['vault:unlock', { password: PASSWORD }],
        // The list as the window asks for it (issue 12: tokens:list is not one of its actions).
        ['tokens:window', {}],
        ['environment:secrets', { tenant: 'Acme', environment: 'prod' }],
      ],
    });

    expect(run.logs).toContain('window.loadURL app://keyturn/index.html');
    expect(run.logs.some((line) => line.startsWith('BrowserWindow.new'))).toBe(true);
    expect(run.answers[0]).toMatchObject({ answer: { ok: true, value: { state: 'locked', tokenCount: 1 } } });
    expect(run.answers[1]).toMatchObject({ answer: { ok: true } });
    expect(run.answers[2]).toMatchObject({ answer: { ok: true, value: { matched: 1, rows: [{ label: 'api' }] } } });
    // The CLI's bulk-secret channel is not bound for the window in the built bundle either.
    expect(run.answers[3]).toEqual({ channel: 'environment:secrets', refused: expect.stringMatching(/No handler/) });
    expect(run.events.at(-1)).toEqual({ exit: 0 });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/No session bus/);
    console.log(`built main: ${run.logs.length} Electron calls, window reached, ${run.answers.length} answers, exit 0`);
  });
});
