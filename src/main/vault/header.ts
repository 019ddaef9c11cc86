/**
 * The vault header: the `meta` rows (format, vault id) and the `key_wraps` rows (KDF parameters,
 * salt and the sealed vault key per unlock method). Validated, and KDF bounds enforced, before
 * any key derivation runs.
 */
import { z } from 'zod';
import { KeyturnError } from '../../shared/errors';
import { deriveKey, seal, tryOpen } from './crypto';
import type { Db } from './database';
import { assertWithinPolicy, derivePasswordKey, SALT_BYTES } from './kdf';
import type { KdfParams, KdfPolicy } from './types';
import { sqliteCode, vaultFailure } from './sqlite-errors';
import { randomBytes } from 'node:crypto';

export const VAULT_FORMAT = 'keyturn-vault';

const passwordParamsSchema = z.strictObject({
  alg: z.literal('argon2id'),
  memoryKiB: z.number().int(),
  passes: z.number().int(),
  parallelism: z.number().int(),
  salt: z.base64url(),
});
const recoveryParamsSchema = z.strictObject({ alg: z.literal('hkdf-sha256'), salt: z.base64url() });
const wrapRowSchema = z.object({ kind: z.string(), params: z.string(), sealed: z.instanceof(Uint8Array) });

export interface PasswordWrap {
  readonly params: KdfParams;
  readonly salt: Uint8Array;
  readonly paramsText: string;
  readonly sealed: Uint8Array;
}
export interface RecoveryWrap {
  readonly salt: Uint8Array;
  readonly paramsText: string;
  readonly sealed: Uint8Array;
}
export interface Header {
  readonly vaultId: string;
  readonly password: PasswordWrap;
  readonly recovery: RecoveryWrap;
}

export function invalid(what: string): KeyturnError {
  return new KeyturnError('VAULT_HEADER_INVALID', `The vault header is invalid: ${what}`);
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(what);
  }
}

export function readHeader(db: Db, policy: KdfPolicy): Header {
  const { meta, rows } = readHeaderRows(db);
  if (meta.get('format') !== VAULT_FORMAT) throw invalid('unknown format');
  const vaultId = meta.get('vault_id');
  if (typeof vaultId !== 'string' || !/^[A-Za-z0-9_-]{16}$/.test(vaultId)) throw invalid('vault id');
  const parsedRows = rows.map((r) => wrapRowSchema.safeParse(r));
  const wraps = new Map(parsedRows.flatMap((r) => (r.success ? [[r.data.kind, r.data] as const] : [])));
  if (parsedRows.some((r) => !r.success)) throw invalid('a key wrap is malformed');
  const pw = wraps.get('password');
  const rk = wraps.get('recovery');
  if (pw === undefined || rk === undefined) throw invalid('a key wrap is missing');
  const pp = passwordParamsSchema.safeParse(parseJson(pw.params, 'password parameters'));
  if (!pp.success) throw invalid('password parameters');
  const rp = recoveryParamsSchema.safeParse(parseJson(rk.params, 'recovery parameters'));
  if (!rp.success) throw invalid('recovery parameters');
  const params = { memoryKiB: pp.data.memoryKiB, passes: pp.data.passes, parallelism: pp.data.parallelism };
  const salt = new Uint8Array(Buffer.from(pp.data.salt, 'base64url'));
  assertWithinPolicy(params, salt, policy);
  const recoverySalt = new Uint8Array(Buffer.from(rp.data.salt, 'base64url'));
  if (recoverySalt.length < SALT_BYTES) throw invalid('recovery salt');
  return {
    vaultId,
    password: { params, salt, paramsText: pw.params, sealed: new Uint8Array(pw.sealed) },
    recovery: { salt: recoverySalt, paramsText: rk.params, sealed: new Uint8Array(rk.sealed) },
  };
}

