/**
 * Entry of the `keyturn` binary. Commands load lazily so `keyturn get` pulls in only the vault.
 */
import { config as configureZod } from 'zod';
import { KeyturnError, toErrorData, type ErrorData } from '../shared/errors';
import type { KdfPolicy } from '../main/vault/types';
import { splitGlobals } from './args';
import { createContext, type Context } from './context';
import { EXIT, exitCodeFor } from './exit-codes';
import { COMMAND_HELP, globalHelp } from './help';
import type { CliIo } from './io';
import { Interrupted } from './interrupted';
import { createOutput } from './output';
import { UsageError } from './usage-error';
import { resolveVaultPath } from './vault-path';

/** A command resolves to its exit code; anything else (no value) means success. */
export type Command = (ctx: Context, args: string[]) => Promise<unknown>;

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  init: () => import('./commands/init').then((m) => m.initCommand),
  tenant: () => import('./commands/tenant').then((m) => m.tenantCommand),
  env: () => import('./commands/env').then((m) => m.envCommand),
  add: () => import('./commands/add').then((m) => m.addCommand),
  ls: () => import('./commands/ls').then((m) => m.lsCommand),
  get: () => import('./commands/get').then((m) => m.getCommand),
  copy: () => import('./commands/copy').then((m) => m.copyCommand),
  run: () => import('./commands/run').then((m) => m.runCommand),
  status: () => import('./commands/status').then((m) => m.statusCommand),
  passwd: () => import('./commands/passwd').then((m) => m.passwdCommand),
  lock: () => import('./commands/lock').then((m) => m.lockCommand),
  history: () => import('./commands/history').then((m) => m.historyCommand),
  audit: () => import('./commands/audit').then((m) => m.auditCommand),
  import: () => import('./commands/import').then((m) => m.importCommand),
  export: () => import('./commands/export').then((m) => m.exportCommand),
  connect: () => import('./commands/connect').then((m) => m.connectCommand),
  doctor: () => import('./commands/doctor').then((m) => m.doctorCommand),
  disconnect: () => import('./commands/disconnect').then((m) => m.disconnectCommand),
  rm: () => import('./commands/remove').then((m) => m.removeCommand),
  mv: () => import('./commands/remove').then((m) => m.moveCommand),
  create: () => import('./commands/lifecycle').then((m) => m.createCommand),
  rotate: () => import('./commands/lifecycle').then((m) => m.rotateCommand),
  revoke: () => import('./commands/lifecycle').then((m) => m.revokeCommand),
  verify: () => import('./commands/lifecycle').then((m) => m.verifyCommand),
  confirm: () => import('./commands/lifecycle').then((m) => m.confirmCommand),
  reconcile: () => import('./commands/reconcile').then((m) => m.reconcileCommand),
  '__clear-clipboard': () => import('./commands/copy').then((m) => m.clearClipboardHelper),
};

function printError(io: CliIo, json: boolean, error: ErrorData): void {
  createOutput(io, json).error(error);
}

function errorFrom(cause: unknown): { data: ErrorData; exit: number } {
  if (cause instanceof UsageError) {
    return { data: { code: 'INVALID_INPUT', message: cause.message }, exit: EXIT.usage };
  }
  if (cause instanceof KeyturnError) return { data: cause.toData(), exit: exitCodeFor(cause.code) };
  return { data: toErrorData(cause), exit: EXIT.error };
}

export interface MainOptions {
  /**
   * A KDF policy for vaults below the production floor. The shipped entry (main.ts) never sets
   * it; unit tests and bench/keyturn-bench-entry.ts do, as the vault's own tests do.
   */
  readonly kdfPolicy?: KdfPolicy;
}

export async function main(
  argv: readonly string[],
  io: CliIo,
  selfPath: string,
  options: MainOptions = {},
): Promise<number> {
  // A CLI process parses each schema about once, so zod's JIT (a `new Function` compiled per
  // object schema on first parse) costs far more than it saves. Set before any schema exists:
  // zod reads it when a schema is built.
  configureZod({ jitless: true });
  let json = argv.includes('--json');
  try {
    const { globals, rest } = splitGlobals(argv);
    json = globals.json;
    const [name, ...args] = rest;
    if (globals.version) {
      const { packageVersion } = await import('./version');
      io.stdout.write(`keyturn ${packageVersion(selfPath)}\n`);
      return EXIT.ok;
    }
    if (!name || (name === 'help' && args.length === 0)) {
      io.stdout.write(`${globalHelp()}\n`);
      return name || globals.help ? EXIT.ok : EXIT.usage;
    }
    const helpFor = name === 'help' ? (args[0] ?? '') : name;
    if (globals.help || name === 'help') {
      const text = COMMAND_HELP[helpFor];
      if (!text) throw new UsageError(`Unknown command "${helpFor}"`);
      io.stdout.write(`${text}\n`);
      return EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`Unknown command "${name}" (see keyturn --help)`);
    const out = createOutput(io, json);
    const vaultPath = resolveVaultPath(globals.vault, io.env);
    const ctx = createContext(io, out, vaultPath, globals.passwordStdin, selfPath, options.kdfPolicy, globals.noApp);
    const command = await load();
    const code = await command(ctx, args);
    return typeof code === 'number' ? code : EXIT.ok;
  } catch (cause) {
    // The prompt already ended its line; like a shell's Ctrl-C, nothing more is said.
    if (cause instanceof Interrupted) return EXIT.interrupted;
    const { data, exit } = errorFrom(cause);
    printError(io, json, data);
    return exit;
  }
}
