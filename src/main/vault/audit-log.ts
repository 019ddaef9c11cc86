/**
 * The audit log: each entry's MAC (audit purpose key) covers its seq, time, action, subject,
 * sealed detail and the previous entry's MAC; a MAC'd head in `meta` records the last seq, so an
 * edited, deleted, reordered or truncated entry breaks the chain at a nameable seq.
 */
import { equalBytes, mac, utf8 } from './crypto';
import { openField, sealField, type Session } from './session';
import type { AuditAction, AuditEntry, AuditVerdict } from './types';

interface AuditRow {
  seq: number;
  at: number;
  action: AuditAction;
  subject_id: string | null;
  detail: Uint8Array;
  mac: Uint8Array;
}

const GENESIS = new Uint8Array(32);
const aad = (seq: number): string => `audit/${seq}/detail`;

function entryMac(s: Session, r: Omit<AuditRow, 'mac'>, previous: Uint8Array): Uint8Array {
  const head = utf8(JSON.stringify([r.seq, r.at, r.action, r.subject_id, r.detail.length]));
  const data = new Uint8Array(head.length + 1 + r.detail.length + previous.length);
  data.set(head, 0);
  data.set(r.detail, head.length + 1);
  data.set(previous, head.length + 1 + r.detail.length);
  return mac(s.keys.audit, data);
}

function headMac(s: Session, seq: number, last: Uint8Array): string {
  const data = new Uint8Array([...utf8(`audit-head/${seq}/`), ...last]);
  return `${seq}.${Buffer.from(mac(s.keys.audit, data)).toString('base64url')}`;
}

/** Inside a write transaction. */
export function appendAudit(
  s: Session,
  action: AuditAction,
  subjectId: string | null,
  detail: string,
  at = s.now(),
): void {
  const last = s.db.prepare('SELECT seq, mac FROM audit ORDER BY seq DESC LIMIT 1').get() as
    Pick<AuditRow, 'seq' | 'mac'> | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const r = { seq, at, action, subject_id: subjectId, detail: sealField(s, detail, aad(seq)) };
  const m = entryMac(s, r, last?.mac ?? GENESIS);
  s.db
    .prepare('INSERT INTO audit (seq, at, action, subject_id, detail, mac) VALUES (?, ?, ?, ?, ?, ?)')
    .run(seq, at, action, subjectId, r.detail, m);
  s.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)").run(headMac(s, seq, m));
}

export function readAudit(s: Session, limit: number | undefined): AuditEntry[] {
  const rows = (
    limit === undefined
      ? s.db.prepare('SELECT seq, at, action, subject_id, detail FROM audit ORDER BY seq').all()
      : s.db
          .prepare(
            'SELECT * FROM (SELECT seq, at, action, subject_id, detail FROM audit ORDER BY seq DESC LIMIT ?) ORDER BY seq',
          )
          .all(limit)
  ) as Omit<AuditRow, 'mac'>[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    action: r.action,
    subjectId: r.subject_id,
    detail: openField(s, r.detail, aad(r.seq), `audit entry ${r.seq}`),
  }));
}

export function verifyAuditChain(s: Session): AuditVerdict {
  const rows = s.db
    .prepare('SELECT seq, at, action, subject_id, detail, mac FROM audit ORDER BY seq')
    .all() as AuditRow[];
  let previous: Uint8Array = GENESIS;
  let expected = 1;
  for (const r of rows) {
    if (r.seq !== expected) return broken(rows.length, expected, 'an entry is missing');
    if (!equalBytes(entryMac(s, r, previous), r.mac))
      return broken(rows.length, r.seq, 'the entry was altered, moved or its predecessor removed');
    previous = r.mac;
    expected++;
  }
  const head = (s.db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string } | undefined)
    ?.value;
  const lastSeq = expected - 1;
  // Every vault's log starts with its creation entry: an empty one was wiped, head and all.
  if (lastSeq === 0) return broken(0, 1, 'the log is empty: its entries were removed');
  if (head !== headMac(s, lastSeq, previous)) {
    return broken(rows.length, lastSeq + 1, 'entries are missing at the end of the log');
  }
  return { ok: true, entries: rows.length };
}

function broken(entries: number, firstBrokenSeq: number, reason: string): AuditVerdict {
  return { ok: false, entries, firstBrokenSeq, reason };
}