/** The header's rows; a file without Keyturn's tables is not a vault, other SQLite failures are mapped. */
function readHeaderRows(db: Db): { meta: Map<unknown, unknown>; rows: unknown[] } {
  try {
    const metaRows = db.prepare('SELECT key, value FROM meta').all() as { key: unknown; value: unknown }[];
    return {
      meta: new Map(metaRows.map((r) => [r.key, r.value])),
      rows: db.prepare('SELECT kind, params, sealed FROM key_wraps').all(),
    };
  } catch (cause) {
    if (sqliteCode(cause) === 'SQLITE_ERROR') throw invalid('tables missing');
    throw vaultFailure(cause, db.name);
  }
}

export function wrapAad(vaultId: string, kind: string, paramsText: string): string {
  return `key_wraps/${vaultId}/${kind}/${paramsText}`;
}

export function recoveryWrapKey(recoveryKey: Uint8Array, salt: Uint8Array): Uint8Array {
  return deriveKey(recoveryKey, salt, 'keyturn/v1/recovery-wrap');
}

/** Unwraps the vault key, or returns null (wrong password or key): no hint which. */
export function unwrap(
  vaultId: string,
  kind: string,
  paramsText: string,
  sealed: Uint8Array,
  wrapKey: Uint8Array,
): Uint8Array | null {
  const key = tryOpen(wrapKey, sealed, wrapAad(vaultId, kind, paramsText));
  wrapKey.fill(0);
  return key;
}

export interface StagedWrap {
  readonly paramsText: string;
  readonly sealed: Uint8Array;
}

/** A new password wrap before its KDF has run: fresh salt, the header's cost, the AAD text. */
export interface PasswordWrapPlan {
  readonly params: KdfParams;
  readonly salt: Uint8Array;
  readonly paramsText: string;
}

export function planPasswordWrap(params: KdfParams): PasswordWrapPlan {
  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const paramsText = JSON.stringify({ alg: 'argon2id', ...params, salt: Buffer.from(salt).toString('base64url') });
  return { params, salt, paramsText };
}

/** Seals the vault key under the derived wrapping key, which is zeroed here whatever happens. */
export function sealPasswordWrap(
  vaultId: string,
  vaultKey: Uint8Array,
  plan: PasswordWrapPlan,
  wrapKey: Uint8Array,
): StagedWrap {
  try {
    return {
      paramsText: plan.paramsText,
      sealed: seal(wrapKey, vaultKey, wrapAad(vaultId, 'password', plan.paramsText)),
    };
  } finally {
    wrapKey.fill(0);
  }
}

/** Runs the KDF and seals the vault key; call outside any write transaction (it takes ~0.5 s). */
export function writePasswordWrap(
  vaultId: string,
  vaultKey: Uint8Array,
  password: string,
  params: KdfParams,
): StagedWrap {
  const plan = planPasswordWrap(params);
  return sealPasswordWrap(vaultId, vaultKey, plan, derivePasswordKey(password, plan.salt, params));
}

export function writeRecoveryWrap(vaultId: string, vaultKey: Uint8Array, recoveryKey: Uint8Array): StagedWrap {
  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const paramsText = JSON.stringify({ alg: 'hkdf-sha256', salt: Buffer.from(salt).toString('base64url') });
  const wrapKey = recoveryWrapKey(recoveryKey, salt);
  const sealed = seal(wrapKey, vaultKey, wrapAad(vaultId, 'recovery', paramsText));
  wrapKey.fill(0);
  return { paramsText, sealed };
}

export function insertWrap(db: Db, kind: 'password' | 'recovery' | 'device', wrap: StagedWrap): void {
  db.prepare('INSERT OR REPLACE INTO key_wraps (kind, params, sealed) VALUES (?, ?, ?)').run(
    kind,
    wrap.paramsText,
    wrap.sealed,
  );
}

export function writeMeta(db: Db, vaultId: string): void {
  const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  insert.run('format', VAULT_FORMAT);
  insert.run('vault_id', vaultId);
}
