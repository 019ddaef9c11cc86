/**
 * The vault file's state as the window gets it: missing, unreadable (damaged, newer, not a file),
 * each with the path, what is wrong and what to do; never a blank window. The file is not touched.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers, createWindowEvents, type WindowEvent } from '../../../src/main/api';
import { createTestContext, value } from '../../support/api-fixture';
import { tempDir } from '../../support/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function world() {
  const events = createWindowEvents();
  const heard: WindowEvent[] = [];
  events.subscribe((event) => heard.push(event));
  const { context } = createTestContext(tempDir('status'), { events });
  cleanups.push(() => context.session.lock('user'));
  return { context, api: createApiHandlers(context), heard };
}

describe('vault:status for every state of the file', () => {
  it('says missing with the path where the vault will be created', async () => {
    const { context, api } = world();
    expect(value(await api['vault:status']({}))).toEqual({ state: 'missing', path: context.vaultPath });
  });

  it('says a damaged file is damaged, with its path and what to do, and leaves it as it was', async () => {
    const { context, api } = world();
    for (const bytes of [Buffer.from('not a database at all'), Buffer.alloc(4096, 7)]) {
      writeFileSync(context.vaultPath, bytes);
      const status = value(await api['vault:status']({}));
      expect(status).toMatchObject({ state: 'unreadable', problem: 'corrupt', path: context.vaultPath });
      if (status.state !== 'unreadable') throw new Error('expected unreadable');
      expect(status.message).toBe('The vault file is damaged or is not a Keyturn vault.');
      expect(status.advice).toMatch(/Keyturn has not changed it/);
      expect(readFileSync(context.vaultPath)).toEqual(bytes);
    }
  });

  it('says a vault from a newer Keyturn is too new, and a truncated one is damaged', async () => {
    const { context, api } = world();
    value(await api['vault:create']({ password: 'correct horse battery' }));
    value(await api['vault:lock']({}));
    const db = new Database(context.vaultPath);
    db.pragma('user_version = 99');
    db.close();
    const status = value(await api['vault:status']({}));
    expect(status).toMatchObject({ state: 'unreadable', problem: 'too-new', path: context.vaultPath });
    if (status.state !== 'unreadable') throw new Error('expected unreadable');
    expect(status.message).toMatch(/newer Keyturn \(schema 99/);
    expect(status.advice).toMatch(/Update Keyturn/);
    const other = world();
    value(await other.api['vault:create']({ password: 'correct horse battery' }));
    value(await other.api['vault:lock']({}));
    other.context.session.lock('user');
    const path = other.context.vaultPath;
    // Half of the first page, and no write-ahead log to fill the gap from.
    const head = readFileSync(path).subarray(0, 2048);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    writeFileSync(path, head);
    const damaged = value(await other.api['vault:status']({}));
    expect(damaged, JSON.stringify(damaged)).toMatchObject({ state: 'unreadable', problem: 'corrupt' });
  });

  it('says a path it cannot open as a file is unreadable', async () => {
    const { context, api } = world();
    mkdirSync(context.vaultPath);
    expect(value(await api['vault:status']({}))).toMatchObject({
      state: 'unreadable',
      problem: 'unreadable',
      path: context.vaultPath,
      message: expect.stringMatching(/^The vault file could not be read/),
    });
  });
});

describe('session events', () => {
  it('tells the window of each lock and unlock, with the reason', async () => {
    const { api, context, heard } = world();
    value(await api['vault:create']({ password: 'correct horse battery' }));
    context.session.lock('idle');
    value(await api['vault:unlock']({ password: 'correct horse battery' }));
    expect(heard.filter((e) => e.name === 'session:changed').map((e) => e.payload)).toEqual([
      { state: 'unlocked', reason: 'unlock' },
      { state: 'locked', reason: 'idle' },
      { state: 'unlocked', reason: 'unlock' },
    ]);
  });
});
