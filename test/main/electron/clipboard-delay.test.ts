/**
 * The clipboard's clearing delay per copy: a copy may ask for its own delay (the CLI's
 * `--clear-after`), and no delay is shorter than a second, whoever asks. And with nothing of
 * ours on it, a lock never clears the clipboard.
 */
import { describe, expect, it } from 'vitest';
import { createSecretClipboard } from '../../../src/main/electron/clipboard';
import { FakeOsClipboard } from '../../support/fake-os-clipboard';
import { ManualClock } from '../../support/manual-clock';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(clearAfterMs: number) {
  const clock = new ManualClock();
  const os = new FakeOsClipboard();
  return { clock, os, clipboard: createSecretClipboard(os, clock, { clearAfterMs: () => clearAfterMs }) };
}

async function clearedAfter(clock: ManualClock, os: FakeOsClipboard, ms: number): Promise<boolean> {
  clock.advance(ms);
  await settle();
  return os.text === '';
}

describe('the clipboard clearing delay', () => {
  it("uses a copy's own delay instead of the setting", async () => {
    const { clock, os, clipboard } = setup(20_000);
    const start = clock.now();
    expect(await clipboard.copy('sk-1', { clearAfterMs: 5_000 })).toEqual({ clearsAt: start + 5_000 });
    expect(await clearedAfter(clock, os, 4_999)).toBe(false);
    expect(await clearedAfter(clock, os, 1)).toBe(true);
  });

  it('never clears sooner than a second, from a copy option or from the setting', async () => {
    const asked = setup(20_000);
    const start = asked.clock.now();
    expect(await asked.clipboard.copy('sk-1', { clearAfterMs: 10 })).toEqual({ clearsAt: start + 1_000 });
    expect(await clearedAfter(asked.clock, asked.os, 999)).toBe(false);
    expect(await clearedAfter(asked.clock, asked.os, 1)).toBe(true);

    const setting = setup(0);
    expect(await setting.clipboard.copy('sk-2')).toEqual({ clearsAt: setting.clock.now() + 1_000 });
    expect(await clearedAfter(setting.clock, setting.os, 999)).toBe(false);
    expect(await clearedAfter(setting.clock, setting.os, 1)).toBe(true);
  });

  it('leaves the clipboard alone on lock when Keyturn never copied anything', async () => {
    const { os, clipboard } = setup(20_000);
    os.text = '';
    await clipboard.clearIfOurs();
    os.text = 'a shopping list';
    await clipboard.clearIfOurs();
    expect(os).toMatchObject({ text: 'a shopping list', clears: 0 });
  });
});
