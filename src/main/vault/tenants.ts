/**
 * Tenants and environments: names sealed (AAD binds the row id and, for environments, the
 * tenant), uniqueness and lookup through the blind index.
 */
import { KeyturnError } from '../../shared/errors';
import type { EnvironmentKind, EnvironmentView, TenantView } from '../../shared/model';
import { corrupt, randomId } from './crypto';
import { blindTag, normaliseName } from './keys';
import { notFound, openField, sealField, type Session } from './session';

interface TenantRow {
  id: string;
  name: Uint8Array;
  created_at: number;
}
interface EnvironmentRow {
  id: string;
  tenant_id: string;
  kind: EnvironmentKind;
  name: Uint8Array;
  created_at: number;
}

const tenantAad = (id: string): string => `tenants/${id}/name`;
export const envAad = (id: string, tenantId: string): string => `environments/${id}/${tenantId}/name`;
export const tenantBlind = (s: Session, name: string): string => blindTag(s.keys.index, 'tenant', '', name);
export const envBlind = (s: Session, tenantId: string, name: string): string =>
  blindTag(s.keys.index, 'environment', tenantId, name);

function tenantView(s: Session, row: TenantRow): TenantView {
  return { id: row.id, name: openField(s, row.name, tenantAad(row.id), `tenant ${row.id}`), createdAt: row.created_at };
}

function envView(s: Session, row: EnvironmentRow): EnvironmentView {
  const name = openField(s, row.name, envAad(row.id, row.tenant_id), `environment ${row.id}`);
  return { id: row.id, tenantId: row.tenant_id, name, kind: row.kind, createdAt: row.created_at };
}

export function loadTenants(s: Session): Map<string, TenantView> {
  const rows = s.db.prepare('SELECT id, name, created_at FROM tenants ORDER BY created_at, id').all() as TenantRow[];
  return new Map(rows.map((r) => [r.id, tenantView(s, r)]));
}

export function loadEnvironments(s: Session): Map<string, EnvironmentView> {
  const rows = s.db
    .prepare('SELECT id, tenant_id, kind, name, created_at FROM environments ORDER BY created_at, id')
    .all() as EnvironmentRow[];
  return new Map(rows.map((r) => [r.id, envView(s, r)]));
}

function duplicate(what: string): KeyturnError {
  return new KeyturnError('DUPLICATE', `A ${what} with that name already exists`);
}

export function insertTenant(s: Session, name: string): TenantView {
  const blind = tenantBlind(s, name);
  if (s.db.prepare('SELECT 1 FROM tenants WHERE blind = ?').get(blind)) throw duplicate('tenant');
  const id = randomId();
  const createdAt = s.now();
  s.db
    .prepare('INSERT INTO tenants (id, blind, name, created_at) VALUES (?, ?, ?, ?)')
    .run(id, blind, sealField(s, name, tenantAad(id)), createdAt);
  return { id, name, createdAt };
}

export function renameTenantRow(s: Session, id: string, name: string): TenantView {
  const row = s.db.prepare('SELECT id, name, created_at FROM tenants WHERE id = ?').get(id) as TenantRow | undefined;
  if (!row) throw notFound('tenant');
  const blind = tenantBlind(s, name);
  const other = s.db.prepare('SELECT id FROM tenants WHERE blind = ?').get(blind) as { id: string } | undefined;
  if (other && other.id !== id) throw duplicate('tenant');
  tenantView(s, row);
  s.db.prepare('UPDATE tenants SET blind = ?, name = ? WHERE id = ?').run(blind, sealField(s, name, tenantAad(id)), id);
  return { id, name, createdAt: row.created_at };
}

export function deleteTenant(s: Session, id: string): void {
  if (!s.db.prepare('SELECT 1 FROM tenants WHERE id = ?').get(id)) throw notFound('tenant');
  if (s.db.prepare('SELECT 1 FROM environments WHERE tenant_id = ?').get(id)) {
    throw new KeyturnError('INVALID_INPUT', 'The tenant still has environments; remove them first');
  }
  s.db.prepare('DELETE FROM tenants WHERE id = ?').run(id);
}

export function insertEnvironment(s: Session, tenantId: string, name: string, kind: EnvironmentKind): EnvironmentView {
  if (!s.db.prepare('SELECT 1 FROM tenants WHERE id = ?').get(tenantId)) throw notFound('tenant');
  const blind = envBlind(s, tenantId, name);
  if (s.db.prepare('SELECT 1 FROM environments WHERE blind = ?').get(blind)) throw duplicate('environment');
  const id = randomId();
  const createdAt = s.now();
  s.db
    .prepare('INSERT INTO environments (id, tenant_id, blind, kind, name, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, tenantId, blind, kind, sealField(s, name, envAad(id, tenantId)), createdAt);
  return { id, tenantId, name, kind, createdAt };
}

export function deleteEnvironment(s: Session, id: string): void {
  if (!s.db.prepare('SELECT 1 FROM environments WHERE id = ?').get(id)) throw notFound('environment');
  const inUse =
    s.db.prepare('SELECT 1 FROM tokens WHERE environment_id = ?').get(id) ??
    s.db.prepare('SELECT 1 FROM connections WHERE environment_id = ?').get(id);
  if (inUse)
    throw new KeyturnError('INVALID_INPUT', 'The environment still has tokens or connections; remove them first');
  s.db.prepare('DELETE FROM environments WHERE id = ?').run(id);
}

/**
 * Proves from authenticated data that the tenant and environment a lookup reached by blind tags
 * are the ones named: a blind tag is a plaintext column, and one swapped in the file would
 * otherwise lead a name to another row. Opens the two sealed names (AAD binds each to its row id,
 * and the environment's to its tenant); a mismatch is VAULT_CORRUPT.
 */
export function proveEnvironmentPath(
  s: Session,
  path: { tenantId: string; tenantName: string; environmentId: string; environmentName: string },
): void {
  const tenant = s.db.prepare('SELECT id, name, created_at FROM tenants WHERE id = ?').get(path.tenantId) as
    TenantRow | undefined;
  if (!tenant || !sameName(tenantView(s, tenant).name, path.tenantName)) throw corrupt(`tenant ${path.tenantId}`);
  const env = s.db
    .prepare('SELECT id, tenant_id, kind, name, created_at FROM environments WHERE id = ?')
    .get(path.environmentId) as EnvironmentRow | undefined;
  const record = `environment ${path.environmentId}`;
  if (!env || env.tenant_id !== path.tenantId) throw corrupt(record);
  if (!sameName(envView(s, env).name, path.environmentName)) throw corrupt(record);
}

/** The blind index's notion of one name: equal after NFC, trimming and lowercasing. */
export function sameName(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

export function findTenantId(s: Session, name: string): string | null {
  const row = s.db.prepare('SELECT id FROM tenants WHERE blind = ?').get(tenantBlind(s, name)) as
    { id: string } | undefined;
  return row?.id ?? null;
}

export function findEnvironmentId(s: Session, tenantId: string, name: string): string | null {
  const row = s.db.prepare('SELECT id FROM environments WHERE blind = ?').get(envBlind(s, tenantId, name)) as
    { id: string } | undefined;
  return row?.id ?? null;
}

export function environmentTenant(s: Session, environmentId: string): string {
  const row = s.db.prepare('SELECT tenant_id FROM environments WHERE id = ?').get(environmentId) as
    { tenant_id: string } | undefined;
  if (!row) throw notFound('environment');
  return row.tenant_id;
}
