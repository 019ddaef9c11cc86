/**
 * A corpus of hostile app-link messages, generated deterministically from a seed: raw bytes,
 * lengths that lie, frames that are not JSON, random JSON, hellos mutated out of shape, and,
 * after a proper hello and challenge, calls mutated until the app must refuse them (every call in
 * the corpus is checked to be invalid by the protocol's schema or the app's call policy).
 */
import { MAX_CLIENT_FRAME_BYTES, callSchema } from '../../src/shared/app-link-protocol';
import { judgeCall } from '../../src/main/app-link/call-policy';
import { encodeFrame } from '../../src/main/app-link/frames';

export type FuzzMessage =
  /** Bytes written on a fresh connection, then the client's side is closed. */
  | { readonly category: string; readonly kind: 'raw'; readonly bytes: Buffer }
  /** A valid hello; after the challenge, these bytes (a mutated call, or garbage). */
  | { readonly category: string; readonly kind: 'conversation'; readonly hello: unknown; readonly then: Buffer };

export interface FuzzClient {
  readonly vault: string;
  readonly pid: number;
  readonly ppid: number;
  readonly sid: number;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, 0, items.length - 1)] as T;

const KEYS = ['v', 'kind', 'id', 'channel', 'input', 'token', 'ref', 'tenant', 'environment', 'label', 'purpose'];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', '', 'pid', 'vault', 'client'];
const ODD_TEXT = ['\u202Eevil', '\0', '../../etc/passwd', 'a'.repeat(600), '😀'.repeat(30), 'acme', 'prod', 'stripe'];
const CHANNELS = ['vault:unlock', 'backup:export', 'token:reveal', 'tokens:list', 'token:copy-fresh', 'x', ''];

function randomText(random: Random): string {
  if (random() < 0.4) return pick(random, ODD_TEXT);
  return Array.from({ length: int(random, 0, 40) }, () => String.fromCharCode(int(random, 0, 0x2fff))).join('');
}

function randomNumber(random: Random): number {
  return pick(random, [0, -1, 1, 2, 1.5, 2 ** 31, 2 ** 53, -(2 ** 31), 1e308, -0, int(random, -1000, 1000)]);
}

export function randomJson(random: Random, depth = 0): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.15) return pick(random, [null, true, false]);
  if (roll < 0.35) return randomNumber(random);
  if (roll < 0.6) return randomText(random);
  if (roll < 0.75) return Array.from({ length: int(random, 0, 4) }, () => randomJson(random, depth + 1));
  const entries = Array.from({ length: int(random, 0, 5) }, () => [
    pick(random, random() < 0.7 ? KEYS : HOSTILE_KEYS),
    randomJson(random, depth + 1),
  ]);
  return Object.fromEntries(entries);
}

export function validHello(client: FuzzClient): Record<string, unknown> {
  return {
    v: 1,
    kind: 'hello',
    vault: client.vault,
    client: { pid: client.pid, ppid: client.ppid, sid: client.sid, tty: null, cwd: '/fuzz', command: 'get' },
  };
}

export function validCall(): Record<string, unknown> {
  return {
    v: 1,
    kind: 'call',
    id: 1,
    channel: 'token:secret',
    input: { token: { ref: { tenant: 'acme', environment: 'prod', label: 'stripe' } }, purpose: 'get' },
  };
}

/** Every object in `value` with its path, for choosing where to mutate. */
function objectsIn(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    found.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) objectsIn(child, found);
  }
  return found;
}

function mutate(random: Random, value: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(value);
  const target = pick(random, objectsIn(copy));
  const keys = Object.keys(target);
  const key = keys.length > 0 && random() < 0.8 ? pick(random, keys) : pick(random, [...KEYS, ...HOSTILE_KEYS]);
  const roll = random();
  if (roll < 0.3) Reflect.deleteProperty(target, key);
  else if (roll < 0.55) target[key] = randomJson(random);
  else if (roll < 0.7) target[key] = pick(random, [...CHANNELS, 'copy', 'export', 'reveal', 'env']);
  else if (roll < 0.85) target[key] = randomText(random);
  else Object.defineProperty(target, pick(random, HOSTILE_KEYS), { value: randomJson(random), enumerable: true });
  return copy;
}

/** Would the app serve this call? The corpus holds only calls it must refuse. */
export function isServableCall(value: unknown): boolean {
  const parsed = callSchema.safeParse(value);
  return parsed.success && judgeCall(parsed.data.channel, parsed.data.input).ok;
}

function invalidCall(random: Random): Buffer {
  let call = validCall();
  for (let round = 0; round < 8; round += 1) {
    call = mutate(random, call);
    if (!isServableCall(JSON.parse(JSON.stringify(call)) as unknown)) return encodeFrame(call);
  }
  return encodeFrame(randomJson(random));
}

function header(length: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length >>> 0, 0);
  return bytes;
}

function garbage(random: Random): Buffer {
  const roll = random();
  if (roll < 0.25) return Buffer.from(Array.from({ length: int(random, 0, 200) }, () => int(random, 0, 255)));
  if (roll < 0.45)
    return Buffer.concat([
      header(int(random, MAX_CLIENT_FRAME_BYTES + 1, 0xffffffff)),
      Buffer.alloc(int(random, 0, 64), 7),
    ]);
  if (roll < 0.6) {
    // A length that promises more than ever comes.
    const declared = int(random, 1, 1000);
    return Buffer.concat([header(declared), Buffer.alloc(int(random, 0, declared - 1), 1)]);
  }
  if (roll < 0.8) {
    const text = Buffer.from(randomText(random) || '{', 'utf8');
    return Buffer.concat([header(text.length), text]);
  }
  return encodeFrame(randomJson(random));
}

function message(random: Random, client: FuzzClient): FuzzMessage {
  const roll = random();
  if (roll < 0.3) return { category: 'garbage', kind: 'raw', bytes: garbage(random) };
  if (roll < 0.45) return { category: 'random-json-hello', kind: 'raw', bytes: encodeFrame(randomJson(random)) };
  if (roll < 0.6)
    return { category: 'mutated-hello', kind: 'raw', bytes: encodeFrame(mutate(random, validHello(client))) };
  if (roll < 0.7) {
    // A call sent with the hello, before any challenge: it cannot have shown the nonce.
    return {
      category: 'call-before-challenge',
      kind: 'raw',
      bytes: Buffer.concat([encodeFrame(validHello(client)), invalidCall(random)]),
    };
  }
  if (roll < 0.9)
    return { category: 'mutated-call', kind: 'conversation', hello: validHello(client), then: invalidCall(random) };
  return { category: 'garbage-after-hello', kind: 'conversation', hello: validHello(client), then: garbage(random) };
}

/**
 * `count` messages from `seed`; conversation `i` claims pid `client.pid + i`, so each proves its
 * own (fake) process.
 */
export function fuzzCorpus(count: number, seed: number, client: FuzzClient): FuzzMessage[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => message(random, { ...client, pid: client.pid + i }));
}
