/**
 * One IPC contract entry whose input schema is built on first use, not at import: building
 * all ~30 zod schemas cost every `keyturn` start ~15 ms, and a command parses one or two.
 * The getter keeps the schema's exact type, so ChannelInput / ParsedInput are unchanged.
 */
import type { z } from 'zod';

export interface ContractEntry<S extends z.ZodType, O> {
  readonly input: S;
  readonly output: O;
}

export function channel<S extends z.ZodType, O>(build: () => S, output: O): ContractEntry<S, O> {
  let schema: S | undefined;
  return {
    get input(): S {
      schema ??= build();
      return schema;
    },
    output,
  };
}
