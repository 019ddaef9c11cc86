/**
 * The built preload (out/preload/index.cjs, made by `npm run build`) run as Electron runs a
 * sandboxed preload: CommonJS, with only require('electron'). Fake contextBridge/ipcRenderer
 * record what it exposes and sends.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { KEYTURN_EVENTS } from '../../src/shared/keyturn-api';
import { EXPECTED_KEYTURN_KEYS } from '../smoke/smoke';
import { EXPECTED_WINDOW_ACTIONS } from '../support/window-actions';

const BUILT = resolve('out/preload/index.cjs');

/**
 * What `window.keyturn` must hold is written out once, in the release smoke test's list: compared
 * with KEYTURN_ACTIONS itself, an action added to (or dropped from) the map by mistake would pass
 * unseen. Change that list with the map.
 */
const EXPECTED_API = [...EXPECTED_KEYTURN_KEYS].sort();

interface Loaded {
  readonly exposed: Map<string, Record<string, (...args: unknown[]) => unknown>>;
  readonly invoked: { channel: string; input: unknown }[];
  readonly required: string[];
  readonly listeners: Map<string, (event: unknown, payload: unknown) => void>;
}

function loadPreload(): Loaded {
  const loaded: Loaded = { exposed: new Map(), invoked: [], required: [], listeners: new Map() };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) =>
        loaded.exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        loaded.invoked.push({ channel, input });
        return { ok: true, value: null };
      },
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
        loaded.listeners.set(channel, listener),
      removeListener: (channel: string) => loaded.listeners.delete(channel),
    },
  };
  const sandboxRequire = (name: string): unknown => {
    loaded.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(BUILT, 'utf8'), { require: sandboxRequire, module, exports: module.exports });
  return loaded;
}

describe('built preload', () => {
  it('exists (npm run build makes it)', () => {
    expect(existsSync(BUILT)).toBe(true);
  });

  it("is sandbox-safe CommonJS that requires only 'electron'", () => {
    const { required } = loadPreload();
    expect(required).toEqual(['electron']);
  });

  it('exposes exactly the user actions and the event subscriptions, never ipcRenderer', () => {
    const api = loadPreload().exposed.get('keyturn');
    expect(Object.keys(api ?? {}).sort()).toEqual(EXPECTED_API);
    expect(Object.keys(api ?? {})).not.toContain('invoke');
    console.log(`${EXPECTED_KEYTURN_KEYS.length} actions and subscriptions exposed as window.keyturn`);
  });

  it('sends each action on its contract channel, with {} when called without input', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.get('keyturn');
    await api?.['copyToken']?.({ tokenId: 't1' });
    await api?.['status']?.();
    expect(invoked).toEqual([
      { channel: 'token:copy', input: { tokenId: 't1' } },
      { channel: 'vault:status', input: {} },
    ]);
  });

  it('sends every action on the channel written out for it, and on no other', async () => {
    const api = loadPreload();
    const actions = Object.keys(EXPECTED_WINDOW_ACTIONS);
    for (const action of actions) await api.exposed.get('keyturn')?.[action]?.({});
    const sent = Object.fromEntries(api.invoked.map(({ channel }, index) => [actions[index], channel]));
    expect(sent).toEqual(EXPECTED_WINDOW_ACTIONS);
    // Every exposed name that is not an action is an event subscription.
    const subscriptions = EXPECTED_KEYTURN_KEYS.filter((key) => !(key in EXPECTED_WINDOW_ACTIONS));
    expect(subscriptions.sort()).toEqual(Object.keys(KEYTURN_EVENTS).sort());
  });

  it('forwards every event main pushes, each on its own channel, without the IPC event object', () => {
    const { exposed, listeners } = loadPreload();
    const api = exposed.get('keyturn');
    for (const [subscription, channel] of Object.entries(KEYTURN_EVENTS)) {
      const heard: unknown[] = [];
      const unsubscribe = api?.[subscription]?.((event: unknown) => heard.push(event)) as () => void;
      listeners.get(channel)?.({ sender: 'ipc-internals' }, { about: channel });
      expect(heard, subscription).toEqual([{ about: channel }]);
      unsubscribe();
      expect(listeners.has(channel), subscription).toBe(false);
    }
  });

  it('forwards session events without the IPC event object, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const heard: unknown[] = [];
    const unsubscribe = exposed
      .get('keyturn')
      ?.['onSessionChanged']?.((event: unknown) => heard.push(event)) as () => void;
    listeners.get('session:changed')?.({ sender: 'ipc-internals' }, { state: 'locked', reason: 'idle' });
    expect(heard).toEqual([{ state: 'locked', reason: 'idle' }]);
    unsubscribe();
    expect(listeners.has('session:changed')).toBe(false);
  });
});
