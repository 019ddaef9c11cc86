/**
 * The window's surface: KEYTURN_ACTIONS is the map main binds for the window, so what it holds
 * (and what it leaves out) is the security boundary. The events map and schemas match.
 */
import { describe, expect, it } from 'vitest';
import { API_BODIES } from '../../../src/main/api';
import { CHANNELS, IPC_CONTRACT } from '../../../src/shared/ipc';
import { WINDOW_TRANSFER_CHANNELS } from '../../../src/shared/ipc-window-transfer-channels';
import { KEYTURN_ACTIONS, KEYTURN_EVENTS } from '../../../src/shared/keyturn-api';
import { WINDOW_EVENTS, WINDOW_EVENT_SCHEMAS } from '../../../src/shared/window-events';

const windowChannels = new Set<string>(Object.values(KEYTURN_ACTIONS));

/** CLI channels the renderer must never reach: secrets in bulk or by reference, unchecked protection changes. */
const CLI_ONLY = [
  'token:secret',
  'environment:secrets',
  'backup:export',
  'backup:restore',
  'import:dotenv',
  'vault:change-password',
  'tokens:list',
  'tokens:query',
  'token:history',
  'audit:list',
  'vault:summary',
  'tenants:list',
  'environments:list',
  'tenant:remove',
  'environment:remove',
] as const;

describe('the window action map', () => {
  it('maps every action to a contract channel that has a handler, each channel once', () => {
    for (const [action, channel] of Object.entries(KEYTURN_ACTIONS)) {
      expect(Object.hasOwn(IPC_CONTRACT, channel), action).toBe(true);
      expect(typeof API_BODIES[channel], action).toBe('function');
    }
    expect(windowChannels.size).toBe(Object.keys(KEYTURN_ACTIONS).length);
    console.log(`${windowChannels.size} window actions of ${CHANNELS.length} channels`);
  });

  it('leaves out the CLI-only channels: bulk secrets, secrets by reference, protection changes without a password check', () => {
    for (const channel of CLI_ONLY) {
      expect(Object.hasOwn(IPC_CONTRACT, channel), channel).toBe(true);
      expect(windowChannels.has(channel), channel).toBe(false);
    }
    // The only channel the window has that hands out a secret is the audited, explicit reveal.
    const secretOut = [...windowChannels].filter((c) =>
      ['token:reveal', 'token:secret', 'environment:secrets'].includes(c),
    );
    expect(secretOut).toEqual(['token:reveal']);
  });

  it('asks for the current password on every protection change it offers', () => {
    for (const channel of ['password:change', 'recovery-key:replace'] as const) {
      const schema = IPC_CONTRACT[channel].input;
      expect(schema.safeParse({ newPassword: 'long enough password' }).success, channel).toBe(false);
    }
    for (const channel of ['backup:save', 'backup:replace'] as const) {
      const fields = Object.keys(IPC_CONTRACT[channel].input.shape);
      expect(fields, channel).toContain('currentPassword');
    }
    const exported = IPC_CONTRACT['export:environment'].input;
    expect(exported.safeParse({ environmentId: 'e', format: 'dotenv' }).success).toBe(false);
    expect(exported.safeParse({ environmentId: 'e', format: 'dotenv', plaintextAcknowledged: false }).success).toBe(
      false,
    );
    const device = IPC_CONTRACT['device-unlock:set'].input;
    expect(device.safeParse({ enabled: true }).success).toBe(false);
    expect(device.safeParse({ enabled: true, currentPassword: 'x' }).success).toBe(true);
    expect(device.safeParse({ enabled: false }).success).toBe(true);
  });

  it('takes no file path from the window: main chooses files in its own dialogs', () => {
    for (const channel of Object.keys(WINDOW_TRANSFER_CHANNELS) as (keyof typeof WINDOW_TRANSFER_CHANNELS)[]) {
      expect(windowChannels.has(channel), channel).toBe(true);
      const fields = Object.keys(IPC_CONTRACT[channel].input.shape);
      expect(
        fields.filter((field) => /path|file|dir/i.test(field)),
        channel,
      ).toEqual([]);
      expect(IPC_CONTRACT[channel].input.safeParse({ path: '/etc/passwd' }).success, channel).toBe(false);
    }
  });

  it('has one subscription per event, each with a schema', () => {
    expect(Object.values(KEYTURN_EVENTS).sort()).toEqual([...WINDOW_EVENTS].sort());
    for (const name of WINDOW_EVENTS) expect(typeof WINDOW_EVENT_SCHEMAS[name]().safeParse).toBe('function');
  });
});
