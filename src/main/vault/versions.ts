/**
 * Versions: each secret sealed on its own, AAD binding the version id, its token and its status,
 * so a secret moved to another row or token, or a `previous` relabelled `current` in the file,
 * fails to open. Opened only on demand: one row, one decryption, constant in vault size.
 */
import { KeyturnError } from '../../shared/errors';
import type { VersionStatus, VersionView } from '../../shared/model';
import { randomId } from './crypto';
import { notFound, openField, sealField, type Session } from './session';

interface VersionRow {
  id: string;
  token_id: string;
  status: VersionStatus;
  expires_at: number | null;
  secret: Uint8Array;
  provider_key_id: Uint8Array;
  created_at: number;
  updated_at: number;
}

const aad = (id: string, tokenId: string, status: string, column: string): string =>
  `versions/${id}/${tokenId}/${status}/${column}`;
const COLUMNS = 'id, token_id, status, expires_at, secret, provider_key_id, created_at, updated_at';

function view(s: Session, row: VersionRow): VersionView {
  const pk = openField(
    s,
    row.provider_key_id,
    aad(row.id, row.token_id, row.status, 'provider_key_id'),
    `version ${row.id}`,
  );
  return {
    id: row.id,
    tokenId: row.token_id,
    status: row.status,
    providerKeyId: JSON.parse(pk) as string | null,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function openSecretOf(s: Session, row: VersionRow): string {
  return openField(
    s,
    row.secret,
    aad(row.id, row.token_id, row.status, 'secret'),
    `version ${row.id} of token ${row.token_id}`,
  );
}

export function insertVersion(
  s: Session,
  tokenId: string,
  secret: string,
  status: VersionStatus,
  providerKeyId: string | null,
  expiresAt: number | null,
): VersionView {
  const id = randomId();
  const now = s.now();
  s.db
    .prepare(`INSERT INTO versions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(
      id,
      tokenId,
      status,
      expiresAt,
      sealField(s, secret, aad(id, tokenId, status, 'secret')),
      sealField(s, JSON.stringify(providerKeyId), aad(id, tokenId, status, 'provider_key_id')),
      now,
      now,
    );
  return { id, tokenId, status, providerKeyId, expiresAt, createdAt: now, updatedAt: now };
}

function versionRow(s: Session, versionId: string): VersionRow {
  const row = s.db.prepare(`SELECT ${COLUMNS} FROM versions WHERE id = ?`).get(versionId) as VersionRow | undefined;
  if (!row) throw notFound('version');
  return row;
}

export function readSecret(s: Session, tokenId: string, versionId?: string): string {
  const row = (
    versionId === undefined
      ? s.db.prepare(`SELECT ${COLUMNS} FROM versions WHERE token_id = ? AND status = 'current'`).get(tokenId)
      : s.db.prepare(`SELECT ${COLUMNS} FROM versions WHERE id = ? AND token_id = ?`).get(versionId, tokenId)
  ) as VersionRow | undefined;
  if (!row) {
    if (!s.db.prepare('SELECT 1 FROM tokens WHERE id = ?').get(tokenId)) throw notFound('token');
    throw new KeyturnError(
      'NOT_FOUND',
      versionId ? 'No version with that id for this token' : 'The token has no current version',
    );
  }
  return openSecretOf(s, row);
}

export function readVersions(s: Session, tokenId: string): VersionView[] {
  if (!s.db.prepare('SELECT 1 FROM tokens WHERE id = ?').get(tokenId)) throw notFound('token');
  const rows = s.db
    .prepare(`SELECT ${COLUMNS} FROM versions WHERE token_id = ? ORDER BY created_at, rowid`)
    .all(tokenId) as VersionRow[];
  return rows.map((r) => view(s, r));
}

/** Re-seals a version under a new status (and optionally a new secret and expiry). */
export function rewriteVersion(
  s: Session,
  versionId: string,
  change: { status?: VersionStatus; secret?: string; expiresAt?: number | null },
): VersionView {
  const row = versionRow(s, versionId);
  const secret = change.secret ?? openSecretOf(s, row);
  const old = view(s, row);
  const status = change.status ?? row.status;
  const expiresAt = change.expiresAt === undefined ? row.expires_at : change.expiresAt;
  const now = Math.max(s.now(), row.updated_at);
  s.db
    .prepare(
      'UPDATE versions SET status = ?, expires_at = ?, secret = ?, provider_key_id = ?, updated_at = ? WHERE id = ?',
    )
    .run(
      status,
      expiresAt,
      sealField(s, secret, aad(row.id, row.token_id, status, 'secret')),
      sealField(s, JSON.stringify(old.providerKeyId), aad(row.id, row.token_id, status, 'provider_key_id')),
      now,
      row.id,
    );
  return { ...old, status, expiresAt, updatedAt: now };
}

export function versionOf(s: Session, versionId: string): VersionView {
  return view(s, versionRow(s, versionId));
}

export function currentVersionId(s: Session, tokenId: string): string | null {
  return versionIdWithStatus(s, tokenId, 'current');
}

/** The token's version with `status` (at most one is current and one pending), or null. */
export function versionIdWithStatus(s: Session, tokenId: string, status: 'current' | 'pending'): string | null {
  const row = s.db.prepare('SELECT id FROM versions WHERE token_id = ? AND status = ?').get(tokenId, status) as
    { id: string } | undefined;
  return row?.id ?? null;
}

export function hasStatus(s: Session, tokenId: string, status: VersionStatus): boolean {
  return s.db.prepare('SELECT 1 FROM versions WHERE token_id = ? AND status = ?').get(tokenId, status) !== undefined;
}
