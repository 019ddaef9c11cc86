/**
 * keyturn writes its output straight to fd 1 (src/cli/io.ts fdOut), not through process.stdout:
 * the whole output must still arrive when the pipe is full and non-blocking (EAGAIN), and a
 * reader that went away (EPIPE, `| head`) must not turn into an error.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, BIN, ensureBuilt, initVault, keyturn, ROOT, tempDir, type RunOptions } from './harness';

const dir = tempDir('stdout');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: 'stdout password' } };
const TOKENS = 600;

beforeAll(async () => {
  await ensureBuilt();
  await initVault(asUser, ['acme/dev']);
  const lines = Array.from(
    { length: TOKENS },
    (_, i) => `SERVICE_${i}_KEY=sk_test_${String(i).padStart(4, '0')}_${'x'.repeat(200)}`,
  );
  writeFileSync(join(dir, 'many.env'), `${lines.join('\n')}\n`);
  expect((await keyturn(['import', join(dir, 'many.env'), '--into', 'acme/dev'], asUser)).code).toBe(0);
});

describe('keyturn output on fd 1', () => {
  it('arrives whole through a full non-blocking pipe that is read late', () => {
    // Node's spawn makes a child's stdio blocking, so a Python parent hands over a pipe whose
    // write end stays O_NONBLOCK, and reads it only after the child has filled it (64 KiB).
    const parent = [
      'import fcntl, os, subprocess, sys, time',
      'r, w = os.pipe()',
      'fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)',
      'child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)',
      'os.close(w)',
      'time.sleep(0.4)',
      'data = b"".join(iter(lambda: os.read(r, 65536), b""))',
      'err = child.stderr.read()',
      'sys.stdout.write(str(child.wait()) + " " + str(len(err)) + "\\n")',
      'sys.stdout.flush()',
      'os.write(1, data)',
    ].join('\n');
    const result = spawnSync('python3', ['-c', parent, process.execPath, BIN, 'env', 'acme/dev', '--format', 'json'], {
      env: baseEnv(asUser.env),
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const newline = result.stdout.indexOf('\n');
    const [code, stderrBytes] = result.stdout.slice(0, newline).split(' ');
    const text = result.stdout.slice(newline + 1);
    const values = JSON.parse(text) as Record<string, string>;
    console.log(
      `${text.length} bytes through a non-blocking pipe read after 400 ms, ${Object.keys(values).length} values`,
    );
    expect({ code, stderrBytes, stderr: result.stderr }).toEqual({ code: '0', stderrBytes: '0', stderr: '' });
    expect(text.length).toBeGreaterThan(1 << 16);
    expect(Object.keys(values)).toHaveLength(TOKENS);
    expect(values.SERVICE_599_KEY).toBe(`sk_test_0599_${'x'.repeat(200)}`);
  });

  it('ends quietly when the reader has gone away', () => {
    const quoted = [process.execPath, BIN, 'env', 'acme/dev'].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('bash', ['-c', `${quoted} | true; echo "status=\${PIPESTATUS[0]}"`], {
      env: baseEnv(asUser.env),
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('status=0');
    expect(result.stderr).toBe('');
  });
});
