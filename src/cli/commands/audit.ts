/** `keyturn audit [--verify]`: the audit log and its MAC chain check. */
import { EXIT } from '../exit-codes';
import { parseCommand, parseCount } from '../args';
import { withVault, type Context } from '../context';
import { table } from '../output';

export async function auditCommand(ctx: Context, args: string[]): Promise<number> {
  const { values } = parseCommand(
    args,
    { verify: { type: 'boolean' }, limit: { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  const limit = values.limit === undefined ? 50 : parseCount(values.limit, '--limit');
  return withVault(ctx, (vault) => {
    if (values.verify) {
      const verdict = vault.verifyAudit();
      ctx.out.data(verdict, () =>
        verdict.ok
          ? `Audit chain intact: ${verdict.entries} entries`
          : `Audit chain BROKEN at entry ${verdict.firstBrokenSeq} of ${verdict.entries}: ${verdict.reason}`,
      );
      return verdict.ok ? EXIT.ok : EXIT.error;
    }
    const entries = vault.listAudit({ limit });
    ctx.out.data(entries, () =>
      table(
        ['SEQ', 'AT', 'ACTION', 'SUBJECT', 'DETAIL'],
        entries.map((e) => [String(e.seq), new Date(e.at).toISOString(), e.action, e.subjectId ?? '-', e.detail]),
      ),
    );
    return EXIT.ok;
  });
}
