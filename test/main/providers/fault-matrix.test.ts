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
import { Probe } from './probe';

type Fault = FaultRule['fault'];

interface FaultCase {
  readonly label: string;
  readonly fault: Fault;
  readonly code: string;
  /** Does the client retry this fault on an idempotent call? */
  readonly retried: boolean;
}

const TIMEOUT_MS = 150;
const FAULTS: readonly FaultCase[] = [
  {
    label: 'latency beyond the timeout',
    fault: { kind: 'latency', ms: 600 },
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
  let running: RunningSubject | undefined;
  let cases = 0;
  let slowest = 0;

  const start = async (): Promise<RunningSubject> => {
    running ??= await subject.start(probe.deps(TIMEOUT_MS), probe.clock.now);
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
        emulator.inject({ fault, method: call.method, path: call.path, times: 100 });
        const started = Date.now();
        const result = probe.seen(await call.run(client, prepared));
        const elapsed = Date.now() - started;
        emulator.clearFaults();
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
        // A create is sent once: one key appears when the server committed before the connection
        // dropped, none when it failed before (a slow server may or may not finish on its own).
        if (call.name === 'createKey') {
          const added = keyCount() - keysBefore;
          if (fault.kind === 'latency') expect(added).toBeLessThanOrEqual(1);
          else expect(added).toBe(fault.kind === 'drop-after-commit' ? 1 : 0);
        }
        expect(elapsed).toBeLessThan(15_000);
        slowest = Math.max(slowest, elapsed);
        cases += 1;
      },
    );
  }
});
