/**
 * Renaming an environment and changing its kind (production ↔ staging …), inside the caller's write
 * transaction. The name stays unique (case-insensitively) within its tenant, through the blind index.
 */
import { KeyturnError } from '../../shared/errors';
import type { EnvironmentKind, EnvironmentView } from '../../shared/model';
import { notFound, openField, sealField, type Session } from './session';
import { envAad, envBlind } from './tenants';

interface EnvironmentRow {
  id: string;
  tenant_id: string;
  kind: EnvironmentKind;
  name: Uint8Array;
  created_at: number;
}

export function updateEnvironmentRow(
  s: Session,
  id: string,
  patch: { readonly name?: string; readonly kind?: EnvironmentKind },
): EnvironmentView {
  const row = s.db.prepare('SELECT id, tenant_id, kind, name, created_at FROM environments WHERE id = ?').get(id) as
    EnvironmentRow | undefined;
  if (!row) throw notFound('environment');
  const aad = envAad(id, row.tenant_id);
  const name = patch.name ?? openField(s, row.name, aad, `environment ${id}`);
  const kind = patch.kind ?? row.kind;
  const blind = envBlind(s, row.tenant_id, name);
  const other = s.db.prepare('SELECT id FROM environments WHERE blind = ?').get(blind) as { id: string } | undefined;
  if (other && other.id !== id) throw new KeyturnError('DUPLICATE', 'An environment with that name already exists');
  s.db
    .prepare('UPDATE environments SET blind = ?, kind = ?, name = ? WHERE id = ?')
    .run(blind, kind, sealField(s, name, aad), id);
  return { id, tenantId: row.tenant_id, name, kind, createdAt: row.created_at };
}
