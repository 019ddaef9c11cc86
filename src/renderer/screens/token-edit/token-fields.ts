/** Choices and parsing shared by the add and edit forms. */
import { PROVIDER_IDS, TOKEN_KINDS } from '../../../shared/model';
import { PROVIDER_NAMES, TOKEN_KIND_NAMES } from '../../lib/words';

export const PROVIDER_OPTIONS = PROVIDER_IDS.map((id) => ({ value: id, label: PROVIDER_NAMES[id] }));
export const KIND_OPTIONS = TOKEN_KINDS.map((kind) => ({ value: kind, label: TOKEN_KIND_NAMES[kind] }));

/** "a, b ,c" → ["a", "b", "c"] (empty parts dropped). */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
