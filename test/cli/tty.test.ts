import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { BIN, baseEnv, ensureBuilt, initVault, keyturn, tempDir } from './harness';

const PASSWORD = 'typed at a terminal';
const dir = tempDir('tty');
const vault = join(dir, 'vault.db');
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;

/**
 * Runs keyturn on a pseudo-terminal (util-linux `script`). Each answer is typed once its prompt
 * shows, in order; a plain string answers the master password prompt followed by Enter.
 */
function onTerminal(
  args: string[],
  answers: string | readonly (readonly [prompt: string, typed: string])[],
): Promise<{ code: number | null; output: string }> {
  const queue = typeof answers === 'string' ? [['password: ', `${answers}\n`] as const] : [...answers];
  return new Promise((resolve, reject) => {
    const command = ['node', '--', BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: baseEnv({ KEYTURN_VAULT: vault }),
      stdio: 'pipe',
    });
    let output = '';
    let seen = 0;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      const next = queue[0];
      const at = next === undefined ? -1 : output.indexOf(next[0], seen);
      if (next !== undefined && at >= 0) {
        queue.shift();
        seen = at + next[0].length;
        child.stdin.write(next[1]);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  await ensureBuilt();
  const env = { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: PASSWORD };
  await initVault({ env }, ['acme/dev']);
  expect((await keyturn(['add', 'acme/dev/api'], { env, stdin: 'sk_tty_secret_value\n' })).code).toBe(0);
  satori = await startSatoriEmulator();
  const connect = ['connect', 'acme/dev', 'satori', '--base-url', satori.url, '--tenant-id', satori.seed.tenantId];
  expect((await keyturn(connect, { env, stdin: `${satori.seed.bootstrapToken}\n` })).code).toBe(0);
  expect((await keyturn(['create', 'acme/dev/ci'], { env })).code).toBe(0);
});

afterAll(async () => {
  await satori.close();
});

describe('keyturn on a terminal', () => {
  it('asks for the password without echoing it', async () => {
    const result = await onTerminal(['get', 'acme/dev/api'], PASSWORD);
    expect(result.code).toBe(0);
    expect(result.output).toContain('Master password: ');
    expect(result.output).toContain('sk_tty_secret_value');
    expect(result.output).not.toContain(PASSWORD);
  });

  it('answers a wrong typed password with exit 3', async () => {
    const result = await onTerminal(['get', 'acme/dev/api'], 'not it');
    expect(result.code).toBe(3);
    expect(result.output).toContain('Wrong password');
    expect(result.output).not.toContain('not it');
  });

  it('stops with exit 130 on Ctrl-C at the password prompt, printing nothing', async () => {
    const result = await onTerminal(['get', 'acme/dev/api'], [['password: ', '\x03']]);
    expect(result.code).toBe(130);
    expect(result.output).not.toContain('sk_tty_secret_value');
    expect(result.output).not.toContain('keyturn:');
  });

  it('stops with exit 130 on Ctrl-C at a later prompt and stores nothing', async () => {
    const result = await onTerminal(
      ['add', 'acme/dev/interrupted-add'],
      [
        ['password: ', `${PASSWORD}\n`],
        ['Token: ', '\x03'],
      ],
    );
    expect(result.code).toBe(130);
    const listed = await keyturn(['ls', 'acme/dev', '--json'], {
      env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: PASSWORD },
    });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('acme/dev/api');
    expect(listed.stdout).not.toContain('interrupted-add');
  });

  it('answers Ctrl-D at a prompt with a clear error instead of a silent exit 0', async () => {
    const result = await onTerminal(['get', 'acme/dev/api'], [['password: ', '\x04']]);
    expect(result.code).toBe(2);
    expect(result.output).toContain('keyturn: The input ended before an answer to "Master password:"');
  });

  it('shows progress while importing', async () => {
    const file = join(dir, 'many.env');
    writeFileSync(file, Array.from({ length: 250 }, (_, i) => `VAR_${i}=value-${i}`).join('\n'));
    const result = await onTerminal(['import', file, '--into', 'acme/dev'], PASSWORD);
    expect(result.code).toBe(0);
    expect(result.output).toContain('imported 100/250');
    expect(result.output).toContain('imported 250/250');
    expect(result.output).toContain('250 added');
    expect(result.output).not.toContain(PASSWORD);
  });

  it('shows each rotation step as it is committed', async () => {
    const result = await onTerminal(['rotate', 'acme/dev/ci'], PASSWORD);
    expect(result.code).toBe(0);
    const steps = [...result.output.matchAll(/step: ([a-z-]+)/g)].map((m) => m[1]);
    expect(steps).toEqual(expect.arrayContaining(['created', 'tested', 'promoted', 'done']));
    expect(steps.indexOf('created')).toBeLessThan(steps.indexOf('done'));
    console.log(`rotation steps shown: ${steps.join(' → ')}`);
  });
});
