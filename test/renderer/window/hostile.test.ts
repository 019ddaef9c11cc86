/**
 * The hostile-data pass of issue 12: HTML and script in every user field, bidi and zero-width
 * tricks refused with a sentence, 200-character names, emoji and right-to-left text, and a list
 * long enough that only the rows in view exist. Nothing executes, nothing spoofs, the layout holds
 * (screenshots in both themes under test-results/renderer/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWindow, inspect, openWindow, POLL, type TestWindow } from './harness';

let w: TestWindow;
const SCRIPT = '<script>window.__pwned = "script"</script>';
const IMG = '<img src=x onerror="window.__pwned = \'img\'">';
const LONG_TENANT = `Tenant ${'t'.repeat(193)}`;
const LONG_ENV = `environment-${'e'.repeat(188)}`;
const LONG_LABEL = `${'Label with many words '.repeat(9)}and a tail`.slice(0, 200);
/** Names may not hold "/" (references use it): markup without a closing tag. */
const MARKUP_ENV = '<b onmouseover="window.__pwned = 1">env';
const RTL = 'مفتاح الإنتاج';
const EMOJI = 'Deploy 🚀 key 🔑 👩‍💻';

beforeAll(async () => {
  w = await openWindow({ vault: 'unlocked' });
  const vault = w.vault();
  const hostile = vault.addTenant(IMG);
  const long = vault.addTenant(LONG_TENANT);
  const rtl = vault.addTenant(RTL);
  const scriptEnv = vault.addEnvironment(hostile.id, MARKUP_ENV, 'production');
  const longEnv = vault.addEnvironment(long.id, LONG_ENV, 'staging');
  const rtlEnv = vault.addEnvironment(rtl.id, 'إنتاج', 'production');
  const add = (environmentId: string, label: string, extra: { tags?: string[]; notes?: string } = {}) =>
    vault.addToken({
      environmentId,
      label,
      kind: 'api-key',
      provider: 'manual',
      secret: `s-${label.length}`,
      ...extra,
    });
  add(scriptEnv.id, IMG, { tags: [SCRIPT, '<b>bold</b>'], notes: `${SCRIPT}\n${IMG}` });
  add(scriptEnv.id, SCRIPT);
  add(longEnv.id, LONG_LABEL, { tags: ['t'.repeat(60)], notes: 'n'.repeat(2000) });
  add(rtlEnv.id, RTL);
  add(rtlEnv.id, EMOJI);
  vault.addTokens(
    Array.from({ length: 2000 }, (_, index) => ({
      environmentId: longEnv.id,
      label: `bulk-${String(index).padStart(4, '0')}`,
      kind: 'api-key' as const,
      provider: 'manual' as const,
      secret: `bulk-secret-${index}`,
    })),
  );
  await w.reload();
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).waitFor();
});

afterAll(() => closeWindow(w));

const rows = () => w.page.locator('[role="row"][aria-selected]');
const detail = () => w.page.getByRole('complementary', { name: 'Token details' });
const pwned = () => w.page.evaluate<unknown>('window.__pwned');
const injectedElements = () => w.page.locator('#root img, #root script, #root b').count();

async function selectByText(text: string): Promise<void> {
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill(text);
  await expect.poll(() => rows().count(), POLL).toBeGreaterThan(0);
  await w.page.locator('.token-row').first().click();
}

