/**
 * The launcher's fast path (bin/keyturn.cjs): `keyturn get REF [--json] [--vault PATH]` through
 * the running app, bundled apart (out/cli/keyturn-app.cjs) so that asking the app loads this and
 * the protocol (no zod: see app-frame-guard.ts), not the whole CLI (~400 KB: the vault, the
 * handlers, zod). It prints
 * exactly what the full `get` prints. Null means "not mine": anything else, or no app to ask, and
 * the launcher starts the full CLI, which decides again (and unlocks directly if need be).
 */
import { toErrorData } from '../shared/errors';
import { openAppLink } from './app-client';
import { wantsApp } from './app-choice';
import { splitGlobals } from './args';
import { exitCodeFor } from './exit-codes';
import { processIo } from './io';
import { createOutput } from './output';
import { parseTokenRef, type TokenRef } from './ref';
import { resolveVaultPath } from './vault-path';

interface GetRequest {
  readonly ref: TokenRef;
  readonly text: string;
  readonly json: boolean;
  readonly vault: string | undefined;
}

/** `get REF` with no other options, or null. */
function asGet(argv: readonly string[], env: NodeJS.ProcessEnv): GetRequest | null {
  try {
    const { globals, rest } = splitGlobals(argv);
    const [command, text, ...more] = rest;
    if (command !== 'get' || text === undefined || text.startsWith('-') || more.length > 0 || globals.help) return null;
    if (!wantsApp(globals.noApp, globals.passwordStdin, env)) return null;
    return { ref: parseTokenRef(text), text, json: globals.json, vault: globals.vault };
  } catch {
    // A usage mistake: the full CLI says what is wrong, word for word as always.
    return null;
  }
}

export async function getViaApp(argv: readonly string[]): Promise<number | null> {
  const env = process.env;
  const request = asGet(argv, env);
  if (request === null) return null;
  const out = createOutput(processIo(), request.json);
  try {
    const vaultPath = resolveVaultPath(request.vault, env);
    const opening = await openAppLink({ vaultPath, env, command: 'get' });
    if (opening.kind === 'absent') return null;
    if (opening.kind === 'refused') {
      out.error(opening.error);
      return exitCodeFor(opening.error.code);
    }
    try {
      const result = await opening.link.call('token:secret', { token: { ref: request.ref }, purpose: 'get' });
      if (!result.ok) {
        out.error(result.error);
        return exitCodeFor(result.error.code);
      }
      const { secret, expiresAt } = result.value;
      out.data({ ref: request.text, secret, expiresAt }, () => secret);
      return 0;
    } finally {
      opening.link.close();
    }
  } catch (cause) {
    const error = toErrorData(cause);
    out.error(error);
    return exitCodeFor(error.code);
  }
}
