/**
 * Sentences for input a schema refused: the field by a human name and the rule it broke, never
 * the value given (it may be a password). Users saw "Invalid input for vault:create: password: …"
 * and "entries.1.1: Too big" (issue 9); the api's handlers and the vault's validation both speak
 * through here now.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const FIELD_NAMES: Readonly<Record<string, string>> = {
  password: 'The master password',
  newPassword: 'The new master password',
  name: 'The name',
  tenant: 'The tenant name',
  environment: 'The environment name',
  label: 'The label',
  secret: 'The token',
  token: 'The token reference',
  expiresAt: 'The expiry',
  tags: 'The tags',
  notes: 'The notes',
  baseUrl: 'The base URL',
  username: 'The username',
  limit: 'The limit',
  withinDays: 'The number of days',
  expiringWithinDays: 'The number of days',
  clearAfterSeconds: 'The clipboard delay in seconds',
  entries: 'The list of variables',
  passphrase: 'The backup passphrase',
  backup: 'The backup file',
  kdf: 'The key derivation choice',
  query: 'The search text',
};

/** `connectionId` → "The connection id": no field reaches a user under its code name. */
function wordsOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `The ${words}`;
}

/** The human name of the field at `path`, e.g. ['entries', 1, 1] → "The value of variable 2". */
export function fieldName(path: Path, whole = 'The input'): string {
  const [first, index, part] = path;
  if (first === 'entries' && typeof index === 'number')
    return part === 0 ? `The name of variable ${index + 1}` : `The value of variable ${index + 1}`;
  if (first === 'tags' && typeof index === 'number') return `Tag ${index + 1}`;
  if (first === 'settings' && path.length > 1) return 'A setting';
  if (first === 'credential' && path[1] === 'token') return 'The management token';
  if (first === 'credential' && path[1] === 'password') return 'The password';
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (key === undefined) return whole;
  return FIELD_NAMES[key] ?? wordsOf(key);
}

/** zod's own English messages; anything else was written by us and is kept. */
const DEFAULT_MESSAGE = /^(Too (small|big)|Invalid|Unrecognized)/;

function builtInRule(issue: Issue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must have at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return min <= 1 ? 'must not be empty' : `needs at least ${min} items`;
      return `must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `is too long: at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `has too many items: at most ${max}`;
      return `must be at most ${max}`;
    }
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return 'is missing';
      return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return 'has unexpected fields';
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL' : 'has the wrong format';
    default:
      return 'is not valid';
  }
}

/** One issue as a sentence: "The label is too long: at most 500 characters". */
export function describeIssue(issue: Issue, whole = 'The input'): string {
  const field = fieldName(issue.path, whole);
  if (DEFAULT_MESSAGE.test(issue.message)) return `${field} ${builtInRule(issue)}`;
  // Our own messages: a whole sentence stands alone, a rule ("must not be empty") follows the field.
  return /^[A-Z]/.test(issue.message) ? issue.message : `${field} ${issue.message}`;
}

/** The first issues (at most two) as one line. */
export function describeIssues(issues: readonly Issue[], whole = 'The input'): string {
  return issues
    .slice(0, 2)
    .map((issue) => describeIssue(issue, whole))
    .join('; ');
}
