/**
 * Electron's open and save dialogs as a small fake: the test says what the user will pick next
 * (a path, or cancel), and every dialog shown is recorded with its title and default name.
 */
import type { DialogLike } from '../../src/main/electron/file-dialogs';

type OpenDialogOptions = Parameters<DialogLike['showOpenDialog']>[0];
type SaveDialogOptions = Parameters<DialogLike['showSaveDialog']>[0];

export class FakeDialogs implements DialogLike {
  /** The answers the user gives, in order: a path, or null for Cancel. */
  readonly answers: (string | null)[] = [];
  readonly shown: { kind: 'open' | 'save'; title: string; defaultPath?: string }[] = [];

  async showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.shown.push({ kind: 'open', title: options.title ?? '' });
    const answer = this.next();
    return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
  }

  async showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }> {
    this.shown.push({ kind: 'save', title: options.title ?? '', defaultPath: options.defaultPath });
    const answer = this.next();
    return answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer };
  }

  private next(): string | null {
    if (this.answers.length === 0) throw new Error('a dialog was shown that the test did not expect');
    return this.answers.shift() ?? null;
  }
}
