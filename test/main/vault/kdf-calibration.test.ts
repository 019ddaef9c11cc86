/**
 * KDF calibration and bounds. The calibration rule is a generator of timings (calibrationSteps):
 * driven here with made-up milliseconds, so the rule is checked exactly and no result depends on
 * this machine's speed. The two real drivers run with a policy whose answer is fixed by its
 * bounds whatever the machine (a ≤1 MiB derivation takes milliseconds, the target is 10 s).
 */
import { describe, expect, it } from 'vitest';
import {
  assertWithinPolicy,
  calibrate,
  calibrateAsync,
  calibrationSteps,
  isWithinPolicy,
  PRODUCTION_KDF_POLICY,
} from '../../../src/main/vault/kdf';
import type { KdfParams, KdfPolicy } from '../../../src/main/vault/types';
import { KeyturnError } from '../../../src/shared/errors';

const MiB = 1024;

/** Runs the calibration rule, answering each proposed derivation with `timeOf(params)` ms. */
function calibrateWith(
  policy: KdfPolicy,
  timeOf: (params: KdfParams) => number,
): { tried: KdfParams[]; chosen: KdfParams } {
  const tried: KdfParams[] = [];
  const steps = calibrationSteps(policy);
  let step = steps.next();
  while (step.done !== true) {
    tried.push(step.value);
    step = steps.next(timeOf(step.value));
  }
  return { tried, chosen: step.value };
}

describe('the calibration rule', () => {
  it('doubles memory while a derivation takes under 60% of the target, up to 256 MiB, then sets passes', () => {
    // 100 ms per 64 MiB per pass: 64 MiB → 100 ms, 128 MiB → 200 ms, 256 MiB → 400 ms (stop).
    const { tried, chosen } = calibrateWith(
      PRODUCTION_KDF_POLICY,
      (p) => (100 * p.memoryKiB * p.passes) / (64 * MiB) / 3,
    );
    expect(tried.map((p) => p.memoryKiB)).toEqual([64 * MiB, 128 * MiB, 256 * MiB]);
    // 400 ms for 3 passes: 133 ms a pass, 500 ms wants round(3.75) = 4 passes.
    expect(chosen).toEqual({ memoryKiB: 256 * MiB, passes: 4, parallelism: 1 });
  });

  it('stops doubling at exactly 60% of the target, and doubles up to exactly the memory goal', () => {
    const at60 = calibrateWith(PRODUCTION_KDF_POLICY, () => 300);
    expect(at60.tried).toHaveLength(1);
    expect(at60.chosen).toEqual({ memoryKiB: 64 * MiB, passes: 5, parallelism: 1 });
    const fast = calibrateWith(PRODUCTION_KDF_POLICY, () => 299);
    expect(fast.tried.map((p) => p.memoryKiB)).toEqual([64 * MiB, 128 * MiB, 256 * MiB]);
  });

  it('keeps the floor on a slow machine and never goes below the floor passes', () => {
    expect(calibrateWith(PRODUCTION_KDF_POLICY, () => 2_000).chosen).toEqual({
      memoryKiB: 64 * MiB,
      passes: 3,
      parallelism: 1,
    });
  });

  it('caps passes at the ceiling on a very fast machine, even at 0 ms', () => {
    expect(calibrateWith(PRODUCTION_KDF_POLICY, () => 0).chosen).toEqual({
      memoryKiB: 256 * MiB,
      passes: 20,
      parallelism: 1,
    });
    expect(calibrateWith(PRODUCTION_KDF_POLICY, () => 10).chosen).toEqual({
      memoryKiB: 256 * MiB,
      passes: 20,
      parallelism: 1,
    });
  });

  it('aims memory at 256 MiB within the policy: the ceiling when lower, the floor when higher', () => {
    const low: KdfPolicy = {
      ...PRODUCTION_KDF_POLICY,
      ceiling: { ...PRODUCTION_KDF_POLICY.ceiling, memoryKiB: 128 * MiB },
    };
    expect(calibrateWith(low, () => 1).tried.map((p) => p.memoryKiB)).toEqual([64 * MiB, 128 * MiB]);
    const high: KdfPolicy = {
      floor: { ...PRODUCTION_KDF_POLICY.floor, memoryKiB: 512 * MiB },
      ceiling: PRODUCTION_KDF_POLICY.ceiling,
      targetMs: 500,
    };
    expect(calibrateWith(high, () => 1).tried.map((p) => p.memoryKiB)).toEqual([512 * MiB]);
  });
});

describe('the calibration drivers', () => {
  const bounded: KdfPolicy = {
    floor: { memoryKiB: 256, passes: 1, parallelism: 1 },
    ceiling: { memoryKiB: 1024, passes: 8, parallelism: 1 },
    targetMs: 10_000,
  };

  it('time real derivations: memory to the ceiling, then passes to the ceiling', async () => {
    expect(calibrate(bounded)).toEqual({ memoryKiB: 1024, passes: 8, parallelism: 1 });
    expect(await calibrateAsync(bounded)).toEqual({ memoryKiB: 1024, passes: 8, parallelism: 1 });
  });
});

describe('the KDF bounds', () => {
  const policy = PRODUCTION_KDF_POLICY;

  it('accept exactly the floor and the ceiling, whole numbers only', () => {
    expect(isWithinPolicy(policy.floor, policy)).toBe(true);
    expect(isWithinPolicy(policy.ceiling, policy)).toBe(true);
    for (const key of ['memoryKiB', 'passes', 'parallelism'] as const) {
      expect({ key, below: isWithinPolicy({ ...policy.floor, [key]: policy.floor[key] - 1 }, policy) }).toEqual({
        key,
        below: false,
      });
      expect({ key, above: isWithinPolicy({ ...policy.ceiling, [key]: policy.ceiling[key] + 1 }, policy) }).toEqual({
        key,
        above: false,
      });
      expect({ key, fraction: isWithinPolicy({ ...policy.floor, [key]: policy.floor[key] + 0.5 }, policy) }).toEqual({
        key,
        fraction: false,
      });
    }
  });

  it('say which parameters are outside which range', () => {
    const params = { memoryKiB: 8, passes: 3, parallelism: 1 };
    expect(() => assertWithinPolicy(params, new Uint8Array(16), policy)).toThrow(
      new KeyturnError(
        'VAULT_KDF_OUT_OF_BOUNDS',
        'The vault header asks for Argon2id m=8 KiB t=3 p=1, outside the allowed range (m 65536..1048576 KiB, t 3..20, p 1..4)',
      ),
    );
  });

  it('take salts of 16 to 64 bytes', () => {
    const salt = (length: number): string => {
      try {
        assertWithinPolicy(policy.floor, new Uint8Array(length), policy);
        return 'ok';
      } catch (cause) {
        return cause instanceof KeyturnError ? `${cause.code}: ${cause.message}` : 'crash';
      }
    };
    expect([salt(16), salt(64)]).toEqual(['ok', 'ok']);
    const refused = 'VAULT_HEADER_INVALID: The vault header has a salt of the wrong length';
    expect([salt(15), salt(65), salt(0)]).toEqual([refused, refused, refused]);
  });
});
