/**
 * The fast path's frame guard (src/cli/app-frame-guard.ts) against the protocol's zod schemas it
 * stands in for: the same verdict, and the same parsed value, on every input tried.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asAppFrame, asOutput } from '../../src/cli/app-frame-guard';
import { FrameReader } from '../../src/main/app-link/frames';
import { APP_LINK_OUTPUTS, appFrameSchema, type AppLinkChannel } from '../../src/shared/app-link-protocol';
import { fuzzCorpus, randomJson, seededRandom } from '../support/app-link-fuzz';

const APP_FRAMES: readonly unknown[] = [
  { v: 1, kind: 'challenge', nonce: 'Zq3xW9kLm2Pa' },
  { v: 1, kind: 'challenge', nonce: 'Zq3xW9kLm2Pa', proof: 'pQ0d7vC2mKq9x1L4sT8wYb3nR6eJ5hF0aZ2uI7oG9cX' },
  { v: 1, kind: 'refused', error: { code: 'VAULT_LOCKED', message: 'Keyturn is locked' } },
  { v: 1, kind: 'fallback', reason: 'other-vault' },
  { v: 2, kind: 'fallback', reason: 'version' },
  { v: 1, kind: 'answer', id: 3, result: { ok: true, value: { any: 'thing' } } },
  {
    v: 1,
    kind: 'answer',
    id: 0,
    result: { ok: false, error: { code: 'PROVIDER_RATE_LIMITED', message: 'x', retryAfterSeconds: 30 } },
  },
];
const OUTPUTS: readonly [AppLinkChannel, unknown][] = [
  ['token:secret', { tokenId: 't', secret: 's', expiresAt: null, refreshed: false }],
  ['token:secret', { tokenId: 't', secret: 's', expiresAt: 1_900_000_000_000, refreshed: true }],
  ['environment:secrets', { entries: [{ tokenId: 't', name: 'API', secret: 's' }], skipped: [] }],
  ['environment:secrets', { entries: [], skipped: [{ tokenId: 'u', label: 'old', reason: 'it expired' }] }],
  ['environment:secrets', { entries: [], skipped: [] }],
];

function sameAsSchema(value: unknown): void {
  const parsed = appFrameSchema.safeParse(value);
  const guarded = asAppFrame(value);
  expect(guarded === null ? 'refused' : 'accepted').toBe(parsed.success ? 'accepted' : 'refused');
  if (parsed.success) expect(guarded).toEqual(parsed.data);
}

function sameOutput(channel: AppLinkChannel, value: unknown): void {
  const parsed = APP_LINK_OUTPUTS[channel].safeParse(value);
  const guarded = asOutput(channel, value);
  expect(guarded === null ? 'refused' : 'accepted').toBe(parsed.success ? 'accepted' : 'refused');
  if (parsed.success) expect(guarded).toEqual(parsed.data);
}

/** `value` with one part replaced by random JSON, deleted, or an extra key added. */
function mutated(random: () => number, value: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const objects: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
    for (const child of Object.values(node)) walk(child);
  };
  walk(copy);
  const target = objects[Math.floor(random() * objects.length)];
  if (target === undefined) return randomJson(random);
  const keys = Object.keys(target);
  const key = keys[Math.floor(random() * keys.length)] ?? 'extra';
  const roll = random();
  if (roll < 0.3) Reflect.deleteProperty(target, key);
  else if (roll < 0.8) target[key] = randomJson(random);
  else target[`${key}2`] = randomJson(random);
  return copy;
}

describe('the fast path frame guard', () => {
  it('accepts what the schemas accept, as they parse it', () => {
    for (const frame of APP_FRAMES) sameAsSchema(frame);
    for (const [channel, value] of OUTPUTS) sameOutput(channel, value);
    expect(APP_FRAMES.every((frame) => asAppFrame(frame) !== null)).toBe(true);
  });

  it('agrees with the schemas on 20,000 mutations of real frames and outputs', () => {
    const random = seededRandom(1515);
    for (let i = 0; i < 10_000; i += 1) {
      sameAsSchema(mutated(random, APP_FRAMES[i % APP_FRAMES.length]));
      const [channel, value] = OUTPUTS[i % OUTPUTS.length] ?? OUTPUTS[0] ?? ['token:secret', null];
      sameOutput(channel, mutated(random, value));
      sameOutput(channel === 'token:secret' ? 'environment:secrets' : 'token:secret', mutated(random, value));
    }
  });

  it('agrees with the schemas on every JSON value of the 10,000-message fuzz corpus', () => {
    const corpus = fuzzCorpus(10_000, 15, { vault: '/v', pid: 10_000_000, ppid: 1, sid: 1 });
    let compared = 0;
    for (const message of corpus) {
      const bytes = message.kind === 'raw' ? message.bytes : message.then;
      for (const event of new FrameReader(1 << 26).push(bytes)) {
        if (event.kind !== 'frame') continue;
        sameAsSchema(event.value);
        sameOutput('token:secret', event.value);
        sameOutput('environment:secrets', event.value);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(5_000);
  });

  it('agrees with the schemas on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        sameAsSchema(value);
        sameOutput('token:secret', value);
        sameOutput('environment:secrets', value);
      }),
      { numRuns: 2_000 },
    );
  });
});
