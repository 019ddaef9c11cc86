/**
 * Argon2id via @node-rs/argon2 (native speed), its bounds, and calibration at creation.
 * Bounds are checked before any derivation so a hostile header cannot make unlock allocate
 * gigabytes or spin for minutes, nor quietly weaken the password's protection.
 */
import { hashRawSync } from '@node-rs/argon2';
import { KeyturnError } from '../../shared/errors';
import type { KdfParams, KdfPolicy } from './types';

const ARGON2ID = 2;
export const SALT_BYTES = 16;
const MAX_SALT_BYTES = 64;

/** Never below m=64 MiB t=3 p=1; never above m=1 GiB t=20 p=4; aim for about half a second. */
export const PRODUCTION_KDF_POLICY: KdfPolicy = Object.freeze({
  floor: Object.freeze({ memoryKiB: 64 * 1024, passes: 3, parallelism: 1 }),
  ceiling: Object.freeze({ memoryKiB: 1024 * 1024, passes: 20, parallelism: 4 }),
  targetMs: 500,
});

export function isWithinPolicy(params: KdfParams, policy: KdfPolicy): boolean {
  const keys = ['memoryKiB', 'passes', 'parallelism'] as const;
  return keys.every(
    (k) => Number.isSafeInteger(params[k]) && params[k] >= policy.floor[k] && params[k] <= policy.ceiling[k],
  );
}

export function assertWithinPolicy(params: KdfParams, salt: Uint8Array, policy: KdfPolicy): void {
  if (!isWithinPolicy(params, policy)) {
    throw new KeyturnError(
      'VAULT_KDF_OUT_OF_BOUNDS',
      `The vault header asks for Argon2id m=${params.memoryKiB} KiB t=${params.passes} p=${params.parallelism}, ` +
        `outside the allowed range (m ${policy.floor.memoryKiB}..${policy.ceiling.memoryKiB} KiB, ` +
        `t ${policy.floor.passes}..${policy.ceiling.passes}, p ${policy.floor.parallelism}..${policy.ceiling.parallelism})`,
    );
  }
  if (salt.length < SALT_BYTES || salt.length > MAX_SALT_BYTES) {
    throw new KeyturnError('VAULT_HEADER_INVALID', 'The vault header has a salt of the wrong length');
  }
}

/** The password is NFC-normalised so the same password typed on any OS derives the same key. */
export function derivePasswordKey(password: string, salt: Uint8Array, params: KdfParams): Uint8Array {
  const raw = hashRawSync(Buffer.from(password.normalize('NFC'), 'utf8'), {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.passes,
    parallelism: params.parallelism,
    outputLen: 32,
    salt,
  });
  const key = new Uint8Array(raw);
  raw.fill(0);
  return key;
}

function timeOnce(params: KdfParams): number {
  const started = performance.now();
  derivePasswordKey('calibration', new Uint8Array(SALT_BYTES), params);
  return performance.now() - started;
}

/** Raise memory towards 256 MiB first (memory hardness), then passes, staying under the ceiling. */
export function calibrate(policy: KdfPolicy): KdfParams {
  const memoryGoal = Math.min(policy.ceiling.memoryKiB, Math.max(policy.floor.memoryKiB, 256 * 1024));
  let params: KdfParams = { ...policy.floor };
  let ms = timeOnce(params);
  while (ms < policy.targetMs * 0.6 && params.memoryKiB * 2 <= memoryGoal) {
    params = { ...params, memoryKiB: params.memoryKiB * 2 };
    ms = timeOnce(params);
  }
  const perPass = ms / params.passes;
  const passes = Math.round(policy.targetMs / Math.max(perPass, 0.001));
  return { ...params, passes: Math.min(policy.ceiling.passes, Math.max(params.passes, passes)) };
}
