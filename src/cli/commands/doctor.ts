/**
 * `keyturn doctor TENANT/ENV [--provider P] [--lifecycle]`: what works against the provider behind
 * an environment's connection, one line per check; exit 5 when any check failed.
 */
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import { withApi } from '../api';
import { parseCommand } from '../args';
import type { Context } from '../context';
import { EXIT } from '../exit-codes';
import { table } from '../output';
import { parseEnvRef } from '../ref';
import { UsageError } from '../usage-error';

const MARKS = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skip: 'skip' } as const;

export async function doctorCommand(ctx: Context, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { provider: { type: 'string' }, lifecycle: { type: 'boolean' } },
    { min: 1, max: 1, names: 'TENANT/ENV' },
  );
  const ref = parseEnvRef(positionals[0] ?? '');
  const provider = values.provider;
  if (provider !== undefined && !(PROVIDER_IDS as readonly string[]).includes(provider))
    throw new UsageError(`--provider must be one of ${PROVIDER_IDS.join(', ')}`);
  return withApi(ctx, async (api) => {
    const report = await api.call('connection:doctor', {
      tenant: ref.tenant,
      environment: ref.environment,
      lifecycle: values.lifecycle === true,
      ...(provider === undefined ? {} : { provider: provider as ProviderId }),
    });
    ctx.out.data(report, () =>
      [
        `${report.provider} at ${report.baseUrl}`,
        table(
          ['CHECK', 'RESULT', 'DETAIL'],
          report.checks.map((c) => [c.name, MARKS[c.status], c.detail]),
        ),
        report.ok ? 'Everything tried works.' : 'Some checks failed (FAIL above).',
      ].join('\n'),
    );
    return report.ok ? EXIT.ok : EXIT.provider;
  });
}
