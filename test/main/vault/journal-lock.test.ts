import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { claimJournal, isJournalClaimed } from '../../../src/main/vault/journal-lock';
import { tempDir } from '../../support/temp-dir';
import { createTempVault } from '../../support/vault-temp';
import { thrownCode } from '../../support/thrown-code';

const HOLDER = fileURLToPath(new URL('../../support/journal-lock-holder.ts', import.meta.url));
type Holder = ChildProcessByStdio<Writable, Readable, null>;
const children: Holder[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another process that claims the entry through the real module and holds it until killed. */
async function holder(vaultPath: string, journalId: string): Promise<{ child: Holder; said: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, vaultPath, journalId], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const said = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
  return { child, said };
}

function ended(child: Holder): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

function vaultFile(): string {
  const path = join(tempDir('journal-lock'), 'vault.db');
  writeFileSync(path, '');
  return path;
}

describe('journal entry locks', () => {
  it('lets one claim in at a time within a process, and the next after a release', () => {
    const path = vaultFile();
    const first = claimJournal(path, 'entry-1');
    expect(first).not.toBeNull();
    expect(claimJournal(path, 'entry-1')).toBeNull();
    expect(isJournalClaimed(path, 'entry-1')).toBe(true);
    expect(claimJournal(path, 'entry-2')).not.toBeNull();
    first?.release();
    expect(isJournalClaimed(path, 'entry-1')).toBe(false);
    const again = claimJournal(path, 'entry-1');
    expect(again).not.toBeNull();
    again?.release();
  });

  it('sees an entry held by a live process as taken, and frees it the moment that process is SIGKILLed', async () => {
    const path = vaultFile();
    const { child, said } = await holder(path, 'entry-9');
    expect(said).toBe('held');
    expect(claimJournal(path, 'entry-9')).toBeNull();
    expect(isJournalClaimed(path, 'entry-9')).toBe(true);
    // A second live process is refused too.
    expect((await holder(path, 'entry-9')).said).toBe('busy');
    child.kill('SIGKILL');
    expect(await ended(child)).toBe('SIGKILL');
    expect(isJournalClaimed(path, 'entry-9')).toBe(false);
    const mine = claimJournal(path, 'entry-9');
    expect(mine).not.toBeNull();
    mine?.release();
  });

  it('frees an entry whose owner exits without releasing it', async () => {
    const path = vaultFile();
    const { child } = await holder(path, 'entry-3');
    child.stdin.write('exit\n');
    expect(await ended(child)).toBe(0);
    expect(isJournalClaimed(path, 'entry-3')).toBe(false);
  });

  it('keeps its lock files in a private folder beside the vault, removes a finished entry’s, and creates none to look', () => {
    const path = vaultFile();
    expect(isJournalClaimed(path, 'never-claimed')).toBe(false);
    expect(existsSync(`${path}.locks`)).toBe(false);
    const claim = claimJournal(path, 'entry-4');
    expect(statSync(`${path}.locks`).mode & 0o777).toBe(0o700);
    expect(existsSync(join(`${path}.locks`, 'entry-4'))).toBe(true);
    claim?.release({ finished: true });
    expect(existsSync(join(`${path}.locks`, 'entry-4'))).toBe(false);
  });

  it('says "not held" when a lock file cannot be opened at all, rather than failing a status', () => {
    const path = vaultFile();
    // Something that is not a file where the lock file should be (as a read-only folder would make it).
    mkdirSync(join(`${path}.locks`, 'entry-6'), { recursive: true });
    expect(isJournalClaimed(path, 'entry-6')).toBe(false);
    expect(thrownCode(() => claimJournal(path, 'entry-6'))).toBe('VAULT_IO');
  });

  it('is the same lock when the vault is reached through a symbolic link to its folder', () => {
    const dir = tempDir('journal-lock-real');
    const path = join(dir, 'vault.db');
    writeFileSync(path, '');
    const linkParent = tempDir('journal-lock-link');
    mkdirSync(join(linkParent, 'sub'));
    symlinkSync(dir, join(linkParent, 'sub', 'linked'));
    const claim = claimJournal(path, 'entry-5');
    expect(claimJournal(join(linkParent, 'sub', 'linked', 'vault.db'), 'entry-5')).toBeNull();
    claim?.release();
  });

  it('refuses an id that is not a journal id before touching the file system', () => {
    const t = createTempVault();
    expect(thrownCode(() => t.vault.claimJournal('../escape'))).toBe('INVALID_INPUT');
    expect(existsSync(`${t.path}.locks`)).toBe(false);
    t.vault.lock();
  });
});
