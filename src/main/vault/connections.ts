/**
 * Connections: a tenant × environment bound to a provider account. Base URL and settings are
 * sealed together (body), the credential on its own, opened only by openCredential.
 */
import { z } from 'zod';
import { KeyturnError } from '../../shared/errors';
import type { ConnectionView, ProviderId } from '../../shared/model';
import { dropSession } from './connection-sessions';
import { corrupt, randomId } from './crypto';
import { notFound, openField, sealField, type Session } from './session';
import type { Credential, NewConnection } from './types';
import { credentialSchema } from './validation';

interface ConnectionRow {
  id: string;
  tenant_id: string;
  environment_id: string;
  provider: ProviderId;
  body: Uint8Array;
  credential: Uint8Array;
  created_at: number;
}

const bodySchema = z.object({
  baseUrl: z.string(),
  settings: z.record(z.string(), z.string()),
  credentialKind: z.enum(['password', 'token', 'none']),
});
const COLUMNS = 'id, tenant_id, environment_id, provider, body, credential, created_at';
const aad = (r: Pick<ConnectionRow, 'id' | 'tenant_id' | 'environment_id' | 'provider'>, column: string): string =>
  `connections/${r.id}/${r.tenant_id}/${r.environment_id}/${r.provider}/${column}`;

function parseSealedJson<S extends z.ZodType>(schema: S, text: string, record: string): z.output<S> {
  try {
    return schema.parse(JSON.parse(text));
  } catch {
    throw corrupt(record);
  }
}

function view(s: Session, row: ConnectionRow): ConnectionView {
  const record = `connection ${row.id}`;
  const body = parseSealedJson(bodySchema, openField(s, row.body, aad(row, 'body'), record), record);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    environmentId: row.environment_id,
    provider: row.provider,
    baseUrl: body.baseUrl,
    settings: body.settings,
    credentialKind: body.credentialKind,
    createdAt: row.created_at,
  };
}

function row(s: Session, id: string): ConnectionRow {
  const r = s.db.prepare(`SELECT ${COLUMNS} FROM connections WHERE id = ?`).get(id) as ConnectionRow | undefined;
  if (!r) throw notFound('connection');
  return r;
}

function sealBody(
  s: Session,
  r: ConnectionRow | Omit<ConnectionRow, 'body' | 'credential' | 'created_at'>,
  baseUrl: string,
  settings: Readonly<Record<string, string>>,
  credential: Credential,
): { body: Uint8Array; credential: Uint8Array } {
  return {
    body: sealField(s, JSON.stringify({ baseUrl, settings, credentialKind: credential.kind }), aad(r, 'body')),
    credential: sealField(s, JSON.stringify(credential), aad(r, 'credential')),
  };
}

export function insertConnection(s: Session, c: NewConnection): ConnectionView {
  const env = s.db.prepare('SELECT tenant_id FROM environments WHERE id = ?').get(c.environmentId) as
    { tenant_id: string } | undefined;
  if (!env) throw notFound('environment');
  if (env.tenant_id !== c.tenantId)
    throw new KeyturnError('INVALID_INPUT', 'The environment belongs to another tenant');
  if (
    s.db.prepare('SELECT 1 FROM connections WHERE environment_id = ? AND provider = ?').get(c.environmentId, c.provider)
  ) {
    throw new KeyturnError('DUPLICATE', 'This environment already has a connection to that provider');
  }
  const keyCols = { id: randomId(), tenant_id: c.tenantId, environment_id: c.environmentId, provider: c.provider };
  const sealed = sealBody(s, keyCols, c.baseUrl, c.settings, c.credential);
  const createdAt = s.now();
  s.db
    .prepare(`INSERT INTO connections (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(keyCols.id, c.tenantId, c.environmentId, c.provider, sealed.body, sealed.credential, createdAt);
  return {
    id: keyCols.id,
    tenantId: c.tenantId,
    environmentId: c.environmentId,
    provider: c.provider,
    baseUrl: c.baseUrl,
    settings: { ...c.settings },
    credentialKind: c.credential.kind,
    createdAt,
  };
}

export function patchConnection(
  s: Session,
  id: string,
  patch: { baseUrl?: string; settings?: Readonly<Record<string, string>>; credential?: Credential },
): ConnectionView {
  const r = row(s, id);
  const old = view(s, r);
  const credential = patch.credential ?? readCredential(s, id);
  const baseUrl = patch.baseUrl ?? old.baseUrl;
  const settings = patch.settings ?? old.settings;
  const sealed = sealBody(s, r, baseUrl, settings, credential);
  s.db.prepare('UPDATE connections SET body = ?, credential = ? WHERE id = ?').run(sealed.body, sealed.credential, id);
  // A session belongs to the account and server it was opened with.
  if (patch.credential !== undefined || baseUrl !== old.baseUrl) dropSession(s, id);
  return { ...old, baseUrl, settings: { ...settings }, credentialKind: credential.kind };
}

export function deleteConnection(s: Session, id: string): void {
  row(s, id);
  if (s.db.prepare('SELECT 1 FROM connections WHERE id = ?').get(id)) {
    s.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
    dropSession(s, id);
  }
}

export function readConnections(s: Session): ConnectionView[] {
  const rows = s.db.prepare(`SELECT ${COLUMNS} FROM connections ORDER BY created_at, id`).all() as ConnectionRow[];
  return rows.map((r) => view(s, r));
}

export function readConnection(s: Session, id: string): ConnectionView {
  return view(s, row(s, id));
}

export function lookupConnection(s: Session, environmentId: string, provider: ProviderId): ConnectionView | null {
  const r = s.db
    .prepare(`SELECT ${COLUMNS} FROM connections WHERE environment_id = ? AND provider = ?`)
    .get(environmentId, provider) as ConnectionRow | undefined;
  return r ? view(s, r) : null;
}

export function readCredential(s: Session, id: string): Credential {
  const r = row(s, id);
  const record = `connection ${id} credential`;
  return parseSealedJson(credentialSchema, openField(s, r.credential, aad(r, 'credential'), record), record);
}