describe('hostile text in every field', () => {
  it('shows HTML and script as text in the sidebar, the list and the detail pane; nothing runs', async () => {
    await selectByText('onerror');
    await detail().getByRole('heading', { name: IMG }).waitFor();
    expect(await detail().textContent()).toContain(SCRIPT);
    expect(await detail().textContent()).toContain('<b>bold</b>');
    const sidebar = (await w.page.getByRole('navigation', { name: 'Views' }).textContent()) ?? '';
    expect(sidebar).toContain(IMG);
    expect(sidebar).toContain(MARKUP_ENV);
    expect(await injectedElements()).toBe(0);
    expect(await pwned()).toBeUndefined();
    expect(await inspect(w.page, 'hostile-html')).toEqual([]);
  });

  it('isolates right-to-left and emoji text (dir="auto") and keeps the neighbouring words in order', async () => {
    await selectByText('🚀');
    await detail().getByRole('heading', { name: EMOJI }).waitFor();
    await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill(RTL);
    await expect.poll(() => rows().count(), POLL).toBeGreaterThan(0);
    const label = w.page.locator('.token-row .token-label').first();
    expect(await label.getAttribute('dir')).toBe('auto');
    expect(
      await w.page.evaluate<string>("getComputedStyle(document.querySelector('.token-row .token-label')).unicodeBidi"),
    ).toBe('isolate');
    await inspect(w.page, 'hostile-rtl');
  });

  it('keeps a 200-character label, tenant and environment readable without breaking the layout', async () => {
    await selectByText('Label with many words');
    await detail().getByRole('heading', { name: LONG_LABEL }).waitFor();
    const label = await w.page.locator('.token-row .token-label').first().boundingBox();
    expect(label?.width ?? 0).toBeGreaterThan(100);
    expect(await w.page.locator('.token-row .token-label').first().getAttribute('title')).toBe(LONG_LABEL);
    const overflow = await w.page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    const sidebar = w.page.getByRole('navigation', { name: 'Views' });
    const box = await sidebar.boundingBox();
    const tenant = await sidebar.getByRole('button', { name: new RegExp(`^${LONG_TENANT}`) }).boundingBox();
    expect(tenant !== null && box !== null && tenant.x + tenant.width <= box.x + box.width + 1).toBe(true);
    expect(await inspect(w.page, 'hostile-long-names')).toEqual([]);
  });
});

describe('spoofing characters are refused with a sentence', () => {
  it('refuses a bidi override in a tenant name and a zero-width space in a token label; nothing is added', async () => {
    const before = w.vault().listTenants().length;
    await w.page.getByRole('button', { name: 'Add a tenant' }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.getByLabel('Tenant name').fill('Acme \u202Edorp');
    await dialog.getByRole('button', { name: 'Add tenant' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/invisible or direction-changing characters; found U\+202E/);
    expect(await alert.textContent()).not.toMatch(/INVALID_INPUT|Invalid input for/);
    expect(await inspect(w.page, 'dialog-refused-bidi')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(w.vault().listTenants()).toHaveLength(before);

    const tokens = w.vault().listTokens().length;
    await w.page.getByRole('button', { name: 'Add token', exact: true }).click();
    await dialog.getByLabel('Token', { exact: true }).fill('plain-value-for-zero-width');
    await dialog.getByLabel('Label').fill('pr\u200Bod key');
    await dialog.getByRole('combobox', { name: 'Environment' }).fill('Tenant ttt');
    await w.page.getByRole('listbox').getByRole('option').first().click();
    await dialog.getByRole('button', { name: 'Add token' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/found U\+200B/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(w.vault().listTokens()).toHaveLength(tokens);
  });
});

describe('a long list', () => {
  it('renders only the rows in view of 2,005 tokens and reaches the last one by keyboard', async () => {
    await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill('');
    await expect.poll(() => w.page.locator('.list-heading .count').textContent(), POLL).toMatch(/2,005 tokens/);
    expect(await rows().count()).toBeLessThan(80);
    await w.page.locator('#token-list').focus();
    await w.page.keyboard.press('End');
    await expect
      .poll(() => w.page.locator('.token-row[aria-selected="true"] .token-label').textContent(), POLL)
      .toMatch(/./);
    const last = await w.page.locator('.token-row[aria-selected="true"] .token-label').textContent();
    const sorted = w
      .vault()
      .listTokens()
      .map((token) => token.label)
      .sort((a, b) => a.localeCompare(b));
    expect(last).toBe(sorted.at(-1));
    expect(await rows().count()).toBeLessThan(80);
    expect(await pwned()).toBeUndefined();
    expect(w.pageErrors).toEqual([]);
  });
});
