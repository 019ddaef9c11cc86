import type { TokenDetail } from '../../../shared/window-views';
import { ExpiryBadge } from '../../components/expiry-badge';
import { UserText } from '../../components/user-text';
import { dateTimeWords, relativeWords, whenWords } from '../../lib/time-words';
import { useNow } from '../../lib/use-now';
import { ENVIRONMENT_KIND_NAMES, PROVIDER_NAMES, TOKEN_KIND_NAMES } from '../../lib/words';

const EXPIRY_SOURCES = { provider: 'as the provider says', jwt: 'read from the token', user: 'set by you' } as const;

function expiryWords(detail: TokenDetail, now: number): string {
  const { expiresAt, expiryState } = detail.token;
  if (expiryState === 'revoked') return 'Revoked';
  if (expiresAt === null) return expiryState === 'never' ? 'Never expires' : 'No expiry known';
  const source = detail.expirySource === null ? '' : ` (${EXPIRY_SOURCES[detail.expirySource]})`;
  return `${expiresAt < now ? 'Expired ' : ''}${whenWords(expiresAt, now)}${source}`;
}

function when(at: number | null, never: string, now: number): string {
  return at === null ? never : `${relativeWords(at, now)} · ${dateTimeWords(at)}`;
}

/**
 * The token's facts in words: provider, kind, environment, expiry, use, tags, notes, connection.
 * The relative times move on once a minute while the pane is shown.
 */
export function DetailFacts({ detail }: { readonly detail: TokenDetail }): React.JSX.Element {
  const token = detail.token;
  const now = useNow();
  return (
    <dl className="facts">
      <dt>Expires</dt>
      <dd>
        {token.expiresAt !== null && <ExpiryBadge state={token.expiryState} expiresAt={null} />}
        <span>{expiryWords(detail, now)}</span>
      </dd>
      <dt>Provider</dt>
      <dd>{PROVIDER_NAMES[token.provider]}</dd>
      <dt>Kind</dt>
      <dd>{TOKEN_KIND_NAMES[token.kind]}</dd>
      <dt>Environment</dt>
      <dd>
        <bdi>{token.tenantName}</bdi> › <bdi>{token.environmentName}</bdi> (
        {ENVIRONMENT_KIND_NAMES[token.environmentKind]})
      </dd>
      <dt>Last used</dt>
      <dd>{when(token.lastUsedAt, 'Never used from Keyturn', now)}</dd>
      <dt>Last verified</dt>
      <dd>{when(token.lastVerifiedAt, 'Never verified', now)}</dd>
      <dt>Tags</dt>
      <dd>
        {token.tags.length === 0 ? (
          <span className="hint">None</span>
        ) : (
          <span className="tags">
            {token.tags.map((tag) => (
              <UserText key={tag} text={tag} className="tag" />
            ))}
          </span>
        )}
      </dd>
      <dt>Notes</dt>
      <dd>{token.notes === '' ? <span className="hint">None</span> : <UserText text={token.notes} wrap />}</dd>
      <dt>Connection</dt>
      <dd>
        {detail.connection === null ? (
          <span className="hint">Not connected: Keyturn cannot rotate or verify it at the provider.</span>
        ) : (
          <>
            {PROVIDER_NAMES[detail.connection.provider]} at{' '}
            <UserText text={detail.connection.baseUrl} className="mono" />
          </>
        )}
      </dd>
    </dl>
  );
}
