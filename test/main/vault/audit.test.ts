import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTempVault } from '../../support/vault-temp';

function auditedVault(): { path: string; v: ReturnType<typeof createTempVault>['vault'] } {
  const t = createTempVault();
  for (let i = 0; i < 9; i++) t.vault.audit('copy', null, `copy ${i}`);
  expect(t.vault.verifyAudit()).toEqual({ ok: true, entries: 10 });
  return { path: t.path, v: t.vault };
}

describe('audit chain', () => {
  it('names the first broken seq of an edited entry', () => {
    const { path, v } = auditedVault();
    const raw = new Database(path);
    raw.prepare("UPDATE audit SET action = 'verify' WHERE seq = 4").run();
    expect(v.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
    raw.prepare("UPDATE audit SET action = 'copy', at = at + 1 WHERE seq = 4").run();
    expect(v.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
    raw.close();
  });

  it('names the first broken seq of a deleted, reordered or truncated entry', () => {
    const a = auditedVault();
    const raw = new Database(a.path);
    raw.prepare('DELETE FROM audit WHERE seq = 6').run();
    expect(a.v.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: 6 });
    raw.close();

    const b = auditedVault();
    const rawB = new Database(b.path);
    rawB.exec(
      'UPDATE audit SET seq = -1 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 7; UPDATE audit SET seq = 7 WHERE seq = -1;',
    );
    expect(b.v.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    rawB.close();

    const c = auditedVault();
    const rawC = new Database(c.path);
    rawC.prepare('DELETE FROM audit WHERE seq >= 9').run();
    expect(c.v.verifyAudit()).toMatchObject({ ok: false, firstBrokenSeq: 9 });
    rawC.close();
  });
});
