import { describe, expect, it } from 'vitest';
import { createWindowApprover } from '../../../src/main/app-link/window-approver';
import { createWindowEvents } from '../../../src/main/api/event-hub';
import { attentionBody, createCliApprovals } from '../../../src/main/electron/cli-approvals';
import { forwardWindowEvents } from '../../../src/main/electron/window-events';
import type { CliApprovalQuestion, CliApprovalRequest } from '../../../src/shared/cli-approval';
import { ManualClock } from '../../support/manual-clock';

const QUESTION: CliApprovalQuestion = {
  command: 'run npm',
  purpose: 'run',
  target: 'acme/prod/stripe',
  targetKind: 'token',
  cwd: '/home/dev/shop',
  terminal: '/dev/pts/3',
  pid: 4242,
  verified: true,
};

function approver(timeoutMs = 60_000) {
  const clock = new ManualClock(1_000);
  const published: (readonly CliApprovalRequest[])[] = [];
  const noticed: CliApprovalRequest[] = [];
  const made = createWindowApprover({
    clock,
    timeoutMs,
    publish: (pending) => published.push(pending),
    attention: (request) => noticed.push(request),
  });
  return { made, clock, published, noticed };
}

describe("the window's approver", () => {
  it('publishes a new question with its id and times, asks for attention, and settles on the answer', async () => {
    const { made, published, noticed } = approver();
    const decision = made.ask(QUESTION, new AbortController().signal);
    const [request] = made.pending();
    expect(request).toMatchObject({ ...QUESTION, requestedAt: 1_000, expiresAt: 61_000 });
    expect(published).toEqual([[request]]);
    expect(noticed).toEqual([request]);
    expect(made.answer({ id: request?.id ?? '', decision: 'approve' })).toBe(true);
    expect(await decision).toBe('approved');
    expect(published.at(-1)).toEqual([]);
  });

  it('turns a deny into denied, and an answer to no question into false', async () => {
    const { made } = approver();
    const decision = made.ask(QUESTION, new AbortController().signal);
    const id = made.pending()[0]?.id ?? '';
    expect(made.answer({ id: 'not-a-question', decision: 'approve' })).toBe(false);
    expect(made.answer({ id, decision: 'deny' })).toBe(true);
    expect(made.answer({ id, decision: 'approve' })).toBe(false);
    expect(await decision).toBe('denied');
  });

  it('times out unanswered questions and takes them off the list', async () => {
    const { made, clock } = approver(30_000);
    const decision = made.ask(QUESTION, new AbortController().signal);
    clock.advance(29_999);
    expect(made.pending()).toHaveLength(1);
    clock.advance(1);
    expect(await decision).toBe('timeout');
    expect(made.pending()).toEqual([]);
    expect(clock.pendingCount).toBe(0);
  });

  it('withdraws a question when its signal aborts (the vault locked)', async () => {
    const { made, clock } = approver();
    const abort = new AbortController();
    const decision = made.ask(QUESTION, abort.signal);
    abort.abort();
    expect(await decision).toBe('timeout');
    expect(made.pending()).toEqual([]);
    expect(clock.pendingCount).toBe(0);
  });

  it('keeps several questions apart, oldest first', async () => {
    const { made } = approver();
    const first = made.ask(QUESTION, new AbortController().signal);
    const second = made.ask({ ...QUESTION, target: 'acme/prod/db' }, new AbortController().signal);
    expect(made.pending().map((request) => request.target)).toEqual(['acme/prod/stripe', 'acme/prod/db']);
    made.answer({ id: made.pending()[1]?.id ?? '', decision: 'approve' });
    made.answer({ id: made.pending()[0]?.id ?? '', decision: 'deny' });
    expect(await Promise.all([first, second])).toEqual(['denied', 'approved']);
  });
});

describe("the app's approval prompt at the Electron edge", () => {
  it('sends the list to the window, brings it forward and notifies without naming the token or folder', async () => {
    const sent: { channel: string; args: unknown[] }[] = [];
    const notified: { title: string; body: string }[] = [];
    let shown = 0;
    const contents = {
      send: (channel: string, ...args: unknown[]) => sent.push({ channel, args }),
      isDestroyed: () => false,
    };
    const window = {
      show: async () => void (shown += 1),
      webContentsId: () => 1,
      contents: () => contents as never,
    };
    const events = createWindowEvents();
    forwardWindowEvents(events, () => contents);
    const approvals = createCliApprovals({
      clock: new ManualClock(0),
      events,
      notifier: { notify: (title, body) => notified.push({ title, body }) },
      window: () => window,
    });
    const decision = approvals.ask(QUESTION, new AbortController().signal);
    expect(sent).toEqual([{ channel: 'cli-approvals:changed', args: [{ pending: approvals.pending() }] }]);
    expect(shown).toBe(1);
    expect(notified).toEqual([
      { title: 'A terminal is asking', body: 'keyturn run wants a token. Approve or deny it in Keyturn.' },
    ]);
    expect(notified[0]?.body).not.toMatch(/acme|stripe|shop/);
    approvals.answer({ id: approvals.pending()[0]?.id ?? '', decision: 'approve' });
    expect(await decision).toBe('approved');
    const env = {
      ...QUESTION,
      id: 'x',
      requestedAt: 0,
      expiresAt: 0,
      purpose: 'env' as const,
      targetKind: 'environment' as const,
    };
    expect(attentionBody(env)).toBe('keyturn env wants the tokens of an environment. Approve or deny it in Keyturn.');
  });
});
