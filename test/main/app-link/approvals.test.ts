import { describe, expect, it } from 'vitest';
import { createApprovalGate } from '../../../src/main/app-link/approval-gate';
import {
  DEFAULT_APPROVAL_POLICY,
  emptyBook,
  pruneBook,
  recordDecision,
  recordUse,
  standingOf,
} from '../../../src/main/app-link/approvals';
import type { ApprovalDecision, CliApprovalQuestion } from '../../../src/shared/cli-approval';
import { ManualClock } from '../../support/manual-clock';
import { ScriptedApprover } from '../../support/scripted-approver';

const POLICY = { idleMs: 10 * 60_000, maxMs: 60 * 60_000, deniedMs: 30_000 };
const MINUTE = 60_000;
const QUESTION: CliApprovalQuestion = {
  command: 'get',
  purpose: 'get',
  target: 'acme/prod/stripe',
  targetKind: 'token',
  cwd: '/home/dev/shop',
  terminal: '/dev/pts/3',
  pid: 4242,
  verified: true,
};

describe('approval decisions (pure)', () => {
  it('asks about a session it has never seen', () => {
    expect(standingOf(emptyBook(), 'tty:1', 0, POLICY)).toBe('ask');
  });

  it('keeps an approval while the session stays busy, and ends it after the idle time', () => {
    let book = recordDecision(emptyBook(), 'tty:1', 'approved', 0);
    expect(standingOf(book, 'tty:1', 9 * MINUTE, POLICY)).toBe('approved');
    book = recordUse(book, 'tty:1', 9 * MINUTE);
    expect(standingOf(book, 'tty:1', 18 * MINUTE, POLICY)).toBe('approved');
    expect(standingOf(book, 'tty:1', 28 * MINUTE, POLICY)).toBe('ask');
  });

  it('ends an approval at its maximum age however busy the session is', () => {
    let book = recordDecision(emptyBook(), 'tty:1', 'approved', 0);
    for (let at = 5 * MINUTE; at < 60 * MINUTE; at += 5 * MINUTE) book = recordUse(book, 'tty:1', at);
    expect(standingOf(book, 'tty:1', 59 * MINUTE, POLICY)).toBe('approved');
    expect(standingOf(book, 'tty:1', 60 * MINUTE, POLICY)).toBe('ask');
  });

  it('remembers a denial briefly, then asks again', () => {
    const book = recordDecision(emptyBook(), 'tty:1', 'denied', 0);
    expect(standingOf(book, 'tty:1', 29_999, POLICY)).toBe('denied');
    expect(standingOf(book, 'tty:1', 30_000, POLICY)).toBe('ask');
  });

  it('keeps sessions apart, and a use of a denied session changes nothing', () => {
    const book = recordDecision(recordDecision(emptyBook(), 'tty:1', 'approved', 0), 'tty:2', 'denied', 0);
    expect(standingOf(book, 'tty:1', 1, POLICY)).toBe('approved');
    expect(standingOf(book, 'tty:2', 1, POLICY)).toBe('denied');
    expect(recordUse(book, 'tty:2', 5)).toBe(book);
  });

  it('prunes what no longer decides anything', () => {
    const book = recordDecision(recordDecision(emptyBook(), 'a', 'approved', 0), 'b', 'denied', 0);
    expect([...pruneBook(book, 31_000, POLICY).keys()]).toEqual(['a']);
    expect(pruneBook(book, 1, POLICY)).toBe(book);
  });

  it('defaults to 10 idle minutes, 12 hours at most, 30 s for a denial', () => {
    expect(DEFAULT_APPROVAL_POLICY).toEqual({ idleMs: 600_000, maxMs: 43_200_000, deniedMs: 30_000 });
  });
});

describe('the approval gate', () => {
  function gate(approver: ScriptedApprover, recorded: ApprovalDecision[] = [], maxPendingSessions = 2) {
    const clock = new ManualClock(0);
    const made = createApprovalGate({
      approver,
      clock,
      policy: () => POLICY,
      maxPendingSessions,
      record: (decision) => recorded.push(decision),
    });
    return { gate: made, clock };
  }

  it('asks once per session however many commands of it wait, and records the decision', async () => {
    const approver = new ScriptedApprover();
    approver.answer = 'hold';
    const recorded: ApprovalDecision[] = [];
    const { gate: g } = gate(approver, recorded);
    const waits = [g.admit('tty:1', QUESTION), g.admit('tty:1', QUESTION), g.admit('tty:1', QUESTION)];
    await Promise.resolve();
    expect(approver.questions).toHaveLength(1);
    approver.release('approved');
    expect(await Promise.all(waits)).toEqual(['approved', 'approved', 'approved']);
    expect(recorded).toEqual(['approved']);
    expect(await g.admit('tty:1', QUESTION)).toBe('approved');
    expect(approver.questions).toHaveLength(1);
  });

  it('tells more sessions than it may keep waiting that it is busy', async () => {
    const approver = new ScriptedApprover();
    approver.answer = 'hold';
    const { gate: g } = gate(approver, [], 2);
    const first = g.admit('a', QUESTION);
    const second = g.admit('b', QUESTION);
    expect(await g.admit('c', QUESTION)).toBe('busy');
    approver.release('denied');
    expect(await Promise.all([first, second])).toEqual(['denied', 'denied']);
  });

  it('forgets every approval and withdraws every question when told (the vault locked)', async () => {
    const approver = new ScriptedApprover();
    const recorded: ApprovalDecision[] = [];
    const { gate: g } = gate(approver, recorded);
    expect(await g.admit('a', QUESTION)).toBe('approved');
    approver.answer = 'hold';
    const waiting = g.admit('b', QUESTION);
    await Promise.resolve();
    g.forgetAll();
    expect(await waiting).toBe('withdrawn');
    expect(approver.waiting).toBe(0);
    approver.answer = 'approved';
    expect(await g.admit('a', QUESTION)).toBe('approved');
    expect(approver.questions).toHaveLength(3);
    // The withdrawn question's late answer is not recorded as the user's.
    expect(recorded).toEqual(['approved', 'approved']);
  });

  it('does not remember a question nobody answered', async () => {
    const approver = new ScriptedApprover();
    approver.answer = 'timeout';
    const { gate: g } = gate(approver);
    expect(await g.admit('a', QUESTION)).toBe('timeout');
    approver.answer = 'approved';
    expect(await g.admit('a', QUESTION)).toBe('approved');
  });

  it('counts nothing when the decision cannot be audited', async () => {
    const approver = new ScriptedApprover();
    let isDiskFull = true;
    const made = createApprovalGate({
      approver,
      clock: new ManualClock(0),
      policy: () => POLICY,
      maxPendingSessions: 2,
      record: () => {
        if (isDiskFull) throw new Error('disk full');
      },
    });
    await expect(made.admit('a', QUESTION)).rejects.toThrow('disk full');
    // The approval that could not be recorded did not count: the session is asked again.
    isDiskFull = false;
    approver.answer = 'denied';
    expect(await made.admit('a', QUESTION)).toBe('denied');
    expect(approver.questions).toHaveLength(2);
  });
});
