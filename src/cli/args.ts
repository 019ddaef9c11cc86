/** Argument parsing on node:util parseArgs; every mistake becomes a UsageError (exit 2). */
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export interface GlobalOptions {
  readonly vault: string | undefined;
  readonly json: boolean;
  readonly passwordStdin: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** --no-app: unlock the vault here even when the running app could answer. */
  readonly noApp: boolean;
}

const GLOBAL_VALUE = new Set(['--vault']);
const GLOBAL_FLAGS = new Set(['--json', '--password-stdin', '--no-app', '--help', '-h', '--version']);

/** Pulls global options out from anywhere before `--`; the rest keeps its order. */
export function splitGlobals(argv: readonly string[]): { globals: GlobalOptions; rest: string[] } {
  const rest: string[] = [];
  let vault: string | undefined;
  let json = false;
  let passwordStdin = false;
  let help = false;
  let version = false;
  let noApp = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--vault=')) vault = arg.slice('--vault='.length);
    else if (GLOBAL_VALUE.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      vault = value;
      i += 1;
    } else if (GLOBAL_FLAGS.has(arg)) {
      if (arg === '--json') json = true;
      else if (arg === '--password-stdin') passwordStdin = true;
      else if (arg === '--version') version = true;
      else if (arg === '--no-app') noApp = true;
      else help = true;
    } else rest.push(arg);
  }
  return { globals: { vault, json, passwordStdin, help, version, noApp }, rest };
}

export interface Parsed<T extends OptionSpec> {
  readonly values: {
    [K in keyof T]?: T[K]['multiple'] extends true ? string[] : T[K]['type'] extends 'boolean' ? boolean : string;
  };
  readonly positionals: string[];
}

export function parseCommand<T extends OptionSpec>(
  args: readonly string[],
  options: T,
  positionals: { min: number; max: number; names: string },
): Parsed<T> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (cause) {
    const message = cause instanceof Error ? (cause.message.split('\n')[0] ?? 'bad arguments') : 'bad arguments';
    throw new UsageError(message);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`Missing argument: ${positionals.names}`);
  if (count > positionals.max)
    throw new UsageError(`Unexpected argument "${parsed.positionals[positionals.max] ?? ''}"`);
  return parsed as Parsed<T>;
}

/** Parses a positive whole number option. */
export function parseCount(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number`);
  return Number(value);
}
