/**
 * Swaps of plaintext columns between two rows of a vault file, as anyone who can write the file
 * can make them (sealed BLOB columns are left alone: tamper.test.ts moves those). Used by the
 * lookup-proof suite and the corruption suite.
 */
import type Database from 'better-sqlite3';

export interface PlaintextColumn {
  readonly table: string;
  readonly column: string;
  readonly type: string;
  /** The column is the table's INTEGER PRIMARY KEY: the rowid itself. */
  readonly isRowid: boolean;
}

export const INDEX_TABLES = ['tenants', 'environments', 'token_chunks', 'tokens', 'versions'] as const;

/** Every non-BLOB column of `tables`, from the file's own schema. */
export function plaintextColumns(raw: Database.Database, tables: readonly string[]): PlaintextColumn[] {
  return tables.flatMap((table) =>
    (raw.pragma(`table_info(${table})`) as { name: string; type: string; pk: number }[])
      .filter((c) => c.type.toUpperCase() !== 'BLOB')
      .map((c) => ({
        table,
        column: c.name,
        type: c.type.toUpperCase(),
        isRowid: c.pk === 1 && c.type.toUpperCase() === 'INTEGER',
      })),
  );
}

/**
 * Swaps `column` between the rows with rowids `a` and `b` through a placeholder, so UNIQUE and
 * CHECK constraints hold at every step (checks and foreign keys are off: a tamperer is not bound by them).
 * Some pairs cannot be swapped by anyone: moving a current version's `token_id` to a token that
 * has a current version of its own breaks `versions_one_current`, which SQLite enforces on every
 * write. Such a swap is rolled back whole and reported as `false`; the file is left as it was.
 */
export function swapColumn(raw: Database.Database, col: PlaintextColumn, a: number, b: number): boolean {
  const get = (rowid: number | string): unknown =>
    raw.prepare(`SELECT ${col.column} AS v FROM ${col.table} WHERE rowid = ?`).pluck().get(rowid);
  const set = (rowid: number | string, value: unknown): void => {
    raw.prepare(`UPDATE ${col.table} SET ${col.column} = ? WHERE rowid = ?`).run(value, rowid);
  };
  raw.pragma('ignore_check_constraints = ON');
  raw.pragma('foreign_keys = OFF');
  const [va, vb] = [get(a), get(b)];
  const placeholder = col.type === 'INTEGER' ? -987_654_321 : 'swap-placeholder';
  try {
    raw.transaction(() => {
      set(a, placeholder);
      set(b, va);
      set(col.isRowid ? placeholder : a, vb);
    })();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
    throw error;
  }
}
