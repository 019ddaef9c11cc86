/**
 * What the app remembers about client sessions it asked the user about, as plain data and plain
 * functions: an approval lasts until the vault locks (the book is emptied), until the session has
 * been idle for `idleMs`, or `maxMs` after it was given, whichever comes first. A denial is kept
 * briefly, so a script retrying in a loop does not put up prompt after prompt.
 */

export interface ApprovalPolicy {
  /** An approval ends after this long without a request from the session. */
  readonly idleMs: number;
  /** ...and this long after it was given, however busy the session is. */
  readonly maxMs: number;
  /** A denied session is refused without asking for this long. */
  readonly deniedMs: number;
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  idleMs: 10 * 60_000,
  maxMs: 12 * 60 * 60_000,
  deniedMs: 30_000,
};

export type ApprovalEntry =
  | { readonly decision: 'approved'; readonly at: number; readonly lastUsedAt: number }
  | { readonly decision: 'denied'; readonly at: number };

export type ApprovalBook = ReadonlyMap<string, ApprovalEntry>;

export type Standing = 'approved' | 'denied' | 'ask';

export function emptyBook(): ApprovalBook {
  return new Map();
}

/** Where a session stands now: approved and still fresh, recently denied, or to be asked. */
export function standingOf(book: ApprovalBook, sessionKey: string, now: number, policy: ApprovalPolicy): Standing {
  const entry = book.get(sessionKey);
  if (entry === undefined) return 'ask';
  if (entry.decision === 'denied') return now - entry.at < policy.deniedMs ? 'denied' : 'ask';
  const isFresh = now - entry.lastUsedAt < policy.idleMs && now - entry.at < policy.maxMs;
  return isFresh ? 'approved' : 'ask';
}

/** The user's answer, remembered; a timeout is not an answer and changes nothing. */
export function recordDecision(
  book: ApprovalBook,
  sessionKey: string,
  decision: 'approved' | 'denied',
  now: number,
): ApprovalBook {
  const next = new Map(book);
  next.set(sessionKey, decision === 'approved' ? { decision, at: now, lastUsedAt: now } : { decision, at: now });
  return next;
}

/** An approved session used again: its idle time starts over. */
export function recordUse(book: ApprovalBook, sessionKey: string, now: number): ApprovalBook {
  const entry = book.get(sessionKey);
  if (entry?.decision !== 'approved') return book;
  const next = new Map(book);
  next.set(sessionKey, { ...entry, lastUsedAt: now });
  return next;
}

/** Drops entries that no longer decide anything, so the book stays as small as the live sessions. */
export function pruneBook(book: ApprovalBook, now: number, policy: ApprovalPolicy): ApprovalBook {
  const next = new Map([...book].filter(([key]) => standingOf(book, key, now, policy) !== 'ask'));
  return next.size === book.size ? book : next;
}
