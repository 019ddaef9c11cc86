/**
 * Main's native file dialogs, as the handlers see them (Electron's `dialog` at the edge:
 * electron/file-dialogs.ts). The window never names a path: main asks the user here and keeps the
 * answer. Tests pass a fake that answers chosen paths.
 */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface FileDialogs {
  /** The file the user chose to open, or null when they cancelled. */
  chooseFileToOpen(options: {
    readonly title: string;
    readonly filters: readonly FileFilter[];
  }): Promise<string | null>;
  /** Where the user chose to save (the dialog asked before replacing a file), or null when they cancelled. */
  chooseFileToSave(options: {
    readonly title: string;
    readonly defaultName: string;
    readonly filters: readonly FileFilter[];
  }): Promise<string | null>;
}
