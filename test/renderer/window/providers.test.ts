/**
 * Issue 12 items 6 and 7 in the window, against the provider emulators on 127.0.0.1: connect an
 * environment (the provider's form, test connection, the abilities in words), create, rotate,
 * verify and revoke at the provider with the journal's steps shown as they stream, failures in
 * plain words, revoke-failed keys retried from Pending work, and the guided manual rotation.
 * Afterwards the emulator and the vault are checked, not only the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSatoriEmulator, startSynapTaskEmulator } from '../../emulators';
import { value } from '../../support/api-fixture';
import { closeWindow, inspect, openWindow, POLL, type TestWindow } from './harness';

let w: TestWindow;
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;
let synaptask: Awaited<ReturnType<typeof startSynapTaskEmulator>>;

beforeAll(async () => {
  satori = await startSatoriEmulator();
  synaptask = await startSynapTaskEmulator();
  w = await openWindow({ vault: 'unlocked' });
  const acme = w.vault().addTenant('acme');
  w.vault().addEnvironment(acme.id, 'prod', 'production');
  w.vault().addEnvironment(acme.id, 'tasks', 'development');
  await w.reload();
  await sidebar()
    .getByRole('button', { name: /^PROD prod/ })
    .waitFor();
});

afterAll(async () => {
  await closeWindow(w);
  await satori?.close();
  await synaptask?.close();
});

const sidebar = () => w.page.getByRole('navigation', { name: 'Views' });
const dialog = () => w.page.getByRole('dialog');
const detail = () => w.page.getByRole('complementary', { name: 'Token details' });
const tokenNamed = (label: string) =>
  w
    .vault()
    .listTokens()
    .find((token) => token.label === label);
const secretOf = async (label: string): Promise<string> =>
  value(await w.api['token:reveal']({ tokenId: tokenNamed(label)?.id ?? '' })).secret;
const liveKeys = (label: string) => satori.state.activeKeys().filter((key) => key.name.includes(label));

async function accepted(key: string): Promise<number> {
  const response = await fetch(`${satori.url}/api/tenants/${satori.seed.tenantId}/`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status;
}

async function environmentMenu(name: string, item: string): Promise<void> {
  await sidebar()
    .getByRole('button', { name: `Actions for environment ${name}` })
    .click();
  await w.page.getByRole('menuitem', { name: item }).click();
}

async function selectByLabel(label: string): Promise<void> {
  await w.page.getByRole('searchbox', { name: 'Search tokens' }).fill(label);
  await expect.poll(() => w.page.locator('[role="row"][aria-selected]').count(), POLL).toBe(1);
  await w.page.locator('.token-row').first().click();
  await detail().getByRole('heading', { name: label }).waitFor();
}

/** The step lines the dialog showed, in order. */
const shownSteps = () => dialog().getByRole('list', { name: 'Progress' }).getByRole('listitem').allTextContents();

describe('connect an environment to a provider', () => {
  it('builds Satori’s form, says what Keyturn can do there, tests the connection and saves it', async () => {
    await environmentMenu('prod', 'Connect to a provider…');
    await dialog().getByLabel('Provider').selectOption('satori');
    const abilities = dialog().getByRole('region', { name: 'What Keyturn can do with Satori' });
    expect(await abilities.textContent()).toContain('Creates new keys at Satori.');
    expect(await abilities.textContent()).toContain('Revokes keys at Satori.');
    await dialog().getByLabel('Base URL').fill(satori.url);
    await dialog().getByLabel('Existing API token').fill('not-the-token');
    await dialog().getByLabel('Tenant id').fill(satori.seed.tenantId);
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await dialog()
      .getByRole('alert')
      .getByText(/^The connection does not work: /)
      .waitFor();
    expect(await dialog().getByRole('alert').textContent()).not.toContain('not-the-token');
    expect(await inspect(w.page, 'dialog-connect-failed')).toEqual([]);
    await dialog().getByLabel('Existing API token').fill(satori.seed.bootstrapToken);
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await dialog()
      .getByRole('status')
      .getByText(/^The connection works/)
      .waitFor();
    expect(await inspect(w.page, 'dialog-connect')).toEqual([]);
    await dialog().getByRole('button', { name: 'Save connection' }).click();
    await dialog().waitFor({ state: 'detached' });
    const outline = value(await w.api['vault:outline']({}));
    const prod = outline.tenants[0]?.environments.find((environment) => environment.name === 'prod');
    expect(prod?.connections.map((connection) => connection.provider)).toEqual(['satori']);
    expect(await w.page.content()).not.toContain(satori.seed.bootstrapToken);
  });

  it('shows the manual-only providers’ abilities in words (SynapTask)', async () => {
    await environmentMenu('tasks', 'Connect to a provider…');
    await dialog().getByLabel('Provider').selectOption('synaptask');
    const abilities = dialog().getByRole('region', { name: 'What Keyturn can do with SynapTask' });
    expect(await abilities.textContent()).toContain('Rotation is guided by hand.');
    await dialog().getByLabel('Base URL').fill(synaptask.url);
    await dialog().getByLabel('API token').fill(synaptask.seed.token);
    await dialog().getByRole('button', { name: 'Save connection' }).click();
    await dialog().waitFor({ state: 'detached' });
  });
});

