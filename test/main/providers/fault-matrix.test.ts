import { afterAll, describe, expect, it } from 'vitest';

import type { FaultRule } from '../../emulators';
import {
  hautAiSubject,
  satoriSubject,
  syftHubSubject,
  syftSpaceSubject,
  synapTaskSubject,
  type MatrixSubject,
  type RunningSubject,
} from './fault-subjects';
import { FakeTimeouts } from '../../support/fake-timeouts';
import { Probe } from './probe';

type Fault = FaultRule['fault'];

interface FaultCase {
  readonly label: string;
  readonly fault: Fault;
  readonly code: string;
  /** Does the client retry this fault on an idempotent call? */
  readonly retried: boolean;
}

/**
 * Deadlines run on the probe's fake clock: a held request times out when the test moves the clock
 * past TIMEOUT_MS, and no other request can, however loaded the machine is. Four held attempts and
 * their backoff (at most 3.5 s) fit in the call's default deadline (DEFAULT_DEADLINE_MS, 30 s).
 */
const TIMEOUT_MS = 5_000;
const FAULTS: readonly FaultCase[] = [
  {
    label: 'latency beyond the timeout',
    fault: { kind: 'hold' },
    code: 'PROVIDER_UNAVAILABLE',
    retried: true,
  },
  {
    label: 'status 500',
    fault: { kind: 'status', status: 500, body: '{"detail":"boom"}' },
    code: 'PROVIDER_UNAVAILABLE',
    retried: true,
  },
  {
    label: 'status 503 without a body',
    fault: { kind: 'status', status: 503 },
    code: 'PROVIDER_UNAVAILABLE',
    retried: true,
  },
  {
    label: 'rate limit with Retry-After',
    fault: { kind: 'rate-limit', retryAfter: '2' },
    code: 'PROVIDER_RATE_LIMITED',
    retried: true,
  },
  { label: 'malformed JSON', fault: { kind: 'malformed' }, code: 'PROVIDER_BAD_RESPONSE', retried: false },
  {
    label: 'a 2 MiB body',
    fault: { kind: 'huge-body', bytes: 2 * 1024 * 1024 },
    code: 'PROVIDER_BAD_RESPONSE',
    retried: false,
  },
  {
    label: 'a connection dropped before the answer',
    fault: { kind: 'drop-before' },
    code: 'PROVIDER_UNAVAILABLE',
    retried: true,
  },
  {
    label: 'a connection dropped after the change was made',
    fault: { kind: 'drop-after-commit' },
    code: 'PROVIDER_UNAVAILABLE',
    retried: true,
  },
];

const SUBJECTS: readonly MatrixSubject[] = [
  satoriSubject,
  hautAiSubject,
  syftSpaceSubject,
  syftHubSubject,
  synapTaskSubject,
];

describe.each(SUBJECTS)('the fault matrix for $provider', (subject) => {
  const probe = new Probe();
  const timeouts = new FakeTimeouts(probe.clock);
  let running: RunningSubject | undefined;
  let cases = 0;
  let slowest = 0;

  const start = async (): Promise<RunningSubject> => {
    running ??= await subject.start({ ...probe.deps(TIMEOUT_MS), timeoutSignal: timeouts.signal }, probe.clock.now);
    probe.secret(...running.secrets);
    return running;
  };

  afterAll(async () => {
    console.log(
      `${subject.provider}: ${cases} fault cases, each ended with its documented code; slowest ${slowest} ms`,
    );
    probe.expectNoLeak();
    await running?.emulator.close();
  });

  for (const call of subject.calls) {
    it.each(FAULTS)(
      `${call.name} under $label ends with $code, retrying only if idempotent`,
      async ({ fault, code, retried }) => {
        const { emulator, client, keyCount } = await start();
        const prepared = call.prepare === undefined ? '' : await call.prepare(client);
        if (call.name.startsWith('verify')) probe.secret(prepared);
        probe.clock.sleeps.length = 0;
        const requestsBefore = emulator.requests.length;
        const keysBefore = keyCount();
        // A held request sees its deadline pass on the fake clock as soon as the server has it.
        const injected: Fault =
          fault.kind === 'hold' ? { kind: 'hold', onHold: () => timeouts.elapse(TIMEOUT_MS) } : fault;
        emulator.inject({ fault: injected, method: call.method, path: call.path, times: 100 });
        const started = Date.now();
        const result = probe.seen(await call.run(client, prepared));
        const elapsed = Date.now() - started;
        emulator.clearFaults();
        // The slow server finishes what it was holding before anything is counted.
        await emulator.releaseHeld();
        const attempts = emulator.requests
          .slice(requestsBefore)
          .filter((r) => r.method === call.method && call.path.test(r.path)).length;

        expect(result.ok || result.error.code).toBe(code);
        const expectedAttempts = retried && call.idempotent ? 4 : 1;
        expect(attempts).toBe(expectedAttempts);
        if (fault.kind === 'rate-limit') {
          expect(result.ok || result.error.retryAfterSeconds).toBe(2);
          expect(probe.clock.sleeps).toEqual(call.idempotent ? [2000, 2000, 2000] : []);
        }
        // A create is sent once: one key appears when the server committed after the client gave up
        // or before the connection dropped, none when it failed before.
        if (call.name === 'createKey') {
          const committed = fault.kind === 'hold' || fault.kind === 'drop-after-commit';
          expect(keyCount() - keysBefore).toBe(committed ? 1 : 0);
        }
        slowest = Math.max(slowest, elapsed);
        cases += 1;
      },
    );
  }
});
