/**
 * Where a provider call may go: `https:` anywhere, `http:` only to this computer. A host that
 * only looks like loopback (a DNS name starting with 127, a name under localhost) would carry a
 * token in clear text to whoever answers for that name, so it must be refused. Pure: no request
 * is ever made here, and no name is looked up.
 */
import { describe, expect, it } from 'vitest';
import { allowedUrl, baseUrlProblem, isLoopbackHost, joinUrl } from '../../../src/main/providers/url-policy';

const allowed = (raw: string): string | null => allowedUrl(raw)?.href ?? null;

describe('the provider URL policy', () => {
  it.each([
    'http://127.evil.com/',
    'http://127.0.0.1.nip.io/',
    'http://127.a.b.c/',
    'http://127.0.0.256/',
    'http://localhost.evil.com/',
    'http://localhost%2eevil.com/',
    'http://evil.localhost/',
    'http://[::2]/',
    'http://[::ffff:127.0.0.1]/',
    'http://128.0.0.1/',
    'http://example.com/',
  ])('refuses plain http to %s, which is not this computer', (raw) => {
    expect(allowed(raw)).toBeNull();
  });

  it.each([
    ['http://127.0.0.1:8080/api', 'http://127.0.0.1:8080/api'],
    ['http://127.255.3.4/', 'http://127.255.3.4/'],
    ['http://127.1/', 'http://127.0.0.1/'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['http://localhost:5/x', 'http://localhost:5/x'],
    ['http://LOCALHOST/', 'http://localhost/'],
    ['http://[::1]:9/', 'http://[::1]:9/'],
    ['http://[0:0:0:0:0:0:0:1]/', 'http://[::1]/'],
  ])('allows plain http to loopback %s', (raw, href) => {
    expect(allowed(raw)).toBe(href);
  });

  it('allows https to any host and nothing but https or loopback http', () => {
    expect(allowed('https://api.example.com/v1')).toBe('https://api.example.com/v1');
    expect(allowed('HTTPS://127.evil.com/')).toBe('https://127.evil.com/');
    for (const raw of [
      'ftp://127.0.0.1/',
      'ws://127.0.0.1/',
      'wss://example.com/',
      'file:///etc/passwd',
      'data:text/plain,hi',
      'javascript:alert(1)',
      '//example.com/',
      '/relative/path',
      'not a url',
      '',
    ]) {
      expect({ raw, allowed: allowed(raw) }).toEqual({ raw, allowed: null });
    }
  });

  it('refuses credentials in the URL, even to loopback or over https', () => {
    expect(allowed('https://user:pw@example.com/')).toBeNull();
    expect(allowed('https://user@example.com/')).toBeNull();
    expect(allowed('http://:pw@127.0.0.1/')).toBeNull();
  });

  it('checks each part of an IPv4 loopback host, not only the first', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('0:0:0:0:0:0:0:1')).toBe(true);
    expect(isLoopbackHost('127.0.0.255')).toBe(true);
    for (const host of [
      '127.0.0.256',
      '127.0.0.1000',
      '127.0.0',
      '127.0.0.1.5',
      '127.0.0.x',
      '127.0.0.-1',
      '127..0.1',
      '127.0.0.1e2',
      '127.0.0.0x10',
      '::2',
      'localhost.',
      'a.localhost',
      // Only one outer pair of brackets is taken off, as a URL's hostname has it.
      ':[:1]',
      '[::1]]',
    ]) {
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
    }
  });

  it('says why a base URL cannot be used, in a sentence that never repeats a password in it', () => {
    expect([
      baseUrlProblem('https://api.example.com/v1'),
      baseUrlProblem('  http://127.0.0.1:8080  '),
      baseUrlProblem('http://localhost'),
      baseUrlProblem('http://[::1]:9'),
    ]).toEqual([null, null, null, null]);
    const problems = {
      'not a url': 'The base URL is not a URL: give it as https://host[/path]',
      'https://user:hunter2@h':
        'The base URL must not hold a user name or password: give the credential when keyturn asks for it',
      'https://user@h':
        'The base URL must not hold a user name or password: give the credential when keyturn asks for it',
      'https://:hunter2@h':
        'The base URL must not hold a user name or password: give the credential when keyturn asks for it',
      'https://h/?a=1': 'The base URL must not have a query (?…) or a fragment (#…)',
      'https://h/#x': 'The base URL must not have a query (?…) or a fragment (#…)',
      'ftp://h/': 'The base URL must start with https:// (ftp:// is not allowed)',
      'http://127.evil.com:8/x':
        'http:// is allowed only to this computer (127.0.0.1, ::1, localhost); use https://127.evil.com:8',
    };
    expect(Object.fromEntries(Object.keys(problems).map((raw) => [raw, baseUrlProblem(raw)]))).toEqual(problems);
    // The same rule as allowedUrl: what one refuses, the other does, even around the edges.
    for (const raw of ['\u00a0https://h/', '\u2028https://h/', '\ufeffhttps://h/']) {
      expect({ raw, problem: baseUrlProblem(raw), allowed: allowedUrl(raw) }).toEqual({
        raw,
        problem: 'The base URL is not a URL: give it as https://host[/path]',
        allowed: null,
      });
    }
  });

  it('joins a base URL with a path prefix and an API path with exactly one slash', () => {
    expect(joinUrl('https://h/prefix/', '/api/x')).toBe('https://h/prefix/api/x');
    expect(joinUrl('https://h/prefix//', 'api/x')).toBe('https://h/prefix/api/x');
    expect(joinUrl('https://h', '/x')).toBe('https://h/x');
  });
});
