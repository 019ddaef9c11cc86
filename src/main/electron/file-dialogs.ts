/**
 * The FileDialogs port over Electron's `dialog`. Only what the user picked comes back, and main
 * keeps it: the window never sees a path it could have made up. The dialogs are shown without a
 * parent window (ElectronApi types the window structurally, not as Electron's BaseWindow).
 */
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileDialogs } from '../api/file-dialogs';

/** Electron's dialog satisfies it (the overloads without a parent window). */
export interface DialogLike {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

export function createFileDialogs(dialog: DialogLike): FileDialogs {
  return {
    async chooseFileToOpen({ title, filters }) {
      const answer = await dialog.showOpenDialog({
        title,
        filters: filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] })),
        properties: ['openFile'],
      });
      const [path] = answer.filePaths;
      return answer.canceled || path === undefined ? null : path;
    },
    async chooseFileToSave({ title, defaultName, filters }) {
      const answer = await dialog.showSaveDialog({
        title,
        defaultPath: defaultName,
        filters: filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] })),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return answer.canceled || answer.filePath === undefined || answer.filePath === '' ? null : answer.filePath;
    },
  };
}
