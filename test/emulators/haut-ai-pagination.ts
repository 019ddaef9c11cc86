import { json, type Reply, type RequestContext } from './harness';
import { notFound } from './haut-ai-errors';

/** DRF PageNumberPagination: `count, next, previous, results`, `next`/`previous` absolute URLs or null. */
export function paginate<T>(
  ctx: RequestContext,
  rows: readonly T[],
  defaultPageSize: number,
  maxPageSize = 100,
): Reply {
  const sizeParam = Number.parseInt(ctx.query.get('page_size') ?? '', 10);
  const pageSize = Number.isFinite(sizeParam) && sizeParam > 0 ? Math.min(sizeParam, maxPageSize) : defaultPageSize;
  const pageParam = ctx.query.get('page') ?? '1';
  const page = pageParam === 'last' ? Math.max(1, Math.ceil(rows.length / pageSize)) : Number.parseInt(pageParam, 10);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > pages) return notFound('Invalid page.');
  const link = (target: number): string => {
    const params = new URLSearchParams(ctx.query);
    if (target === 1) params.delete('page');
    else params.set('page', String(target));
    const search = params.toString();
    return `${ctx.baseUrl}${ctx.path}${search === '' ? '' : `?${search}`}`;
  };
  return json(200, {
    count: rows.length,
    next: page < pages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: rows.slice((page - 1) * pageSize, page * pageSize),
  });
}
