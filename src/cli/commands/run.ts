/**
 * `keyturn run -- CMD`: resolve secrets, lock the vault, then run CMD with them in its
 * environment only. Our own stdout and environment never see a secret; CMD's exit code and
 * signal pass through.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { basename } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import { withApi, type CliApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { parseDotenv } from '../../main/transfer/dotenv';
import { readInputFile } from '../read-input-file';
import { isEnvName } from '../../shared/env-name';
import { isUriRef, parseTokenRef } from '../ref';
import { withoutSecretSettings } from '../secret-env';
import { UsageError } from '../usage-error';

type Binding = { readonly name: string; readonly ref: string | null; readonly literal: string };

function bindingsFromFlags(flags: readonly string[]): Binding[] {
  return flags.map((flag) => {
    const eq = flag.indexOf('=');
    const name = flag.slice(0, eq);
    if (eq <= 0 || !isEnvName(name)) throw new UsageError('--env must be NAME=REF');
    const ref = flag.slice(eq + 1);
    parseTokenRef(ref);
    return { name, ref, literal: '' };
  });
}

function bindingsFromFile(path: string): Binding[] {
  return parseDotenv(readInputFile(path)).map(([name, value]) =>
    isUriRef(value) ? { name, ref: value, literal: '' } : { name, ref: null, literal: value },
  );
}

function childEnv(parent: NodeJS.ProcessEnv, injected: ReadonlyMap<string, string>): NodeJS.ProcessEnv {
  // The child gets its secrets, not the keys to all of them.
  const env = withoutSecretSettings(parent);
  for (const [name, value] of injected) env[name] = value;
  return env;
}

function runChild(
  command: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const [file, ...rest] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file ?? '', rest, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', () => {
      for (const s of signals) process.off(s, forward);
      reject(new KeyturnError('NOT_FOUND', `Cannot run "${file ?? ''}"`));
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ code, signal });
    });
  });
}

/**
 * Node 20 reads `--env-file` itself wherever it appears (see bin/keyturn.cjs), so keyturn's own
 * option has another name, and the old one is refused with a pointer to it.
 */
function refuseEnvFile(args: readonly string[]): void {
  if (args.some((arg) => arg.startsWith('--env-file')))
    throw new UsageError('--env-file is an option of Node itself; use --dotenv FILE');
}

export async function runCommand(ctx: Context, args: string[]): Promise<number> {
  const dash = args.indexOf('--');
  if (dash < 0 || dash === args.length - 1)
    throw new UsageError('Usage: keyturn run [--env NAME=REF]... [--dotenv FILE] -- CMD [ARGS...]');
  refuseEnvFile(args.slice(0, dash));
  const { values } = parseCommand(
    args.slice(0, dash),
    { env: { type: 'string', multiple: true }, dotenv: { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  const bindings = [...(values.dotenv ? bindingsFromFile(values.dotenv) : []), ...bindingsFromFlags(values.env ?? [])];
  const injected = new Map<string, string>();
  const resolveAll = async (api: CliApi | null): Promise<void> => {
    for (const binding of bindings) {
      if (binding.ref === null || api === null) injected.set(binding.name, binding.literal);
      else {
        const ref = parseTokenRef(binding.ref);
        injected.set(binding.name, (await api.call('token:secret', { token: { ref }, purpose: 'run' })).secret);
      }
    }
  };
  const program = basename(args[dash + 1] ?? '');
  if (bindings.some((b) => b.ref !== null)) await withApi(ctx, resolveAll, { viaApp: `run ${program}` });
  else await resolveAll(null);
  const { code, signal } = await runChild(args.slice(dash + 1), childEnv(ctx.io.env, injected));
  if (signal) {
    process.kill(process.pid, signal);
    return 128 + (constants.signals[signal] ?? 0);
  }
  return code ?? 1;
}
