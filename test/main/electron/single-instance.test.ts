import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { enforceSingleInstance, type SingleInstanceApp } from '../../../src/main/electron/single-instance';

class FakeApp extends EventEmitter implements SingleInstanceApp {
  quits = 0;
  constructor(private readonly hasLock: boolean) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  quit(): void {
    this.quits += 1;
  }
}

describe('single instance', () => {
  it('lets the first instance run and focuses it when a second one starts', () => {
    const app = new FakeApp(true);
    let focused = 0;
    expect(enforceSingleInstance(app, () => (focused += 1))).toBe(true);
    app.emit('second-instance');
    expect(focused).toBe(1);
    expect(app.quits).toBe(0);
  });

  it('makes a second instance quit', () => {
    const app = new FakeApp(false);
    expect(enforceSingleInstance(app, () => undefined)).toBe(false);
    expect(app.quits).toBe(1);
  });
});
