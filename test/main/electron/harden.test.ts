import { describe, expect, it } from 'vitest';
import { allowedExternalUrl, hardenWebContents, type HardenableContents } from '../../../src/main/electron/harden';

type Listener = (event: { preventDefault(): void }, url: string) => void;

/** Records what hardening registered, and lets the test fire events at it. */
class FakeContents implements HardenableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  readonly listeners = new Map<string, Listener>();
  permissionHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  checkHandler: (() => boolean) | null = null;
  readonly session = {
    setPermissionRequestHandler: (handler: NonNullable<FakeContents['permissionHandler']>) => {
      this.permissionHandler = handler;
    },
    setPermissionCheckHandler: (handler: () => boolean) => {
      this.checkHandler = handler;
    },
  };

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }

  fire(event: string, url = ''): boolean {
    let prevented = false;
    this.listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function setup() {
  const contents = new FakeContents();
  const opened: string[] = [];
  hardenWebContents(contents, { externalHosts: ['github.com'], openExternal: (url) => opened.push(url) });
  return { contents, opened };
}

describe('hardenWebContents', () => {
  it('denies every window.open and sends allowlisted https links to the browser', () => {
    const { contents, opened } = setup();
    expect(contents.openHandler?.({ url: 'https://github.com/keyturn' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/keyturn']);
  });

  it('blocks every navigation and redirect, and webview attachment', () => {
    const { contents, opened } = setup();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://github.com/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies all permission requests and checks', () => {
    const { contents } = setup();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      contents.permissionHandler?.(null, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(contents.checkHandler?.()).toBe(false);
  });
});

describe('allowedExternalUrl', () => {
  const hosts = ['github.com'];
  it.each([
    ['http://github.com/', 'plain http'],
    ['https://github.com.evil.example/', 'a look-alike host'],
    ['https://user:pw@github.com/', 'credentials in the URL'],
    ['javascript:alert(1)', 'a script URL'],
    ['file:///etc/passwd', 'a file URL'],
    ['not a url', 'garbage'],
  ])('refuses %s (%s)', (url) => {
    expect(allowedExternalUrl(url, hosts)).toBeNull();
  });

  it('accepts an allowlisted https URL, normalised', () => {
    expect(allowedExternalUrl('https://GitHub.com/a b', hosts)).toBe('https://github.com/a%20b');
  });
});
