/**
 * The real handlers behind every channel refuse an input with an unexpected key before their
 * body runs: INVALID_INPUT naming the field it does not accept, and the vault folder stays empty
 * (vault:create with an extra key creates nothing). Channels are read from IPC_CONTRACT.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createApiHandlers } from '../../../src/main/api';
import { CHANNELS, IPC_CONTRACT } from '../../../src/shared/ipc';
import { createTestContext } from '../../support/api-fixture';
import { EXTRA_KEY, samplesOf } from '../../support/schema-samples';
import { tempDir } from '../../support/temp-dir';

describe('every api handler', () => {
  it('refuses an input with an unexpected key and does nothing', async () => {
    const dir = tempDir('extra-keys');
    const api = createApiHandlers(createTestContext(dir).context);
    const answers: Record<string, unknown> = {};
    for (const channel of CHANNELS) {
      const [input] = samplesOf(IPC_CONTRACT[channel].input as z.ZodType).valid;
      const result = await api[channel]({ ...(input as object), [EXTRA_KEY]: true });
      answers[channel] = result.ok
        ? 'accepted'
        : [result.error.code, result.error.message.includes(`does not accept the field “${EXTRA_KEY}”`)];
    }
    expect(answers).toEqual(Object.fromEntries(CHANNELS.map((channel) => [channel, ['INVALID_INPUT', true]])));
    expect(readdirSync(dir)).toEqual([]);
  });
});
