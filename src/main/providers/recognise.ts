/** What a pasted token tells about itself (offline), for handlers that store tokens. */
import type { ExpirySource, ProviderId, TokenKind } from '../../shared/model';

export interface Recognition {
  readonly provider: ProviderId | null;
  readonly kind: TokenKind | null;
  readonly expiresAt: number | null;
  readonly expirySource: ExpirySource | null;
}

/**
 * Provider recognition is loaded on first use: `keyturn get` never needs it. With the provider
 * the user named, the kind is the one that value has for that provider (a Syft Space admin key).
 */
export async function recogniser(): Promise<(secret: string, provider?: ProviderId) => Recognition> {
  const { detectToken, kindFor } = await import('../providers/detect');
  return (secret, provider) => {
    const detected = detectToken(secret);
    const known = detected.confidence !== 'low';
    const kind = provider !== undefined && provider !== detected.provider ? kindFor(provider, secret) : null;
    return {
      provider: known ? detected.provider : null,
      kind: kind ?? (known ? detected.kind : null),
      expiresAt: detected.expiresAt,
      expirySource: detected.expirySource,
    };
  };
}
