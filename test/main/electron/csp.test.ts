/** The shipped page's policy (out/renderer/index.html, from `npm run build`) and the dev server's. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRICT_CSP, STRICT_CSP_HEADER, devCsp } from '../../../src/main/electron/csp';

function metaCsp(html: string): string | undefined {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
}

describe('content security policy', () => {
  it('ships the strict policy in the built index.html, with no trace of the dev one', () => {
    const built = readFileSync('out/renderer/index.html', 'utf8');
    expect(metaCsp(built)).toBe(STRICT_CSP);
    expect(built).not.toMatch(/nonce|ws:|unsafe-|csp-nonce/);
  });

  it('sends the same policy as a header, plus what only a header can say', () => {
    expect(STRICT_CSP_HEADER.startsWith(`${STRICT_CSP}; `)).toBe(true);
    expect(STRICT_CSP_HEADER).toMatch(/frame-ancestors 'none'/);
  });

  it("lets the dev server's page run only its nonce'd scripts and styles and reach only its HMR socket", () => {
    const csp = devCsp('abc123', 'http://localhost:5173');
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123'");
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(devCsp('n', 'https://127.0.0.1:6000/')).toContain('wss://127.0.0.1:6000');
  });
});
