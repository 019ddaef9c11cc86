import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataDir } from '../../src/cli/vault-path';

describe('the product name', () => {
  it("makes Electron's userData folder the CLI's default vault folder", () => {
    // Electron names app.getPath('userData') after package.json's productName (else its name).
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      productName?: string;
    };
    expect(pkg.productName).toBe('Keyturn');
    expect(basename(userDataDir('linux', {}, '/home/u'))).toBe(pkg.productName);
    expect(basename(userDataDir('darwin', {}, '/Users/u'))).toBe(pkg.productName);
  });
});
