/**
 * The cheap KDF policy for tests: Argon2id m=256 KiB t=1 p=1 (about a millisecond). Passed
 * explicitly as `options.policy`; production code never passes a policy, so it cannot select
 * this. The ceiling is kept low too, so tests can show both bounds being enforced.
 */
import type { KdfPolicy } from '../../src/main/vault/types';

export const TEST_KDF_POLICY: KdfPolicy = Object.freeze({
  floor: Object.freeze({ memoryKiB: 256, passes: 1, parallelism: 1 }),
  ceiling: Object.freeze({ memoryKiB: 64 * 1024, passes: 8, parallelism: 4 }),
  targetMs: 5,
});
