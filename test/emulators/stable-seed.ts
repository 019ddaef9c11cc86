/**
 * Where an emulator's made-up credentials come from: fresh random values (tests), or values
 * derived from a saved secret (`npm run emulators`), so that a restart brings back the same
 * tenant ids, keys and tokens and a vault's connections keep working.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export interface StableSeed {
  /** Random text saved by `npm run emulators` between starts. */
  readonly secret: string;
  /** When the seed credentials were first issued (epoch ms), so a seeded JWT is the same string. */
  readonly issuedAt: number;
}

export interface SeedSource {
  bytes(label: string, size: number): Buffer;
  uuid(label: string): string;
  /** When seed credentials are issued: now, or the saved time. */
  issuedAt(now: number): number;
}

/** `size` bytes of HMAC-SHA256(secret, label ‖ counter) output. */
function derive(secret: string, label: string, size: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < size; i += 1) {
    blocks.push(createHmac('sha256', secret).update(`${label}\u0000${i}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, size);
}

/** 16 bytes as a version-4 UUID, the shape the real providers' ids have. */
function uuidOf(bytes: Buffer): string {
  const b = Buffer.from(bytes);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function seedSource(stable: StableSeed | undefined): SeedSource {
  if (stable === undefined)
    return { bytes: (_label, size) => randomBytes(size), uuid: () => randomUUID(), issuedAt: (now) => now };
  return {
    bytes: (label, size) => derive(stable.secret, label, size),
    uuid: (label) => uuidOf(derive(stable.secret, label, 16)),
    issuedAt: () => stable.issuedAt,
  };
}
