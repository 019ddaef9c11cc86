/**
 * Temporary directories for tests: a real folder under the OS temp dir, removed with everything
 * in it after the test file that made it (test/support/setup.ts runs removeTempDirs in afterAll).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new folder under `parent` (the OS temp dir unless a test needs it elsewhere). */
export function tempDir(prefix = 'test', parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `keyturn-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
