/**
 * Input problems as sentences people can act on ("The label is too long: at most 500
 * characters."), never "Invalid input for vault:create: password: …". Used by the api's handler
 * (every IPC channel, the window and the CLI alike) and by the vault's own validation.
 * A sentence names the field and the rule, never the value given: it may be a password.
 */

/** The parts of a zod issue the sentences use (structural, so any zod issue fits). */
export interface InputIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly origin?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly format?: unknown;
}

/** What each field is called in a sentence; other names are spelled out from camelCase. */
const FIELD_NOUNS: Readonly<Record<string, string>> = {
  password: 'the master password',
  newPassword: 'the new master password',
  currentPassword: 'the current master password',
  recoveryKey: 'the recovery key',
  passphrase: 'the backup passphrase',
  name: 'the name',
  label: 'the label',
  tenant: 'the tenant name',
  environment: 'the environment name',
  secret: 'the token value',
  value: 'the value',
  tags: 'the tags',
  notes: 'the notes',
  kind: 'the kind',
  provider: 'the provider',
  expiresAt: 'the expiry',
  baseUrl: 'the base URL',
  settings: 'the provider settings',
  credential: 'the credential',
  username: 'the username',
  token: 'the token',
  tokenId: 'the token',
  tenantId: 'the tenant',
  environmentId: 'the environment',
  journalId: 'the rotation',
  query: 'the search text',
  text: 'the search text',
  rotationPolicy: 'the rotation policy',
  everyDays: 'the rotation interval in days',
  daysBeforeExpiry: 'the days before expiry',
  graceMinutes: 'the grace period in minutes',
  limit: 'the number of rows',
  clearAfterSeconds: 'the clipboard delay in seconds',
  withinDays: 'the number of days',
  expiringWithinDays: 'the number of days',
  offset: 'the first row',
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  object: 'a set of fields',
  array: 'a list',
};

export function describeInputIssues(issues: readonly InputIssue[], input: unknown): string {
  if (issues.length === 0) return 'The request is not valid.';
  return issues
    .slice(0, 2)
    .map((issue) => describeInputIssue(issue, input))
    .join(' ');
}

export function describeInputIssue(issue: InputIssue, input: unknown): string {
  const noun = nounOf(issue.path);
  const Noun = capitalise(noun);
  // The vault's own rules read after the field's name: "must not contain control characters".
  if (/^must\b/.test(issue.message)) return `${Noun} ${issue.message}.`;
  // A rule written as a whole sentence ("The expiry must be no later than the year 9999") is kept.
  if (/^The \w/.test(issue.message)) return sentence(issue.message);
  switch (issue.code) {
    case 'too_small':
      return tooSmall(issue, noun, Noun);
    case 'too_big':
      return tooBig(issue, Noun);
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? `${Noun} is missing.`
        : `${Noun} must be ${TYPE_WORDS[String(issue.expected)] ?? 'of another type'}.`;
    case 'invalid_value':
      return `${Noun} must be ${oneOf(issue.values ?? [])}.`;
    case 'invalid_format':
      return issue.format === 'url' ? `${Noun} is not a valid URL.` : `${Noun} is not in the expected format.`;
    case 'unrecognized_keys':
      return `Keyturn does not accept ${plural(issue.keys?.length ?? 0, 'the field', 'the fields')} ${fieldList(issue.keys ?? [])}.`;
    case 'invalid_union':
      return `${Noun} is not one of the accepted forms.`;
    case 'custom':
      return sentence(issue.message);
    default:
      return `${Noun} is not valid.`;
  }
}

function tooSmall(issue: InputIssue, noun: string, Noun: string): string {
  const min = Number(issue.minimum);
  if (issue.origin === 'string')
    return min <= 1 ? `Enter ${noun}.` : `${Noun} is too short: use at least ${min} characters.`;
  if (issue.origin === 'array') return `${Noun} needs at least ${min} ${min === 1 ? 'item' : 'items'}.`;
  return `${Noun} must be at least ${min}.`;
}

function tooBig(issue: InputIssue, Noun: string): string {
  const max = Number(issue.maximum);
  if (issue.origin === 'string') return `${Noun} is too long: at most ${max} characters.`;
  if (issue.origin === 'array') return `${Noun} has too many items: at most ${max}.`;
  return `${Noun} must be at most ${max}.`;
}

/** The last named segment says what the field is; an index says which one ("tag 3"). */
function nounOf(path: readonly PropertyKey[]): string {
  const [first, index, part] = path;
  // An import's variables are pairs: ['entries', 1, 1] is the value of the second variable.
  if (first === 'entries' && typeof index === 'number')
    return `the ${part === 0 ? 'name' : 'value'} of variable ${index + 1}`;
  if (first === 'credential' && index === 'token') return 'the management token';
  if (first === 'credential' && index === 'password') return 'the account password';
  const named = [...path].reverse().find((key): key is string => typeof key === 'string');
  if (named === undefined) return 'the request';
  const noun = FIELD_NOUNS[named] ?? `the ${named.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()}`;
  const last = path[path.length - 1];
  return typeof last === 'number' ? `${noun} (item ${last + 1})` : noun;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function oneOf(values: readonly unknown[]): string {
  const words = values.map((value) => (typeof value === 'string' ? `“${value}”` : String(value)));
  if (words.length === 1) return words[0] ?? 'set';
  return `one of ${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Field names the caller sent (not values), shortened and stripped of anything unprintable. */
function fieldList(keys: readonly string[]): string {
  const shown = keys.slice(0, 3).map((key) => `“${key.replace(/[^\p{L}\p{N}_.-]/gu, '').slice(0, 40)}”`);
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(', ');
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  const trimmed = capitalise(text.trim());
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
