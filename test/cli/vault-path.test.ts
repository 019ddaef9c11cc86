import { describe, expect, it } from 'vitest';
import { defaultVaultPath, resolveVaultPath } from '../../src/cli/vault-path';
import { parseEnvRef, parseTokenRef } from '../../src/cli/ref';

describe('where the CLI finds the vault', () => {
  it('uses the folder Electron gives productName Keyturn on each platform', () => {
    expect(defaultVaultPath('linux', {}, '/home/ada')).toBe('/home/ada/.config/Keyturn/vault.db');
    expect(defaultVaultPath('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Keyturn/vault.db');
    expect(defaultVaultPath('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Keyturn/vault.db',
    );
    expect(defaultVaultPath('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Keyturn\\vault.db',
    );
  });

  it('prefers --vault, then KEYTURN_VAULT', () => {
    expect(resolveVaultPath('/flag.db', { KEYTURN_VAULT: '/env.db' })).toBe('/flag.db');
    expect(resolveVaultPath(undefined, { KEYTURN_VAULT: '/env.db' })).toBe('/env.db');
  });
});

describe('token references', () => {
  it('reads both forms, decoding the URI form and keeping slashes in labels', () => {
    expect(parseTokenRef('acme/prod/stripe')).toEqual({ tenant: 'acme', environment: 'prod', label: 'stripe' });
    expect(parseTokenRef('keyturn://acme/prod/stripe%20live')).toEqual({
      tenant: 'acme',
      environment: 'prod',
      label: 'stripe live',
    });
    expect(parseTokenRef('acme/prod/a/b')).toEqual({ tenant: 'acme', environment: 'prod', label: 'a/b' });
    expect(parseEnvRef('keyturn://acme/prod')).toEqual({ tenant: 'acme', environment: 'prod' });
  });

  it('refuses references with a missing part', () => {
    for (const bad of ['', 'acme', 'acme/prod', 'acme//x', '/prod/x', 'keyturn://acme/prod']) {
      expect(() => parseTokenRef(bad)).toThrow(/Malformed reference/);
    }
    expect(() => parseEnvRef('acme/prod/x')).toThrow(/Malformed reference/);
  });
});
