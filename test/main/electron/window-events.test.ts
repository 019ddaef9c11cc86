import { describe, expect, it } from 'vitest';
import { createWindowEvents } from '../../../src/main/api';
import { forwardWindowEvents, type EventTarget } from '../../../src/main/electron/window-events';

class FakeContents implements EventTarget {
  readonly sent: [string, unknown][] = [];
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

describe('main → window events', () => {
  it('sends each event on its channel with its payload only, to the window there is, until stopped', () => {
    const events = createWindowEvents();
    const contents = new FakeContents();
    let target: FakeContents | null = null;
    const stop = forwardWindowEvents(events, () => target);
    events.emit('session:changed', { state: 'locked', reason: 'idle' });
    target = contents;
    events.changed('tokens');
    contents.destroyed = true;
    events.changed('structure');
    contents.destroyed = false;
    stop();
    events.changed('settings');
    expect(contents.sent).toEqual([['vault:changed', { revision: 1, scope: 'tokens' }]]);
  });

  it('keeps telling other listeners when one throws', () => {
    const events = createWindowEvents();
    const heard: string[] = [];
    events.subscribe(() => {
      throw new Error('window gone');
    });
    events.subscribe((event) => heard.push(event.name));
    events.changed('rotations');
    expect(heard).toEqual(['vault:changed']);
  });
});
