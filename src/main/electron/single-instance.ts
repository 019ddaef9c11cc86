/**
 * One Keyturn per user: a second launch focuses the first and exits, so two processes never
 * hold the vault unlocked at once.
 */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): this;
}

/** True if this process is the one instance; otherwise it has asked to quit. */
export function enforceSingleInstance(app: SingleInstanceApp, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', focusExisting);
  return true;
}
