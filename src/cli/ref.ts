/**
 * Token references: `tenant/env/label` or `keyturn://tenant/env/label`.
 * The URI form may percent-encode segments; the label keeps any further slashes.
 */
import { UsageError } from './usage-error';

export interface TokenRef {
  readonly tenant: string;
  readonly environment: string;
  readonly label: string;
}

export interface EnvRef {
  readonly tenant: string;
  readonly environment: string;
}

const SCHEME = 'keyturn://';

export function isUriRef(text: string): boolean {
  return text.startsWith(SCHEME);
}

function splitRef(text: string): { parts: string[]; isUri: boolean } {
  const isUri = isUriRef(text);
  const body = isUri ? text.slice(SCHEME.length) : text;
  return { parts: body.split('/'), isUri };
}

// Messages never repeat the text given: a secret pasted where a reference belongs must not be echoed.
function decodeSegment(segment: string, isUri: boolean): string {
  if (!isUri) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new UsageError('Malformed reference: bad percent-encoding');
  }
}

export function parseTokenRef(text: string): TokenRef {
  const { parts, isUri } = splitRef(text);
  const [tenant, environment, ...rest] = parts;
  const label = rest.join('/');
  if (!tenant || !environment || !label) {
    throw new UsageError('Malformed reference: expected tenant/env/label or keyturn://tenant/env/label');
  }
  return {
    tenant: decodeSegment(tenant, isUri),
    environment: decodeSegment(environment, isUri),
    label: decodeSegment(label, isUri),
  };
}

export function parseEnvRef(text: string): EnvRef {
  const { parts, isUri } = splitRef(text);
  const [tenant, environment, ...rest] = parts;
  if (!tenant || !environment || rest.length > 0) {
    throw new UsageError('Malformed reference: expected tenant/env');
  }
  return { tenant: decodeSegment(tenant, isUri), environment: decodeSegment(environment, isUri) };
}

export function formatTokenRef(ref: TokenRef): string {
  return `${ref.tenant}/${ref.environment}/${ref.label}`;
}
