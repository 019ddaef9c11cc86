/**
 * Argon2id via @node-rs/argon2 (native speed), its bounds, and calibration at creation.
 * Bounds are checked before any derivation so a hostile header cannot make unlock allocate
 * gigabytes or spin for minutes, nor quietly weaken the password's protection.
 */
import { hashRaw, hashRawSync, type Options } from '@node-rs/argon2';
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

function argon2Options(salt: Uint8Array, params: KdfParams): Options {
  return {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.passes,
    parallelism: params.parallelism,
    outputLen: 32,
    salt,
  };
}

/** The password is NFC-normalised so the same password typed on any OS derives the same key. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

/** Copies the native output into a plain array (the caller zeroes it) and zeroes the native buffer. */
function takeKey(raw: Buffer): Uint8Array {
  const key = new Uint8Array(raw);
  raw.fill(0);
  return key;
}

/** Blocks the calling thread for the whole derivation: for the CLI and other short-lived callers. */
export function derivePasswordKey(password: string, salt: Uint8Array, params: KdfParams): Uint8Array {
  const input = passwordBytes(password);
  try {
    return takeKey(hashRawSync(input, argon2Options(salt, params)));
  } finally {
    input.fill(0);
  }
}

/**
 * Same key as derivePasswordKey, computed on the libuv thread pool so the event loop (the
 * Electron main process: tray, IPC, timers) keeps running during the ~0.5 s derivation.
 */
export async function derivePasswordKeyAsync(
  password: string,
  salt: Uint8Array,
  params: KdfParams,
): Promise<Uint8Array> {
  const input = passwordBytes(password);
  try {
    return takeKey(await hashRaw(input, argon2Options(salt, params)));
  } finally {
    input.fill(0);
  }
}

/**
 * Calibration as a sequence of timings: yields the parameters to time, receives the milliseconds
 * one derivation took, and returns the chosen parameters. The sync and async drivers below only
 * differ in how they time a derivation.
 * Raise memory towards 256 MiB first (memory hardness), then passes, staying under the ceiling.
 */
export function* calibrationSteps(policy: KdfPolicy): Generator<KdfParams, KdfParams, number> {
  const memoryGoal = Math.min(policy.ceiling.memoryKiB, Math.max(policy.floor.memoryKiB, 256 * 1024));
  let params: KdfParams = { ...policy.floor };
  let ms = yield params;
  while (ms < policy.targetMs * 0.6 && params.memoryKiB * 2 <= memoryGoal) {
    params = { ...params, memoryKiB: params.memoryKiB * 2 };
    ms = yield params;
  }
  const perPass = ms / params.passes;
  const passes = Math.round(policy.targetMs / Math.max(perPass, 0.001));
  return { ...params, passes: Math.min(policy.ceiling.passes, Math.max(params.passes, passes)) };
}

const CALIBRATION_SALT = new Uint8Array(SALT_BYTES);

export function calibrate(policy: KdfPolicy): KdfParams {
  const steps = calibrationSteps(policy);
  let step = steps.next();
  while (step.done !== true) {
    const started = performance.now();
    derivePasswordKey('calibration', CALIBRATION_SALT, step.value).fill(0);
    step = steps.next(performance.now() - started);
  }
  return step.value;
}

/** calibrate with derivations on the thread pool; the event loop stays free between and during them. */
export async function calibrateAsync(policy: KdfPolicy): Promise<KdfParams> {
  const steps = calibrationSteps(policy);
  let step = steps.next();
  while (step.done !== true) {
    const started = performance.now();
    (await derivePasswordKeyAsync('calibration', CALIBRATION_SALT, step.value)).fill(0);
    step = steps.next(performance.now() - started);
  }
  return step.value;
}
