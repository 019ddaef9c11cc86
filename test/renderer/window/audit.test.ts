/**
 * Issue 13 item 3 in the window: the audit log viewer. The rows shown are the vault's entries
 * (same order, same subjects), the filters narrow them in main, and the chain's verdict is said
 * in words, also where an edited entry breaks it.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWindow, inspect, openSeededWindow, POLL, type TestWindow } from './harness';

let w: TestWindow;

beforeAll(async () => {
  w = await openSeededWindow();
});

afterAll(() => closeWindow(w));

const pane = () => w.page.getByRole('region', { name: 'Audit log' });
const shownSeqs = async (): Promise<number[]> =>
  (
    await pane()
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-seq')))
  ).map(Number);

describe('audit log', () => {
  it('shows every entry of the vault, newest first, with its verdict in words', async () => {
    const rows = w.page.locator('[role="row"][aria-selected]');
    await expect.poll(() => rows.count(), POLL).toBe(5);
    // Two copies from the window, so the log holds window entries with a token subject.
    await rows.first().click();
    await w.page.keyboard.press('Enter');
    await rows.nth(1).click();
    await w.page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          w
            .vault()
            .listAudit()
            .filter((e) => e.action === 'copy').length,
        POLL,
      )
      .toBe(2);
    await w.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit log' }).click();
    const vaultSeqs = w
      .vault()
      .listAudit()
      .map((entry) => entry.seq)
      .reverse();
    await expect.poll(shownSeqs, POLL).toEqual(vaultSeqs);
    const entries = w.vault().verifyAudit().entries;
    expect(await pane().getByRole('status').textContent()).toContain(
      `Intact: ${entries.toLocaleString('en-US')} entries`,
    );
    const copyRow = pane().locator('tbody tr', { hasText: 'Copied' }).first();
    expect(await copyRow.textContent()).toMatch(/Acme \/ (prod|dev) \/ .*Window/);
    expect(await inspect(w.page, 'audit-log')).toEqual([]);
  });

  it('filters by kind, source and date in main', async () => {
    await pane().getByLabel('Kind').selectOption({ label: 'Copied' });
    const copies = w
      .vault()
      .listAudit()
      .filter((entry) => entry.action === 'copy')
      .map((entry) => entry.seq)
      .reverse();
    await expect.poll(shownSeqs, POLL).toEqual(copies);
    await pane().getByLabel('Source').selectOption({ label: 'Tray' });
    await pane().getByText('No entries match these filters.').waitFor();
    await pane().getByLabel('Source').selectOption({ label: 'Window' });
    await expect.poll(shownSeqs, POLL).toEqual(copies);
    await pane().getByLabel('From').fill('2099-01-01');
    await pane().getByText('No entries match these filters.').waitFor();
    await pane().getByLabel('To').fill('2098-01-01');
    await pane()
      .getByRole('alert')
      .getByText(/starts after it ends/)
      .waitFor();
    expect(await inspect(w.page, 'audit-bad-range')).toEqual([]);
    await pane().getByLabel('From').fill('');
    await pane().getByLabel('To').fill('');
    await pane().getByLabel('Source').selectOption({ label: 'All sources' });
    await expect.poll(shownSeqs, POLL).toEqual(copies);
  });

  it("narrows to one token from a row, and from the token's menu", async () => {
    const first = w
      .vault()
      .listAudit()
      .find((entry) => entry.action === 'copy');
    const tokenId = first?.subjectId ?? '';
    await pane().locator(`tbody tr[data-seq="${first?.seq}"]`).getByRole('button').click();
    await pane().getByRole('button', { name: 'Show every token' }).waitFor();
    const forToken = w
      .vault()
      .listAudit()
      .filter((entry) => entry.subjectId === tokenId && entry.action === 'copy')
      .map((entry) => entry.seq)
      .reverse();
    await expect.poll(shownSeqs, POLL).toEqual(forToken);
    expect(await inspect(w.page, 'audit-one-token')).toEqual([]);
    await pane().getByRole('button', { name: 'Show every token' }).click();
    await pane().getByLabel('Kind').selectOption({ label: 'All kinds' });
    await expect.poll(async () => (await shownSeqs()).length, POLL).toBe(w.vault().listAudit().length);

    await w.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^All tokens/ })
      .click();
    const row = w.page.locator('[role="row"][aria-selected]').first();
    await row.click({ button: 'right' });
    await w.page.getByRole('menuitem', { name: 'Show in the audit log' }).click();
    await pane().getByRole('button', { name: 'Show every token' }).waitFor();
    expect(await shownSeqs()).not.toHaveLength(w.vault().listAudit().length);
  });

  it('pages through a log longer than 500 entries to its oldest, 100 at a time', async () => {
    for (let i = 0; i < 620; i++) w.vault().audit('reveal', null, `bulk entry ${i}`);
    const views = w.page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('button', { name: /^All tokens/ }).click();
    await views.getByRole('button', { name: 'Audit log' }).click();
    const all = w
      .vault()
      .listAudit()
      .map((entry) => entry.seq)
      .reverse();
    const total = all.length.toLocaleString('en-US');
    const pager = pane().getByRole('navigation', { name: 'Audit log pages' });
    await pager.getByText(`Entries 1–100 of ${total}`).waitFor();
    expect(await shownSeqs()).toEqual(all.slice(0, 100));
    expect(await pager.getByRole('button', { name: '← Newer' }).isDisabled()).toBe(true);
    const older = pager.getByRole('button', { name: 'Older →' });
    for (let offset = 100; offset < all.length; offset += 100) {
      await older.click();
      await pager.getByText(`Entries ${(offset + 1).toLocaleString('en-US')}–`).waitFor();
    }
    expect(await older.isDisabled()).toBe(true);
    await expect.poll(shownSeqs, POLL).toEqual(all.slice(Math.floor((all.length - 1) / 100) * 100));
    expect(await inspect(w.page, 'audit-oldest-page')).toEqual([]);
    await pager.getByRole('button', { name: '← Newer' }).click();
    await expect
      .poll(async () => (await shownSeqs())[0], POLL)
      .toBe(all[Math.floor((all.length - 1) / 100) * 100 - 100]);
    // A filter starts again from the newest entry.
    await pane().getByLabel('Kind').selectOption({ label: 'Revealed' });
    await expect.poll(async () => (await shownSeqs())[0], POLL).toBe(all[0]);
  });

  it('says where the chain breaks when an entry was edited on disk', async () => {
    const target = w.vault().listAudit()[2];
    const raw = new Database(w.context.vaultPath);
    raw.prepare('UPDATE audit SET at = at + 1 WHERE seq = ?').run(target?.seq);
    raw.close();
    await w.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit log' }).click();
    await w.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^All tokens/ })
      .click();
    await w.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit log' }).click();
    const verdict = pane().getByRole('status');
    await expect.poll(() => verdict.getAttribute('class'), POLL).toContain('error');
    expect(await verdict.textContent()).toMatch(new RegExp(`${target?.seq}`));
    expect(await inspect(w.page, 'audit-broken-chain')).toEqual([]);
  });
});
