/** `keyturn --version`: the version in the package.json next to the launcher's folder (bin/..). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageVersion(selfPath: string): string {
  try {
    const text = readFileSync(join(dirname(selfPath), '..', 'package.json'), 'utf8');
    const version: unknown = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
