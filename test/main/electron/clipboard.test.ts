import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEAR_AFTER_MS, createSecretClipboard } from '../../../src/main/electron/clipboard';
import { FakeOsClipboard } from '../../support/fake-os-clipboard';
import { ManualClock } from '../../support/manual-clock';

function setup(clearAfterMs = DEFAULT_CLEAR_AFTER_MS) {
  const clock = new ManualClock();
  const os = new FakeOsClipboard();
  const clipboard = createSecretClipboard(os, clock, { clearAfterMs: () => clearAfterMs });
  return { clock, os, clipboard };
}

/** Lets the clearing callback's awaited clipboard read settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('secret clipboard', () => {
  it('copies and clears after 20 seconds by default', async () => {
    const { clock, os, clipboard } = setup();
    const { clearsAt } = await clipboard.copy('sk-live-123');
    expect(os.text).toBe('sk-live-123');
    expect(clearsAt).toBe(clock.now() + 20_000);
    clock.advance(19_999);
    await settle();
    expect(os.text).toBe('sk-live-123');
    clock.advance(1);
    await settle();
    expect(os.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else since', async () => {
    const { clock, os, clipboard } = setup();
    await clipboard.copy('sk-live-123');
    os.text = 'a shopping list';
    clock.advance(20_000);
    await settle();
    expect(os.text).toBe('a shopping list');
    expect(os.clears).toBe(0);
  });

  it('uses the delay setting at each copy', async () => {
    const { clock, os, clipboard } = setup(5_000);
    await clipboard.copy('sk-1');
    clock.advance(5_000);
    await settle();
    expect(os.text).toBe('');
  });

  it('restarts the delay when a second value is copied', async () => {
    const { clock, os, clipboard } = setup();
    await clipboard.copy('sk-1');
    clock.advance(15_000);
    await clipboard.copy('sk-2');
    clock.advance(15_000);
    await settle();
    expect(os.text).toBe('sk-2');
    expect(clock.pendingCount).toBe(1);
    clock.advance(5_000);
    await settle();
    expect(os.text).toBe('');
  });

  it('clears at once on demand (lock) only if the value is still ours', async () => {
    const { clock, os, clipboard } = setup();
    await clipboard.copy('sk-1');
    await clipboard.clearIfOurs();
    expect(os.text).toBe('');
    expect(clock.pendingCount).toBe(0);
    os.text = 'sk-1';
    await clipboard.clearIfOurs();
    expect(os.text).toBe('sk-1');
  });
});

describe('secret clipboard on quit', () => {
  it('makes a second clearIfOurs wait for the comparison the first one started', async () => {
    const { os, clipboard } = setup();
    os.slowReads = true;
    await clipboard.copy('sk-1');
    // The lock starts the clear and does not wait (session listeners are synchronous)...
    void clipboard.clearIfOurs();
    // ...so quit's own call must not resolve before the value is gone.
    await clipboard.clearIfOurs();
    expect(os.text).toBe('');
    expect(os.clears).toBe(1);
  });
});
