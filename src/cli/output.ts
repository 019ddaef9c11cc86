/** Printing results and errors: human lines by default, JSON with --json. */
import type { ErrorData } from '../shared/errors';
import type { CliIo } from './io';

export interface Output {
  readonly json: boolean;
  /** Data for stdout: JSON-encoded with --json, else the human rendering. */
  data(value: unknown, human: () => string): void;
  /** A plain line on stdout (human mode only; --json prints nothing). */
  line(text: string): void;
  /** Status or warning on stderr; never data. */
  note(text: string): void;
  /** Step-by-step progress, only when stderr is a terminal. */
  progress(text: string): void;
  error(error: ErrorData): void;
}

export function createOutput(io: CliIo, json: boolean): Output {
  // Asked on first progress line: touching stderr creates its stream, which `get` never needs.
  const isTty = (): boolean => io.stderr.isTTY === true;
  return {
    json,
    data(value, human) {
      if (json) io.stdout.write(`${JSON.stringify(value)}\n`);
      else {
        const text = human();
        if (text.length > 0) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      }
    },
    line(text) {
      if (!json) io.stdout.write(`${text}\n`);
    },
    note(text) {
      io.stderr.write(`${text}\n`);
    },
    progress(text) {
      if (isTty()) io.stderr.write(`… ${text}\n`);
    },
    error(error) {
      if (json) io.stderr.write(`${JSON.stringify({ error })}\n`);
      else io.stderr.write(`keyturn: ${error.message}\n`);
    },
  };
}

/** Fixed-width columns for human tables. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n');
}

/** A stored time for tables: ISO-8601 to the second, `-` when unknown, never a crash on a bad one. */
export function formatTime(at: number | null): string {
  if (at === null) return '-';
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
