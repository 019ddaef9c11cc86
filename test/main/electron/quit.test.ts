import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { lockOnQuit } from '../../../src/main/electron/quit';
import { ManualClock } from '../../support/manual-clock';

class QuittingApp extends EventEmitter {
  ended = false;
  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.ended = true;
  }
}

function setup(clearClipboard: () => Promise<void>) {
  const app = new QuittingApp();
  const power = new EventEmitter();
  const clock = new ManualClock();
  const steps: string[] = [];
  lockOnQuit({
    app,
    power,
    clock,
    lock: () => steps.push('lock'),
    clearClipboard: async () => {
      steps.push('clear');
      await clearClipboard();
      steps.push('cleared');
    },
    stop: () => steps.push('stop'),
  });
  return { app, power, clock, steps };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('quit', () => {
  it('locks at once, waits for the clipboard, stops the background work, then quits for real', async () => {
    let release = (): void => undefined;
    const { app, steps } = setup(() => new Promise((resolve) => (release = resolve)));
    app.quit();
    expect(steps).toEqual(['lock', 'clear']);
    expect(app.ended).toBe(false);
    release();
    await settle();
    expect(steps).toEqual(['lock', 'clear', 'cleared', 'stop']);
    expect(app.ended).toBe(true);
  });

  it('locks once however many quits arrive while it cleans up', async () => {
    const { app, steps } = setup(async () => undefined);
    app.quit();
    app.quit();
    await settle();
    expect(steps.filter((step) => step === 'lock')).toHaveLength(1);
    expect(app.ended).toBe(true);
  });

  it('goes ahead after a deadline when the clipboard never answers', async () => {
    const { app, clock, steps } = setup(() => new Promise(() => undefined));
    app.quit();
    clock.advance(2_000);
    await settle();
    expect(steps).toEqual(['lock', 'clear', 'stop']);
    expect(app.ended).toBe(true);
  });

  it('quits through the same path when the OS shuts down', async () => {
    const { app, power, steps } = setup(async () => undefined);
    power.emit('shutdown');
    await settle();
    expect(steps[0]).toBe('lock');
    expect(app.ended).toBe(true);
  });
});
