/**
 * Which URLs a provider call may go to: `https:` anywhere, `http:` only to loopback
 * (127.0.0.0/8, ::1, localhost), so credentials never cross a network in clear text.
 * Names under `.localhost` are not loopback here: Node asks the OS resolver, which may pass
 * them on to DNS (glibc does), and whoever answers for the name would receive the token.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/** The parsed URL if it is allowed, else null. */
export function allowedUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  return null;
}

/** Joins a base URL (which may carry a path prefix) and an absolute API path. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * Why a base URL given by the user cannot be used, in words that never repeat the URL (it may
 * hold a password); null when it can. The same rule as allowedUrl, said for a person.
 */
export function baseUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    // Not trimmed first: allowedUrl does not trim either, and the URL parser already drops
    // surrounding ASCII spaces and controls. A no-break space around a pasted URL used to pass
    // here and fail at the first request with a misleading "must be https://".
    url = new URL(raw);
  } catch {
    return 'The base URL is not a URL: give it as https://host[/path]';
  }
  if (url.username !== '' || url.password !== '') {
    return 'The base URL must not hold a user name or password: give the credential when keyturn asks for it';
  }
  if (url.search !== '' || url.hash !== '') return 'The base URL must not have a query (?…) or a fragment (#…)';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The base URL must start with https:// (${url.protocol.replace(/:$/, '')}:// is not allowed)`;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `http:// is allowed only to this computer (127.0.0.1, ::1, localhost); use https://${url.host}`;
  }
  return null;
}
