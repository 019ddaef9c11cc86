/**
 * Numbered schema migrations. The file's version is PRAGMA user_version. Only ids, kinds,
 * statuses and timestamps are plaintext; every user-written string and secret is a sealed BLOB.
 */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

const V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE key_wraps (
  kind TEXT PRIMARY KEY CHECK (kind IN ('password', 'recovery', 'keychain')),
  params TEXT NOT NULL,
  sealed BLOB NOT NULL
) STRICT;
CREATE TABLE tenants (
  id TEXT PRIMARY KEY, blind TEXT NOT NULL UNIQUE, name BLOB NOT NULL, created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE environments (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  blind TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('production', 'staging', 'development', 'test', 'custom')),
  name BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX environments_tenant ON environments(tenant_id);
CREATE TABLE token_chunks (
  id INTEGER PRIMARY KEY, rev INTEGER NOT NULL, count INTEGER NOT NULL, sealed BLOB NOT NULL
) STRICT;
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  environment_id TEXT NOT NULL REFERENCES environments(id),
  chunk_id INTEGER NOT NULL REFERENCES token_chunks(id),
  blind TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  expires_at INTEGER,
  revoked INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX tokens_environment ON tokens(environment_id);
CREATE INDEX tokens_chunk ON tokens(chunk_id);
CREATE TABLE versions (
  id TEXT PRIMARY KEY,
  token_id TEXT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('current', 'pending', 'previous', 'revoked')),
  expires_at INTEGER,
  secret BLOB NOT NULL,
  provider_key_id BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX versions_token ON versions(token_id, status);
CREATE UNIQUE INDEX versions_one_current ON versions(token_id) WHERE status = 'current';
CREATE UNIQUE INDEX versions_one_pending ON versions(token_id) WHERE status = 'pending';
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  environment_id TEXT NOT NULL REFERENCES environments(id),
  provider TEXT NOT NULL,
  body BLOB NOT NULL,
  credential BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (environment_id, provider)
) STRICT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;
CREATE TABLE journal (
  id TEXT PRIMARY KEY,
  token_id TEXT,
  operation TEXT NOT NULL,
  state TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  subject_id TEXT,
  detail BLOB NOT NULL,
  mac BLOB NOT NULL
) STRICT;
`;

/** v2: failed unlocks are queued in plaintext (no key to MAC them) and folded into the audit chain. */
const V2 = `
CREATE TABLE unlock_failures (id INTEGER PRIMARY KEY, at INTEGER NOT NULL) STRICT;
CREATE INDEX tokens_expiry ON tokens(expires_at) WHERE revoked = 0;
`;

/**
 * v3: the third wrap is named for what it is, a device key (kept by the caller in the OS
 * keychain). SQLite cannot alter a CHECK, so the small table is rebuilt; nothing refers to it.
 */
const V3 = `
CREATE TABLE key_wraps_v3 (
  kind TEXT PRIMARY KEY CHECK (kind IN ('password', 'recovery', 'device')),
  params TEXT NOT NULL,
  sealed BLOB NOT NULL
) STRICT;
INSERT INTO key_wraps_v3 (kind, params, sealed) SELECT kind, params, sealed FROM key_wraps WHERE kind <> 'keychain';
DROP TABLE key_wraps;
ALTER TABLE key_wraps_v3 RENAME TO key_wraps;
`;

/**
 * v4: the last time a token's value was handed out is a plaintext timestamp, written with the
 * reveal's audit entry without re-sealing the token's metadata chunk (a use is not an edit).
 * The chunk may still hold an older sealed lastUsedAt (vaults before v4); readers take the later.
 * The partial index holds only used tokens and covers both reads (one chunk's uses, all uses).
 */
const V4 = `
ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
CREATE INDEX tokens_last_used ON tokens(chunk_id, id, last_used_at) WHERE last_used_at IS NOT NULL;
`;

/**
 * v5: the unfinished journal entries of a token, found without reading the table: every command
 * that uses a token first finishes its open entries, and `keyturn get` must pay nothing for that
 * check when there are none. The index holds only unfinished entries, so it stays tiny.
 */
const V5 = `
CREATE INDEX journal_open ON journal(token_id) WHERE state NOT IN ('done', 'abandoned');
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: V1 },
  { version: 2, sql: V2 },
  { version: 3, sql: V3 },
  { version: 4, sql: V4 },
  { version: 5, sql: V5 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
