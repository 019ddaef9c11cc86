/**
 * The audit viewer's query (audit:query) and verdict (audit:verdict). Entries are filtered in main
 * by token, action, source and time, newest first, a page at a time; each row names its subject
 * (tenant, environment, token label) and its source. The chain verdict comes in words.
 *
 * The source is read from the entry's detail, which every caller starts with its name: "app" (the
 * window), "tray", "CLI…" (a `keyturn` command, itself or through the app), "scheduler"; a
 * rotation's entry ends "by <actor>". Entries the vault writes itself (unlock, lock, password and
 * key changes) name no caller: their source is null.
 */
import type { AuditPage, AuditRow, AuditSource, AuditVerdictInWords } from '../../shared/ipc-window-admin-channels';
import { KeyturnError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/ipc';
import type { AuditEntry, AuditVerdict, Vault } from '../vault/types';

const CALLERS: readonly (readonly [RegExp, AuditSource])[] = [
  [/^app\b/, 'window'],
  [/^tray\b/, 'tray'],
  [/^CLI\b/, 'cli'],
  [/^scheduler\b/, 'scheduler'],
];

export function auditSource(entry: Pick<AuditEntry, 'action' | 'detail'>): AuditSource | null {
  if (entry.action === 'cli-approval') return 'cli';
  const actor = /\bby ([^)]+)\)?$/.exec(entry.detail)?.[1];
  for (const text of [entry.detail, actor ?? '']) {
    for (const [pattern, source] of CALLERS) if (pattern.test(text)) return source;
  }
  return null;
}

export function queryAudit(vault: Vault, query: ParsedInput<'audit:query'>): AuditPage {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to)
    throw new KeyturnError('INVALID_INPUT', 'The date range starts after it ends; choose a start before the end.');
  const actions = query.actions === undefined ? null : new Set<string>(query.actions);
  const sources = query.sources === undefined ? null : new Set<AuditSource | null>(query.sources);
  const matching = vault
    .listAudit()
    .filter(
      (entry) =>
        (query.tokenId === undefined || entry.subjectId === query.tokenId) &&
        (actions === null || actions.has(entry.action)) &&
        (query.from === undefined || entry.at >= query.from) &&
        (query.to === undefined || entry.at <= query.to) &&
        (sources === null || sources.has(auditSource(entry))),
    )
    .reverse();
  const page = matching.slice(query.offset, query.offset + query.limit);
  const names = subjectNames(vault);
  return { total: matching.length, offset: query.offset, entries: page.map((entry) => auditRow(entry, names)) };
}

interface SubjectNames {
  readonly tenant: string | null;
  readonly environment: string | null;
  readonly token: string | null;
}

/** Names of every tenant, environment and token by id, read once per page. */
function subjectNames(vault: Vault): (id: string) => SubjectNames | null {
  const tenants = new Map(vault.listTenants().map((t) => [t.id, t.name]));
  const environments = new Map(vault.listEnvironments().map((e) => [e.id, e]));
  return (id) => {
    const tenant = tenants.get(id);
    if (tenant !== undefined) return { tenant, environment: null, token: null };
    const environment = environments.get(id);
    if (environment !== undefined)
      return { tenant: tenants.get(environment.tenantId) ?? null, environment: environment.name, token: null };
    try {
      const token = vault.getToken(id);
      const where = environments.get(token.environmentId);
      return { tenant: tenants.get(token.tenantId) ?? null, environment: where?.name ?? null, token: token.label };
    } catch {
      return null;
    }
  };
}

function auditRow(entry: AuditEntry, names: (id: string) => SubjectNames | null): AuditRow {
  const named = entry.subjectId === null ? null : names(entry.subjectId);
  const parts = [named?.tenant, named?.environment, named?.token].filter((part): part is string => part != null);
  return {
    ...entry,
    subject: parts.length === 0 ? null : parts.join('/'),
    source: auditSource(entry),
    tenantName: named?.tenant ?? null,
    environmentName: named?.environment ?? null,
    tokenLabel: named?.token ?? null,
  };
}

const count = (n: number): string => n.toLocaleString('en-US');

/** "Intact: 12,345 entries", or "Broken at entry 1,234 of 12,345: <reason>". */
export function verdictInWords(verdict: AuditVerdict): AuditVerdictInWords {
  const entries = `${count(verdict.entries)} ${verdict.entries === 1 ? 'entry' : 'entries'}`;
  if (verdict.ok) return { ...verdict, inWords: `Intact: ${entries}` };
  const reason = verdict.reason.replace(/[.\s]+$/, '');
  return {
    ...verdict,
    inWords: `Broken at entry ${count(verdict.firstBrokenSeq)} of ${entries}: ${reason}. Entries from there on may have been edited or removed.`,
  };
}
