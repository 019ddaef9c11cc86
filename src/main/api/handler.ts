/**
 * The one pattern every handler follows: parse the input with the channel's schema, run,
 * and turn whatever happens into a Result. Electron IPC, the browser test bridge and the
 * CLI all call handlers made here. Input problems become sentences (shared/input-sentences.ts)
 * that name the field and the rule, never the value.
 */
import type { z } from 'zod';
import { err, ok, toErrorData, type Result } from '../../shared/errors';
import { describeInputIssues } from '../../shared/input-sentences';
import { IPC_CONTRACT, type Channel, type ChannelOutput, type ParsedInput } from '../../shared/ipc';
import type { AppContext } from './context';

export type Handler<C extends Channel> = (input: unknown) => Promise<Result<ChannelOutput<C>>>;

export type ApiHandlers = { readonly [C in Channel]: Handler<C> };

/** A handler's body: typed input in, output out; throws KeyturnError for expected failures. */
export type HandlerBody<C extends Channel> = (
  input: ParsedInput<C>,
  context: AppContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerBodies<C extends Channel> = { readonly [K in C]: HandlerBody<K> };

export function makeHandler<C extends Channel>(channel: C, body: HandlerBody<C>, context: AppContext): Handler<C> {
  // TypeScript cannot narrow the union of schemas by a generic key; the map guarantees the pairing.
  const schema = IPC_CONTRACT[channel].input as unknown as z.ZodType<ParsedInput<C>>;
  return async (input) => {
    const given = input ?? {};
    const parsed = schema.safeParse(given);
    if (!parsed.success) return err('INVALID_INPUT', describeInputIssues(parsed.error.issues, given));
    try {
      return ok(await body(parsed.data, context));
    } catch (cause) {
      return { ok: false, error: toErrorData(cause) };
    }
  };
}
