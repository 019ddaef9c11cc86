/** `keyturn audit [--verify]`: the audit log and its MAC chain check. */
import { withApi } from '../api';
import { parseCommand, parseCount } from '../args';
import type { Context } from '../context';
import { EXIT } from '../exit-codes';
import { table } from '../output';
import { UsageError } from '../usage-error';

export async function auditCommand(ctx: Context, args: string[]): Promise<number> {
  const { values } = parseCommand(
    args,
    { verify: { type: 'boolean' }, limit: { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  const limit = values.limit === undefined ? 50 : parseCount(values.limit, '--limit');
  if (limit < 1) throw new UsageError('--limit must be at least 1');
  return withApi(ctx, async (api) => {
    if (values.verify) {
      const verdict = await api.call('audit:verify', {});
      ctx.out.data(verdict, () =>
        verdict.ok
          ? `Audit chain intact: ${verdict.entries} entries`
          : `Audit chain BROKEN at entry ${verdict.firstBrokenSeq} of ${verdict.entries}: ${verdict.reason}`,
      );
      return verdict.ok ? EXIT.ok : EXIT.error;
    }
    const entries = await api.call('audit:list', { limit });
    ctx.out.data(entries, () =>
      table(
        ['SEQ', 'AT', 'ACTION', 'SUBJECT', 'DETAIL'],
        entries.map((e) => [String(e.seq), new Date(e.at).toISOString(), e.action, e.subjectId ?? '-', e.detail]),
      ),
    );
    return EXIT.ok;
  });
}
