/** Records notifications instead of showing them. */
import type { Notifier } from '../../src/main/api/ports';

export class FakeNotifier implements Notifier {
  readonly shown: { title: string; body: string }[] = [];

  notify(title: string, body: string): void {
    this.shown.push({ title, body });
  }
}