describe('create, rotate, verify and revoke at the provider', () => {
  it('creates a key with its steps shown as they happen; the emulator holds it', async () => {
    await environmentMenu('prod', 'Create a key at the provider…');
    await dialog().getByLabel('Label').fill('ci');
    await dialog().getByRole('button', { name: 'Create key' }).click();
    await dialog().getByText('Created: the new key is stored and works.').waitFor();
    // Events travel apart from the answer: the steps may still be arriving when the outcome shows.
    await expect
      .poll(async () => (await shownSteps()).join('\n'), POLL)
      .toContain('Asking Satori to create the new key');
    expect(await inspect(w.page, 'dialog-create-at-provider')).toEqual([]);
    await dialog().getByRole('button', { name: 'Close' }).click();
    expect(liveKeys('ci')).toHaveLength(1);
    expect(await accepted(await secretOf('ci'))).toBe(200);
  });

  it('rotates: the journal’s steps stream in, one live key afterwards, the old one answers 401', async () => {
    const before = await secretOf('ci');
    await selectByLabel('ci');
    await detail().getByRole('button', { name: 'Rotate…' }).click();
    await dialog().getByText('Rotated: the new key is current and the old one is revoked.').waitFor();
    await expect
      .poll(async () => (await shownSteps()).join('\n'), POLL)
      .toContain('Switched to the new key; revoking the old one');
    expect(await inspect(w.page, 'dialog-rotated')).toEqual([]);
    await dialog().getByRole('button', { name: 'Close' }).click();
    const after = await secretOf('ci');
    expect(after).not.toBe(before);
    expect(liveKeys('ci')).toHaveLength(1);
    expect(await accepted(before)).toBe(401);
    expect(await accepted(after)).toBe(200);
    await detail().getByRole('tab', { name: 'History' }).click();
    const table = detail().getByRole('table');
    expect(await table.getByRole('cell', { name: 'Revoked' }).count()).toBeGreaterThanOrEqual(1);
    expect(await w.page.content()).not.toContain(after);
  });

  it('says in plain words when the new key fails its test, and the old key stays current', async () => {
    const before = await secretOf('ci');
    satori.inject({
      fault: { kind: 'status', status: 401, body: '{"detail":"Invalid token."}' },
      method: 'GET',
      path: /^\/api\/tenants\/[^/]+\/$/,
      times: 1,
    });
    await detail().getByRole('button', { name: 'Rotate…' }).click();
    const alert = dialog().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/failed its test/);
    // What happens next comes with the run's `failed` event, which may follow the answer.
    await expect.poll(() => alert.textContent(), POLL).toContain('The old key stays current; nothing else changed.');
    expect(await inspect(w.page, 'dialog-rotation-failed')).toEqual([]);
    await dialog().getByRole('button', { name: 'Close' }).click();
    satori.clearFaults();
    expect(await secretOf('ci')).toBe(before);
    expect(await accepted(before)).toBe(200);
    expect(liveKeys('ci')).toHaveLength(1);
  });

  it('lists a key the provider would not revoke under Pending work, and Retry finishes it', async () => {
    const oldKey = tokenNamed('ci')?.providerKeyId;
    satori.inject({ fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' }, method: 'PUT', times: 100 });
    await detail().getByRole('button', { name: 'Rotate…' }).click();
    await dialog().getByRole('alert').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    await sidebar()
      .getByRole('button', { name: /^Pending work/ })
      .click();
    const item = w.page.locator('.pending-item');
    await expect.poll(() => item.count(), POLL).toBe(1);
    expect(await item.textContent()).toContain('Revoke failed');
    expect(await item.textContent()).toContain(oldKey ?? 'no key id');
    expect(await inspect(w.page, 'pending-work')).toEqual([]);
    satori.clearFaults();
    await item.getByRole('button', { name: 'Retry now' }).click();
    await dialog().getByText('Finished.').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    await w.page.getByText('Nothing is waiting').waitFor();
    expect(await inspect(w.page, 'pending-work-empty')).toEqual([]);
    expect(satori.state.activeKeys().map((key) => key.id)).not.toContain(oldKey);
    expect(liveKeys('ci')).toHaveLength(1);
  });

  it('verifies the key at the provider', async () => {
    await sidebar()
      .getByRole('button', { name: /^All tokens/ })
      .click();
    await selectByLabel('ci');
    await detail().getByRole('button', { name: 'Verify' }).click();
    await dialog()
      .getByText(/^The key works at the provider/)
      .waitFor();
    expect(await inspect(w.page, 'dialog-verified')).toEqual([]);
    await dialog().getByRole('button', { name: 'Close' }).click();
  });

  it('deleting a token with a live key offers revoke first; afterwards the key answers 401', async () => {
    const last = await secretOf('ci');
    await detail().getByRole('button', { name: 'Delete…' }).click();
    const confirm = w.page.getByRole('alertdialog');
    await confirm.getByText(/still works at Satori/).waitFor();
    expect(await inspect(w.page, 'dialog-delete-live-token')).toEqual([]);
    await confirm.getByRole('button', { name: 'Revoke, then delete' }).click();
    await dialog().getByText('Revoked at the provider, then deleted.').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    expect(tokenNamed('ci')).toBeUndefined();
    expect(liveKeys('ci')).toHaveLength(0);
    expect(await accepted(last)).toBe(401);
  });
});

describe('manual rotation (SynapTask makes keys only in its web UI)', () => {
  it('guides: the provider’s page, paste (checked first), then a reminder until the old key is confirmed revoked', async () => {
    const oldValue = synaptask.state.issueToken(0);
    value(
      await w.api['token:add']({
        tenant: 'acme',
        environment: 'tasks',
        label: 'graph',
        secret: oldValue,
        provider: 'synaptask',
      }),
    );
    await selectByLabel('graph');
    await detail().getByRole('button', { name: 'Rotate…' }).click();
    await dialog()
      .getByRole('heading', { name: /Rotate graph by hand/ })
      .waitFor();
    expect(await dialog().textContent()).toContain('1. Make a new key');
    expect(await inspect(w.page, 'dialog-manual-rotation')).toEqual([]);
    await dialog().getByLabel('New value').fill('st_not-a-real-token');
    await dialog().getByRole('button', { name: 'Check and use it' }).click();
    await dialog()
      .getByRole('alert')
      .getByText(/The old value stays current\./)
      .waitFor();
    expect(await secretOf('graph')).toBe(oldValue);

    const newValue = synaptask.state.issueToken(0);
    await dialog().getByLabel('New value').fill(newValue);
    await dialog().getByRole('button', { name: 'Check and use it' }).click();
    await dialog().getByText('3. Revoke the old key').waitFor();
    expect(await secretOf('graph')).toBe(newValue);
    expect(await inspect(w.page, 'dialog-manual-confirm')).toEqual([]);
    await dialog().getByRole('button', { name: 'Later' }).click();

    await sidebar()
      .getByRole('button', { name: /^Pending work/ })
      .click();
    const item = w.page.locator('.pending-item');
    await expect.poll(() => item.count(), POLL).toBe(1);
    await item.getByRole('button', { name: 'I revoked the old key' }).click();
    await w.page.getByText('Nothing is waiting').waitFor();
    const versions = value(await w.api['token:detail']({ tokenId: tokenNamed('graph')?.id ?? '' })).versions;
    // The new value current; the old one and the refused typo recorded as revoked (as the api test says).
    expect(versions.map((version) => version.status).sort()).toEqual(['current', 'revoked', 'revoked']);
    expect(await w.page.content()).not.toContain(newValue);
    expect(w.pageErrors).toEqual([]);
  });
});
