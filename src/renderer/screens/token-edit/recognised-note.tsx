import type { TokenRecognition } from '../../../shared/window-views';
import { dateWords } from '../../lib/time-words';
import { ENVIRONMENT_KIND_NAMES, PROVIDER_NAMES, TOKEN_KIND_NAMES } from '../../lib/words';

/** What Keyturn recognised in the paste, in words (nothing was sent anywhere). */
export function RecognisedNote({
  recognition,
}: {
  readonly recognition: TokenRecognition | null;
}): React.JSX.Element | null {
  if (recognition === null) return null;
  const parts: string[] = [];
  if (recognition.provider !== null) parts.push(PROVIDER_NAMES[recognition.provider]);
  if (recognition.kind !== null) parts.push(TOKEN_KIND_NAMES[recognition.kind]);
  if (recognition.environmentKind !== null) parts.push(ENVIRONMENT_KIND_NAMES[recognition.environmentKind]);
  const what = parts.length === 0 ? 'Not recognised: fill in the fields below.' : `Recognised: ${parts.join(' · ')}.`;
  return (
    <p className="info-box recognised" role="status">
      <span>{what}</span>
      {recognition.expiresAt !== null && (
        <span className="hint">
          Expires {dateWords(recognition.expiresAt)} (
          {recognition.expirySource === 'jwt' ? 'read from the token' : 'as the provider says'}).
        </span>
      )}
    </p>
  );
}
