import type { MatchRange, TokenRow } from '../../../shared/window-views';

const sameRanges = (a: readonly MatchRange[], b: readonly MatchRange[]): boolean =>
  a.length === b.length && a.every(([start, end], i) => b[i]?.[0] === start && b[i]?.[1] === end);

const sameTags = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((tag, i) => b[i] === tag);

/**
 * Whether two rows from main show the same thing. Every answer brings new row objects, most of
 * them for the rows already on screen (a scroll's next slice, a refresh, a keystroke that leaves
 * a row's matches alone): the list re-renders only those that differ.
 */
export function sameRow(a: TokenRow | undefined, b: TokenRow | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return (
    a.id === b.id &&
    a.label === b.label &&
    a.tenantId === b.tenantId &&
    a.tenantName === b.tenantName &&
    a.environmentId === b.environmentId &&
    a.environmentName === b.environmentName &&
    a.environmentKind === b.environmentKind &&
    a.provider === b.provider &&
    a.kind === b.kind &&
    a.expiresAt === b.expiresAt &&
    a.expiryState === b.expiryState &&
    a.lastUsedAt === b.lastUsedAt &&
    a.revoked === b.revoked &&
    sameRanges(a.labelMatches, b.labelMatches) &&
    sameTags(a.tags, b.tags)
  );
}
