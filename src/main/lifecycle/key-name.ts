/**
 * Provider-side names of keys Keyturn creates. The name carries the journal (rotation) id so that a
 * key created just before a crash, whose secret never reached the vault, can be found and revoked.
 */
const PREFIX = 'keyturn';
/** SyftHub allows 1–100 characters; the others state no limit, so the smallest one wins. */
export const MAX_KEY_NAME_LENGTH = 100;
const NAME_PATTERN = /^keyturn:[a-z0-9-]*:([A-Za-z0-9_-]+)$/;

/** Lower case, each run of other characters one dash (so a dash never follows a dash), none at either end. */
function slugify(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function keyNameFor(label: string, journalId: string): string {
  const room = MAX_KEY_NAME_LENGTH - PREFIX.length - journalId.length - 2;
  if (room < 0) throw new Error('Journal id too long for a provider key name');
  const slug = slugify(label).slice(0, room).replace(/-$/, '');
  return `${PREFIX}:${slug}:${journalId}`;
}

/** The journal id inside a Keyturn key name, or null for any other name. */
export function journalIdOf(name: string): string | null {
  const match = NAME_PATTERN.exec(name);
  return match?.[1] ?? null;
}
