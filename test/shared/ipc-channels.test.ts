/** isChannel: the contract's own channels only, never an inherited property name. */
import { describe, expect, it } from 'vitest';
import { CHANNELS, isChannel } from '../../src/shared/ipc';

describe('isChannel', () => {
  it('knows every contract channel', () => {
    expect(CHANNELS.filter((channel) => !isChannel(channel))).toEqual([]);
  });

  it('refuses inherited names, other strings and non-strings', () => {
    for (const value of [
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      '',
      'vault:unlock ',
      'VAULT:UNLOCK',
    ]) {
      expect({ value, channel: isChannel(value) }).toEqual({ value, channel: false });
    }
    for (const value of [42, null, undefined, {}, ['vault:unlock']]) expect(isChannel(value)).toBe(false);
  });
});
