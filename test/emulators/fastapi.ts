import type { z } from 'zod';
import { json, type Reply, type RequestContext } from './harness';

/** Replies shaped like FastAPI's, shared by the Syft Space and SyftHub emulators. */
export const detail = (status: number, text: string, headers?: Record<string, string>): Reply =>
  json(status, { detail: text }, headers);

export const unauthorized = (text: string): Reply => detail(401, text, { 'www-authenticate': 'Bearer' });

/** FastAPI's 422 body for a request that fails its pydantic model. */
export function validationError(issues: readonly z.core.$ZodIssue[], where: 'body' | 'query', input: unknown): Reply {
  return json(422, {
    detail: issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return {
        type: missing ? 'missing' : issue.code === 'custom' ? 'value_error' : issue.code,
        loc: [where, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        msg: missing ? 'Field required' : issue.message,
        input: missing ? input : issue.input,
      };
    }),
  });
}

export type RouteHandler = (ctx: RequestContext, params: string[]) => Reply | Promise<Reply>;
export interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, RouteHandler>>;
}

/** Dispatches like Starlette: 405 for a known path with another method, 307 to the other slash form, else 404. */
export function dispatch(ctx: RequestContext, routes: readonly Route[]): Reply | Promise<Reply> {
  for (const route of routes) {
    const match = route.pattern.exec(ctx.path);
    if (match === null) continue;
    const handler = route.methods[ctx.method];
    return handler === undefined ? detail(405, 'Method Not Allowed') : handler(ctx, match.slice(1));
  }
  const other = ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : `${ctx.path}/`;
  if (routes.some((r) => r.pattern.test(other))) {
    const search = ctx.query.toString();
    return { status: 307, headers: { location: `${ctx.baseUrl}${other}${search === '' ? '' : `?${search}`}` } };
  }
  return detail(404, 'Not Found');
}
