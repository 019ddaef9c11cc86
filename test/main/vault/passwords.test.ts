import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { openVault } from '../../../src/main/vault/index';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { createTempVault } from '../../support/vault-temp';

const PASSWORD = 'Crème brûlée Ångström 42';

function nearMisses(p: string): string[] {
  const out = new Set<string>([
    p + ' ',
    ' ' + p,
    p.slice(0, -1),
    p + p.at(-1),
    p.toUpperCase(),
    p.toLowerCase(),
    '',
    p.normalize('NFKD').replace(/\p{M}/gu, ''),
  ]);
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
    out.add(p.slice(0, i) + flipped + p.slice(i + 1));
    out.add(p.slice(0, i) + p.slice(i + 1));
    out.add(p.slice(0, i) + String.fromCharCode(c.charCodeAt(0) + 1) + p.slice(i + 1));
  }
  out.delete(p);
  return [...out].filter((x) => x.normalize('NFC') !== p.normalize('NFC'));
}

describe('wrong passwords', () => {
  it('never unlocks with random or near-miss passwords, and unlocks with the NFD form of the right one', () => {
    const t = createTempVault(PASSWORD);
    t.vault.lock();
    const file = openVault(t.path, { policy: TEST_KDF_POLICY });
    const candidates = nearMisses(PASSWORD);
    while (candidates.length < 1_000) candidates.push(Math.random().toString(36).slice(2) + candidates.length);
    let wrongUnlocks = 0;
    const codes = new Set<string>();
    for (const candidate of candidates) {
      try {
        file.unlock(candidate);
        wrongUnlocks++;
      } catch (cause) {
        codes.add(cause instanceof KeyturnError ? cause.code : 'OTHER');
      }
    }
    console.log(`${candidates.length} wrong passwords, ${wrongUnlocks} wrong unlocks`);
    expect(wrongUnlocks).toBe(0);
    expect([...codes].sort()).toEqual(['INVALID_INPUT', 'VAULT_WRONG_PASSWORD']);
    const nfd = PASSWORD.normalize('NFD');
    expect(nfd).not.toBe(PASSWORD);
    const vault = file.unlock(nfd);
    const failed = vault.listAudit().filter((a) => a.action === 'unlock-failed').length;
    expect(failed).toBe(candidates.length - 1);
    expect(vault.verifyAudit().ok).toBe(true);
    file.close();
  });
});
