/**
 * The audit viewer's side in main, through the real handlers over a real vault file: each row says
 * where it came from (window, tray, CLI, scheduler) and names its tenant, environment and token;
 * rows filter by source too; the chain's verdict comes in words, also where it breaks.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallerHandlers } from '../../../src/main/api';
import { auditSource } from '../../../src/main/api/audit-query';
import { createApiFixture, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;

beforeEach(async () => {
  f = await createApiFixture({ callerName: undefined });
});

afterEach(() => f.close());

async function seedToken(): Promise<string> {
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
  return value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label: 'ci', secret: 'sk-ci' })).id;
}

describe('audit rows', () => {
  it('say which caller made them and name the tenant, environment and token', async () => {
    const tokenId = await seedToken();
    value(await f.api['token:copy']({ tokenId }));
    value(await createCallerHandlers(f.context, 'tray')['token:copy']({ tokenId }));
    value(await createCallerHandlers(f.context, 'CLI')['token:secret']({ token: { tokenId }, purpose: 'get' }));
    value(await f.api['token:reveal']({ tokenId }));
    const page = value(await f.api['audit:query']({ tokenId, actions: ['copy', 'reveal'] }));
    expect(page.entries.map((e) => [e.action, e.source])).toEqual([
      ['reveal', 'window'],
      ['reveal', 'cli'],
      ['copy', 'tray'],
      ['copy', 'window'],
    ]);
    expect(page.entries[0]).toMatchObject({
      subject: 'acme/prod/ci',
      tenantName: 'acme',
      environmentName: 'prod',
      tokenLabel: 'ci',
    });
    const fromTray = value(await f.api['audit:query']({ sources: ['tray', 'cli'] }));
    expect(fromTray.entries.map((e) => e.source)).toEqual(['cli', 'tray']);
    const backwards = await f.api['audit:query']({ from: 2000, to: 1000 });
    expect(backwards).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The date range starts after it ends; choose a start before the end.' },
    });
    const unlocks = value(await f.api['audit:query']({ actions: ['unlock'] }));
    expect(unlocks.entries[0]).toMatchObject({ source: null, subject: null, tenantName: null, tokenLabel: null });
  });

  it('reads the source of rotations, reconciles and terminals from their wording', () => {
    const cases = [
      [{ action: 'rotate', detail: 'rotate j1 done (by scheduler)' }, 'scheduler'],
      [
        { action: 'create', detail: 'create j1 abandoned: Not created. (resumed from planned by scheduler)' },
        'scheduler',
      ],
      [{ action: 'rotate', detail: 'rotate j1 done (by app)' }, 'window'],
      [{ action: 'revoke', detail: 'revoke j1 done (by CLI)' }, 'cli'],
      [{ action: 'revoke', detail: 'orphan key k1 of journal j1 revoked by scheduler' }, 'scheduler'],
      [{ action: 'reveal', detail: 'CLI via the app (pid 12, no terminal, cwd /tmp) get' }, 'cli'],
      [{ action: 'cli-approval', detail: 'approved: keyturn get (/tmp)' }, 'cli'],
      [{ action: 'unlock', detail: 'with password' }, null],
      [{ action: 'copy', detail: '' }, null],
    ] as const;
    for (const [entry, source] of cases) expect([entry.detail, auditSource(entry)]).toEqual([entry.detail, source]);
  });
});

describe('the chain verdict in words', () => {
  it('says "Intact" with the count', async () => {
    const verdict = value(await f.api['audit:verdict']({}));
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.inWords).toBe(`Intact: ${verdict.entries} ${verdict.entries === 1 ? 'entry' : 'entries'}`);
  });

  it('groups thousands', async () => {
    const vault = f.vault();
    for (let i = 0; i < 1200; i++) vault.audit('verify', null, 'app check');
    expect(value(await f.api['audit:verdict']({})).inWords).toMatch(/^Intact: 1,2\d\d entries$/);
  });

  it('says where the chain breaks when an entry was deleted', async () => {
    const tokenId = await seedToken();
    for (let i = 0; i < 4; i++) value(await f.api['token:copy']({ tokenId }));
    const raw = new Database(f.context.vaultPath);
    const [victim] = raw.prepare("SELECT seq FROM audit WHERE action = 'copy' ORDER BY seq LIMIT 1 OFFSET 1").all() as {
      seq: number;
    }[];
    raw.prepare('DELETE FROM audit WHERE seq = ?').run(victim?.seq);
    raw.close();
    const verdict = value(await f.api['audit:verdict']({}));
    if (verdict.ok) throw new Error('a deleted entry went unseen');
    expect(verdict.firstBrokenSeq).toBe(victim?.seq);
    expect(verdict.inWords).toMatch(
      new RegExp(
        `^Broken at entry ${verdict.firstBrokenSeq} of \\d+ entries: .+\\. Entries from there on may have been edited or removed\\.$`,
      ),
    );
  });
});
