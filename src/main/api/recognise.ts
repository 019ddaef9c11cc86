/** What a pasted token tells about itself (offline), for handlers that store tokens. */
import type { ExpirySource, ProviderId, TokenKind } from '../../shared/model';

export interface Recognition {
  readonly provider: ProviderId | null;
  readonly kind: TokenKind | null;
  readonly expiresAt: number | null;
  readonly expirySource: ExpirySource | null;
}

/** Provider recognition is loaded on first use: `keyturn get` never needs it. */
export async function recogniser(): Promise<(secret: string) => Recognition> {
  const { detectToken } = await import('../providers/detect');
  return (secret) => {
    const detected = detectToken(secret);
    const known = detected.confidence !== 'low';
    return {
      provider: known ? detected.provider : null,
      kind: known ? detected.kind : null,
      expiresAt: detected.expiresAt,
      expirySource: detected.expirySource,
    };
  };
}
