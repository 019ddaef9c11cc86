import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../../src/main/electron/notifications';
import type { SchedulerEvent } from '../../../src/main/lifecycle/scheduler-events';
import { FakeNotifier } from '../../support/fake-notifier';

const NOW = Date.UTC(2030, 0, 1);
const DAY = 86_400_000;
const SECRETS = [
  'sat_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZw',
];
const labels: Record<string, string> = { t1: 'deploy key', t2: 'ci' };
const context = { now: NOW, labelOf: (tokenId: string) => labels[tokenId] ?? null };

function show(events: readonly SchedulerEvent[]): FakeNotifier {
  const notifier = new FakeNotifier();
  for (const event of events) {
    const text = notificationFor(event, context);
    if (text !== null) notifier.notify(text.title, text.body);
  }
  return notifier;
}

describe('scheduler notifications', () => {
  it('turns each event the user should hear about into a title and a body', () => {
    const notifier = show([
      { type: 'reminder-due', tokenId: 't1', label: 'deploy key', expiresAt: NOW + 14 * DAY },
      { type: 'locked-reminder-due', count: 3, before: NOW + 14 * DAY },
      { type: 'rotation-done', tokenId: 't2', journalId: 'j1' },
      { type: 'rotation-failed', tokenId: 't2', journalId: 'j1', reason: 'Satori answered 403: Nope' },
      { type: 'rotation-needs-user', tokenId: 'gone', journalId: 'j2', message: 'Paste the new value' },
      { type: 'revoke-retried', tokenId: 't2', journalId: 'j3', keyId: 'k1', attempts: 4 },
      {
        type: 'revoke-still-failing',
        tokenId: null,
        journalId: 'j4',
        keyId: 'k2',
        attempts: 3,
        reason: 'Forbidden',
        retryAt: NOW,
      },
      { type: 'session-refreshed', tokenId: 't1' },
      {
        type: 'work-pending',
        task: 'rotate:t2',
        error: { code: 'PROVIDER_UNAVAILABLE', message: 'offline' },
        retryAt: NOW,
      },
    ]);
    console.log(
      `9 events -> ${notifier.shown.length} notifications:\n${notifier.shown.map((n) => `  ${n.title}: ${n.body}`).join('\n')}`,
    );
    expect(notifier.shown).toEqual([
      { title: 'Token expiring', body: '“deploy key” expires in 14 days.' },
      { title: 'Tokens expiring', body: '3 tokens expire within 14 days. Unlock Keyturn to see which.' },
      { title: 'Key rotated', body: '“ci” now uses a new key.' },
      { title: 'Rotation failed', body: '“ci”: Satori answered 403: Nope. The old key stays current.' },
      { title: 'Keyturn needs you', body: 'A token: Paste the new value.' },
      { title: 'Old key revoked', body: '“ci”: the key the provider had refused to revoke is revoked now (try 4).' },
      {
        title: 'Revoke still failing',
        body: 'A token: the provider refused to revoke an old key 3 times (Forbidden). Keyturn keeps trying; you can also revoke it in the provider’s web UI.',
      },
    ]);
  });

  it('says a token has expired, and counts one token in the singular', () => {
    const notifier = show([
      { type: 'reminder-due', tokenId: 't1', label: 'deploy key', expiresAt: NOW - 1 },
      { type: 'locked-reminder-due', count: 1, before: NOW + 5 * 60_000 },
    ]);
    expect(notifier.shown.map((n) => n.body)).toEqual([
      '“deploy key” has expired.',
      '1 token expires within 5 minutes. Unlock Keyturn to see which.',
    ]);
  });

  it('never shows a secret, even one that slipped into a reason or a label', () => {
    const [key, jwt] = SECRETS;
    const notifier = show([
      { type: 'rotation-failed', tokenId: 't1', journalId: 'j', reason: `refused Authorization: Bearer ${key}` },
      { type: 'rotation-needs-user', tokenId: 't1', journalId: 'j', message: `token=${jwt}` },
      { type: 'reminder-due', tokenId: 't9', label: `pasted ${key} by mistake`, expiresAt: NOW + DAY },
      {
        type: 'revoke-still-failing',
        tokenId: 't1',
        journalId: 'j',
        keyId: 'k',
        attempts: 6,
        reason: `${jwt}`,
        retryAt: NOW,
      },
    ]);
    const text = notifier.shown.map((n) => `${n.title} ${n.body}`).join('\n');
    expect(notifier.shown).toHaveLength(4);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });
});
