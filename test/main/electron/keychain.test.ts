import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { createKeychain } from '../../../src/main/electron/keychain';
import { FakeSafeStorage } from '../../support/fake-keychain';

describe('keychain', () => {
  it('seals and opens through the OS keychain', () => {
    const keychain = createKeychain(new FakeSafeStorage(), 'linux');
    expect(keychain.availability()).toEqual({ available: true });
    expect(keychain.open(keychain.seal('vault-key'))).toBe('vault-key');
  });

  it("refuses Linux's basic_text backend", () => {
    const keychain = createKeychain(new FakeSafeStorage('basic_text'), 'linux');
    expect(keychain.availability().available).toBe(false);
    expect(() => keychain.seal('vault-key')).toThrow(KeyturnError);
  });

  it('refuses when encryption is unavailable on any platform', () => {
    const keychain = createKeychain(new FakeSafeStorage('unknown', false), 'darwin');
    expect(() => keychain.seal('vault-key')).toThrow(/not available/);
  });

  it('does not apply the Linux backend rule on macOS', () => {
    const keychain = createKeychain(new FakeSafeStorage('unknown'), 'darwin');
    expect(keychain.availability()).toEqual({ available: true });
  });
});
