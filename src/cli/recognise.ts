/** What a pasted token tells about itself, via the providers' offline recognition. */
import { detectToken } from '../main/providers/detect';
import type { ExpirySource, ProviderId, TokenKind } from '../shared/model';

export interface Recognition {
  readonly provider: ProviderId | null;
  readonly kind: TokenKind | null;
  readonly expiresAt: number | null;
  readonly expirySource: ExpirySource | null;
}

export function recognise(secret: string): Recognition {
  const detected = detectToken(secret);
  const known = detected.confidence !== 'low';
  return {
    provider: known ? detected.provider : null,
    kind: known ? detected.kind : null,
    expiresAt: detected.expiresAt,
    expirySource: detected.expirySource,
  };
}
