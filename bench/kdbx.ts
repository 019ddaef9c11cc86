/**
 * BENCH ONLY: writes a KDBX 4 file (KeePass's format, read by keepassxc-cli) with a chosen
 * Argon2id cost, so the KDBX side of `bench:cli` can use exactly the cheap KDF of the keyturn
 * side (keepassxc-cli itself will not go below a 100 ms target decryption time).
 * Format: KeePass KDBX 4 spec — outer header (AES-256-CBC, no compression, Argon2id params in a
 * VariantDictionary), header SHA-256 and HMAC, HMAC-SHA-256 block stream, inner header, XML.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hashRawSync } from '@node-rs/argon2';

export interface KdbxEntry {
  readonly title: string;
  readonly userName: string;
  readonly password: string;
}

export interface Argon2Cost {
  readonly memoryKiB: number;
  readonly passes: number;
  readonly parallelism: number;
}

const SIGNATURE = Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x00, 0x00, 0x04, 0x00]);
const AES256_CBC = Buffer.from('31c1f2e6bf714350be5805216afc5aff', 'hex');
const ARGON2ID = Buffer.from('9e298b1956db4773b23dfc3ec6f0a1e6', 'hex');
const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const sha512 = (...parts: Buffer[]): Buffer => createHash('sha512').update(Buffer.concat(parts)).digest();
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};

function field(id: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([id]), u32(data.length), data]);
}

/** KeePass VariantDictionary: version 1.0, typed key/value items, 0x00 terminator. */
function variantDictionary(items: readonly (readonly [type: number, key: string, value: Buffer])[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x00, 0x01])];
  for (const [type, key, value] of items) {
    const k = Buffer.from(key, 'utf8');
    parts.push(Buffer.from([type]), u32(k.length), k, u32(value.length), value);
  }
  parts.push(Buffer.from([0x00]));
  return Buffer.concat(parts);
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The XML payload. Passwords are protected as KeePassXC writes them (Protected="True": XORed
 * with the inner ChaCha20 stream, in document order), so keepassxc-cli does its usual work.
 */
function xml(entries: readonly KdbxEntry[], innerKey: Buffer): Buffer {
  const streamKey = sha512(innerKey);
  const nonce = Buffer.concat([Buffer.alloc(4), streamKey.subarray(32, 44)]);
  const stream = createCipheriv('chacha20', streamKey.subarray(0, 32), nonce);
  const uuid = (): string => randomBytes(16).toString('base64');
  const text = (key: string, value: string): string =>
    `<String><Key>${key}</Key><Value>${xmlEscape(value)}</Value></String>`;
  const protectedText = (key: string, value: string): string =>
    `<String><Key>${key}</Key><Value Protected="True">${stream.update(Buffer.from(value, 'utf8')).toString('base64')}</Value></String>`;
  const body = entries
    .map(
      (e) =>
        `<Entry><UUID>${uuid()}</UUID>${text('Title', e.title)}${text('UserName', e.userName)}${protectedText('Password', e.password)}</Entry>`,
    )
    .join('');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<KeePassFile><Meta><Generator>keyturn-bench</Generator></Meta><Root><Group><UUID>${uuid()}</UUID><Name>Root</Name>${body}</Group></Root></KeePassFile>`,
    'utf8',
  );
}

/** The derivation keepassxc-cli repeats on open: Argon2id over SHA-256(SHA-256(password)). */
export function kdbxTransformKey(password: string, salt: Buffer, cost: Argon2Cost): Buffer {
  const composite = sha256(sha256(Buffer.from(password, 'utf8')));
  return hashRawSync(composite, {
    algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
    salt,
    memoryCost: cost.memoryKiB,
    timeCost: cost.passes,
    parallelism: cost.parallelism,
    outputLen: 32,
    version: 1,
  });
}

export function writeKdbx(path: string, password: string, entries: readonly KdbxEntry[], cost: Argon2Cost): void {
  const masterSeed = randomBytes(32);
  const iv = randomBytes(16);
  const salt = randomBytes(32);
  const kdf = variantDictionary([
    [0x42, '$UUID', ARGON2ID],
    [0x42, 'S', salt],
    [0x04, 'P', u32(cost.parallelism)],
    [0x05, 'M', u64(BigInt(cost.memoryKiB) * 1024n)],
    [0x05, 'I', u64(BigInt(cost.passes))],
    [0x04, 'V', u32(0x13)],
  ]);
  const header = Buffer.concat([
    SIGNATURE,
    field(2, AES256_CBC),
    field(3, u32(0)),
    field(4, masterSeed),
    field(7, iv),
    field(11, kdf),
    field(0, Buffer.from('\r\n\r\n')),
  ]);
  const transformed = kdbxTransformKey(password, salt, cost);
  const encryptionKey = sha256(masterSeed, transformed);
  const hmacBase = sha512(masterSeed, transformed, Buffer.from([0x01]));
  const blockKey = (index: bigint): Buffer => sha512(u64(index), hmacBase);
  const headerHmac = createHmac('sha256', blockKey(0xffffffffffffffffn)).update(header).digest();

  const innerKey = randomBytes(64);
  const innerHeader = Buffer.concat([field(1, u32(3)), field(2, innerKey), field(0, Buffer.alloc(0))]);
  const cipher = createCipheriv('aes-256-cbc', encryptionKey, iv);
  const encrypted = Buffer.concat([
    cipher.update(Buffer.concat([innerHeader, xml(entries, innerKey)])),
    cipher.final(),
  ]);

  const blocks: Buffer[] = [];
  const BLOCK = 1 << 20;
  let index = 0n;
  for (let offset = 0; offset <= encrypted.length; offset += BLOCK) {
    const data = encrypted.subarray(offset, offset + BLOCK);
    const size = Buffer.alloc(4);
    size.writeInt32LE(data.length);
    blocks.push(
      createHmac('sha256', blockKey(index))
        .update(Buffer.concat([u64(index), size, data]))
        .digest(),
      size,
      data,
    );
    index += 1n;
    if (data.length === 0) break;
    if (offset + BLOCK >= encrypted.length) {
      const end = Buffer.alloc(4);
      blocks.push(
        createHmac('sha256', blockKey(index))
          .update(Buffer.concat([u64(index), end]))
          .digest(),
        end,
      );
      break;
    }
  }
  writeFileSync(path, Buffer.concat([header, sha256(header), headerHmac, ...blocks]));
}
