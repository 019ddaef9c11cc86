import { useEffect, useState } from 'react';
import type { AuditPage, AuditSource, AuditVerdictInWords } from '../../../shared/ipc-window-admin-channels';
import type { AuditAction } from '../../../shared/model';
import { useKeyturnStore } from '../../store';
import { dayBound } from './audit-words';

export interface AuditFilters {
  readonly action: AuditAction | '';
  readonly source: AuditSource | '';
  /** Days as a date field gives them ("2026-11-30"), '' for open. */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTERS: AuditFilters = { action: '', source: '', from: '', to: '' };
const AUDIT_PAGE = 100;

export interface AuditView {
  readonly page: AuditPage | null;
  readonly verdict: AuditVerdictInWords | null;
  readonly error: string | null;
  /** Turns to the next older (+1) or newer (-1) page of AUDIT_PAGE entries. */
  turn(direction: 1 | -1): void;
}

/**
 * The filtered log, a page of AUDIT_PAGE entries at a time, newest first (main filters and pages
 * it, so every entry of a large log is reachable), and the chain's verdict. Both are asked again
 * when the vault changes, so a copy made meanwhile shows up.
 */
export function useAudit(filters: AuditFilters): AuditView {
  const tokenId = useKeyturnStore((state) => state.auditToken?.tokenId);
  const revision = useKeyturnStore((state) => state.dataRevision);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [verdict, setVerdict] = useState<AuditVerdictInWords | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setOffset(0), [filters, tokenId]);

  useEffect(() => {
    let isCurrent = true;
    const from = dayBound(filters.from, false);
    const to = dayBound(filters.to, true);
    void window.keyturn
      .queryAudit({
        limit: AUDIT_PAGE,
        offset,
        ...(tokenId === undefined ? {} : { tokenId }),
        ...(filters.action === '' ? {} : { actions: [filters.action] }),
        ...(filters.source === '' ? {} : { sources: [filters.source] }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      })
      .then((result) => {
        if (!isCurrent) return;
        setError(result.ok ? null : result.error.message);
        if (result.ok) setPage(result.value);
      });
    return () => {
      isCurrent = false;
    };
  }, [filters, tokenId, offset, revision]);

  useEffect(() => {
    let isCurrent = true;
    void window.keyturn.verifyAudit({}).then((result) => {
      if (isCurrent && result.ok) setVerdict(result.value);
    });
    return () => {
      isCurrent = false;
    };
  }, [revision]);

  const turn = (direction: 1 | -1): void => setOffset((current) => Math.max(0, current + direction * AUDIT_PAGE));
  return { page, verdict, error, turn };
}
