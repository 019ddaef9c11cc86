/**
 * hardenWebContents: one set of rules for every window (Electron security checklist items
 * 12-14): no new windows, no navigation away from the app, no permissions, and external links
 * only to an allowlist of https hosts, opened in the user's browser.
 */

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of WebContents we harden; Electron's WebContents satisfies it. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): this;
  // Per-event overloads, as in Electron's types; a union parameter would not accept them.
  // eslint-disable-next-line @typescript-eslint/unified-signatures
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): this;
  readonly session: {
    setPermissionRequestHandler(
      handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ): void;
    setPermissionCheckHandler(handler: () => boolean): void;
  };
}

export interface HardenOptions {
  /** Hostnames (exact match) whose https links may open in the system browser. */
  readonly externalHosts: readonly string[];
  readonly openExternal: (url: string) => void;
}

export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const openIfAllowed = (url: string): void => {
    const allowed = allowedExternalUrl(url, options.externalHosts);
    if (allowed !== null) options.openExternal(allowed);
  };

  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  // The app is one page: any navigation is either a link (sent to the browser) or an attack.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openIfAllowed(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** The normalised URL if it is https, has no credentials and its host is allowlisted; else null. */
export function allowedExternalUrl(raw: string, hosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
  return hosts.includes(url.hostname) ? url.toString() : null;
}
