/**
 * A connection's provider session (access and refresh tokens, in the adapter's own JSON), kept so
 * another process reuses it instead of logging in again. Sealed like every secret, bound by its
 * associated data to the connection's id, tenant, environment and provider. It lives in the
 * settings table under a key no setting can have (settings keys hold no `/`), and goes with the
 * connection, or when the connection's credential or URL changes.
 */
import { notFound, openField, sealField, type Session } from './session';

interface ConnectionKeys {
  id: string;
  tenant_id: string;
  environment_id: string;
  provider: string;
}

const keyOf = (connectionId: string): string => `connection-session/${connectionId}`;
const aad = (r: ConnectionKeys): string =>
  `connections/${r.id}/${r.tenant_id}/${r.environment_id}/${r.provider}/session`;

function connectionKeys(s: Session, id: string): ConnectionKeys {
  const r = s.db.prepare('SELECT id, tenant_id, environment_id, provider FROM connections WHERE id = ?').get(id) as
    ConnectionKeys | undefined;
  if (!r) throw notFound('connection');
  return r;
}

export function readSession(s: Session, connectionId: string): string | null {
  const r = connectionKeys(s, connectionId);
  const row = s.db.prepare('SELECT value FROM settings WHERE key = ?').get(keyOf(connectionId)) as
    { value: Uint8Array } | undefined;
  return row ? openField(s, row.value, aad(r), `connection ${connectionId} session`) : null;
}

export function writeSession(s: Session, connectionId: string, value: string | null): void {
  const r = connectionKeys(s, connectionId);
  if (value === null) {
    dropSession(s, connectionId);
    return;
  }
  s.db
    .prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
    .run(keyOf(connectionId), sealField(s, value, aad(r)));
}

export function dropSession(s: Session, connectionId: string): void {
  s.db.prepare('DELETE FROM settings WHERE key = ?').run(keyOf(connectionId));
}
