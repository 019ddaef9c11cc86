/**
 * `keyturn doctor`: what works against a user's own deployment. The cheapest checks (the
 * credential, the session, the key list), and with `lifecycle` a whole create → verify → rotate
 * → revoke on throwaway keys named `keyturn-doctor-…`, each revoked before the run ends. Keys a
 * killed run left behind are found by that name and revoked by the next run. The secrets of the
 * throwaway keys stay in memory and are never stored or shown.
 */
import { randomBytes } from 'node:crypto';

import type { Result } from '../../shared/errors';
import type { ProviderClient } from './types';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export const DOCTOR_KEY_PREFIX = 'keyturn-doctor-';
const THROWAWAY_LIFETIME_MS = 24 * 3600_000;

type Step = (name: string, status: CheckStatus, detail: string) => void;

export async function runConformance(
  client: ProviderClient,
  options: { readonly lifecycle: boolean; readonly now: () => number },
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const step: Step = (name, status, detail) => void checks.push({ name, status, detail });
  const signedIn = await checkCredential(client, step);
  if (signedIn && client.capabilities.list) {
    const listed = await client.listKeys();
    if (listed.ok) step('list keys', 'ok', `${listed.value.filter((k) => k.isActive).length} active keys`);
    else step('list keys', 'fail', listed.error.message);
  }
  if (!options.lifecycle) return checks;
  const { create, verify, revoke } = client.capabilities;
  if (!signedIn) step('lifecycle', 'skip', 'the credential does not work');
  else if (!create || !verify || !revoke)
    step('lifecycle', 'skip', 'this provider has no API to create and revoke keys');
  else await lifecycle(client, options.now, step);
  return checks;
}

async function checkCredential(client: ProviderClient, step: Step): Promise<boolean> {
  const checked = await client.check();
  if (!checked.ok) {
    step('credential', 'fail', checked.error.message);
    return false;
  }
  const who = checked.value.identity;
  step('credential', 'ok', who === null ? 'works' : `works (${who})`);
  for (const note of checked.value.notes) step('note', /accepts any key/.test(note) ? 'warn' : 'ok', note);
  if (client.capabilities.session) {
    const session = await client.session();
    if (session.ok) step('session', 'ok', `a session until ${new Date(session.value.expiresAt).toISOString()}`);
    else if (session.error.code === 'PROVIDER_UNSUPPORTED') step('session', 'skip', session.error.message);
    else step('session', 'fail', session.error.message);
  }
  return true;
}

interface Throwaway {
  readonly keyId: string;
  readonly secret: string;
}

async function lifecycle(client: ProviderClient, now: () => number, step: Step): Promise<void> {
  await sweepLeftovers(client, step);
  const name = `${DOCTOR_KEY_PREFIX}${randomBytes(4).toString('hex')}`;
  const live: Throwaway[] = [];
  try {
    const first = await createAndVerify(client, `${name}-1`, now, step, 'create');
    if (first === null) return;
    live.push(first);
    const second = await createAndVerify(client, `${name}-2`, now, step, 'rotate: create the new key');
    if (second === null) return;
    live.push(second);
    if (!(await revokeAndRefused(client, first, step, 'rotate: revoke the old key'))) return;
    live.splice(live.indexOf(first), 1);
    if (await revokeAndRefused(client, second, step, 'revoke')) live.splice(live.indexOf(second), 1);
  } finally {
    for (const key of live) {
      const revoked = await client.revokeKey(key.keyId);
      if (!revoked.ok) step('clean up', 'fail', `key ${key.keyId} is still live: ${revoked.error.message}`);
    }
  }
}

async function createAndVerify(
  client: ProviderClient,
  name: string,
  now: () => number,
  step: Step,
  label: string,
): Promise<Throwaway | null> {
  const created = await client.createKey({ name, expiresAt: now() + THROWAWAY_LIFETIME_MS });
  if (!created.ok) {
    step(label, 'fail', created.error.message);
    return null;
  }
  const key = { keyId: created.value.keyId, secret: created.value.secret };
  const verified = await client.verify(key.secret);
  if (verified.ok) {
    step(label, 'ok', `key ${key.keyId} created and accepted`);
    return key;
  }
  step(label, 'fail', `key ${key.keyId} created but refused: ${verified.error.message}`);
  await client.revokeKey(key.keyId);
  return null;
}

async function revokeAndRefused(client: ProviderClient, key: Throwaway, step: Step, label: string): Promise<boolean> {
  const revoked = await client.revokeKey(key.keyId);
  if (!revoked.ok) {
    step(label, 'fail', revoked.error.message);
    return false;
  }
  const after: Result<unknown> = await client.verify(key.secret);
  if (after.ok) step(label, 'fail', `key ${key.keyId} was revoked but the provider still accepts it`);
  else if (after.error.code === 'PROVIDER_UNAUTHORIZED' || after.error.code === 'PROVIDER_FORBIDDEN')
    step(label, 'ok', `key ${key.keyId} revoked and refused`);
  else step(label, 'warn', `key ${key.keyId} revoked; checking it answered ${after.error.code}`);
  return true;
}

/** Keys an earlier doctor run left live (it was killed): found by name and revoked. */
async function sweepLeftovers(client: ProviderClient, step: Step): Promise<void> {
  const listed = await client.listKeys();
  if (!listed.ok) return;
  const left = listed.value.filter((k) => k.isActive && k.name.startsWith(DOCTOR_KEY_PREFIX));
  let revoked = 0;
  for (const key of left) if ((await client.revokeKey(key.keyId)).ok) revoked += 1;
  if (left.length > 0) {
    step(
      'leftovers',
      revoked === left.length ? 'ok' : 'warn',
      `revoked ${revoked} of ${left.length} keys an interrupted doctor run left`,
    );
  }
}
