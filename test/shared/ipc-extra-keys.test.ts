/**
 * Every IPC channel's input is strict: a key the contract does not name is refused, at the top
 * and in every nested object, for every channel in IPC_CONTRACT (read at run time, so channels
 * added later are covered). A loosened schema would let a caller smuggle fields past validation
 * into handlers that spread their input.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, IPC_CONTRACT } from '../../src/shared/ipc';
import { EXTRA_KEY, samplesOf } from '../support/schema-samples';

type Issue = z.core.$ZodIssue;

/** Whether the issues (union branches included) name EXTRA_KEY as unrecognised. */
function namesExtraKey(issues: readonly Issue[]): boolean {
  return issues.some((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.includes(EXTRA_KEY);
    if (issue.code === 'invalid_union') return issue.errors.some((branch) => namesExtraKey(branch));
    return false;
  });
}

describe('the IPC contract', () => {
  it.each(CHANNELS)('%s accepts its valid inputs and refuses each of them with an extra key', (channel) => {
    const schema = IPC_CONTRACT[channel].input as z.ZodType;
    const { valid, withExtraKey } = samplesOf(schema);
    for (const input of valid) {
      const parsed = schema.safeParse(input);
      expect({ input, issues: parsed.error?.issues ?? [] }).toEqual({ input, issues: [] });
    }
    expect(withExtraKey.length).toBeGreaterThan(0);
    for (const input of withExtraKey) {
      const parsed = schema.safeParse(input);
      expect({ input, refusedForTheKey: !parsed.success && namesExtraKey(parsed.error.issues) }).toEqual({
        input,
        refusedForTheKey: true,
      });
    }
  });

  it('covers every channel and reaches nested objects', () => {
    const counts = CHANNELS.map((channel) => samplesOf(IPC_CONTRACT[channel].input as z.ZodType).withExtraKey.length);
    const inputs = counts.reduce((sum, count) => sum + count, 0);
    expect(counts.every((count) => count >= 1)).toBe(true);
    // token selectors ({ tokenId } | { ref: { tenant, environment, label } }) nest objects two deep
    expect(samplesOf(IPC_CONTRACT['token:secret'].input).withExtraKey).toHaveLength(4);
    console.log(`${CHANNELS.length} channels, ${inputs} inputs with an unexpected key, all refused`);
  });
});
