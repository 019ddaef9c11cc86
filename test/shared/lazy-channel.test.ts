import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, IPC_CONTRACT } from '../../src/shared/ipc';
import { channel } from '../../src/shared/lazy-channel';

describe('lazy IPC contract entries', () => {
  it('builds a channel schema only when its input is first read, and then once', () => {
    let builds = 0;
    const entry = channel(() => {
      builds += 1;
      return z.object({ a: z.string() }).strict();
    }, {});
    expect(builds).toBe(0);
    const first = entry.input;
    expect(entry.input).toBe(first);
    expect(builds).toBe(1);
    expect(first.safeParse({ a: 'x' }).success).toBe(true);
  });

  it('gives every channel of the contract a working input schema', () => {
    for (const name of CHANNELS) expect(typeof IPC_CONTRACT[name].input.safeParse).toBe('function');
    const parsed = IPC_CONTRACT['token:secret'].input.safeParse({
      token: { ref: { tenant: 't', environment: 'e', label: 'l' } },
      purpose: 'get',
    });
    expect(parsed.success).toBe(true);
    expect(
      IPC_CONTRACT['token:secret'].input.safeParse({ token: { ref: { tenant: 't' } }, purpose: 'get' }).success,
    ).toBe(false);
    console.log(`${CHANNELS.length} channels, schemas built on first use`);
  });
});
