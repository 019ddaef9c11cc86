/**
 * The emulators' fault knobs from outside (`npm run emulators`): a small HTTP endpoint on
 * 127.0.0.1 only, so a user can make a provider fail and watch a rotation get through it.
 *
 *   GET    /                      the emulators and their URLs
 *   POST   /PROVIDER/faults       add a fault rule: {"fault": {...}, "method"?, "path"?, "pathPattern"?, "times"?}
 *   DELETE /PROVIDER/faults       clear that emulator's fault rules
 *   GET    /PROVIDER/keys         the keys the provider holds live (Satori, Haut.AI, SyftHub)
 *   GET    /PROVIDER/requests     method and path of every request it answered (never headers)
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { FaultRule } from './harness';

export interface ControlledEmulator {
  readonly url: string;
  inject(rule: FaultRule): void;
  clearFaults(): void;
  readonly requests: ReadonlyArray<{ readonly method: string; readonly path: string }>;
  /** Live keys, for providers whose emulator keeps them. */
  readonly keys?: () => unknown;
}

const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(120_000) }).strict(),
  z
    .object({
      kind: z.literal('status'),
      status: z.number().int().min(100).max(599),
      body: z.string().max(10_000).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('rate-limit'), retryAfter: z.string().max(100).optional() }).strict(),
  z.object({ kind: z.literal('malformed') }).strict(),
  z
    .object({
      kind: z.literal('huge-body'),
      bytes: z
        .number()
        .int()
        .min(1)
        .max(64 * 1024 * 1024),
    })
    .strict(),
  z.object({ kind: z.literal('drop-before') }).strict(),
  z.object({ kind: z.literal('drop-after-commit') }).strict(),
]);

const ruleSchema = z
  .object({
    fault: faultSchema,
    method: z
      .string()
      .regex(/^[A-Za-z]{1,10}$/)
      .optional(),
    path: z.string().max(500).optional(),
    pathPattern: z.string().max(500).optional(),
    times: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .refine((r) => r.path === undefined || r.pathPattern === undefined, {
    message: 'give path or pathPattern, not both',
  });

function toRule(body: z.infer<typeof ruleSchema>): FaultRule {
  const path = body.pathPattern === undefined ? body.path : new RegExp(body.pathPattern);
  return {
    fault: body.fault,
    ...(body.method === undefined ? {} : { method: body.method }),
    ...(path === undefined ? {} : { path }),
    ...(body.times === undefined ? {} : { times: body.times }),
  };
}

function send(res: ServerResponse, status: number, value?: unknown): void {
  res.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
  res.end(value === undefined ? '' : `${JSON.stringify(value)}\n`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  emulators: ReadonlyMap<string, ControlledEmulator>,
): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (pathname === '/' && req.method === 'GET')
    return send(res, 200, Object.fromEntries([...emulators].map(([name, e]) => [name, e.url])));
  const match = /^\/([a-z-]+)\/(faults|keys|requests)$/.exec(pathname);
  const emulator = match ? emulators.get(match[1] ?? '') : undefined;
  if (!match || !emulator)
    return send(res, 404, { error: `no such endpoint; emulators: ${[...emulators.keys()].join(', ')}` });
  if (match[2] === 'requests' && req.method === 'GET')
    return send(
      res,
      200,
      emulator.requests.map(({ method, path }) => ({ method, path })),
    );
  if (match[2] === 'keys' && req.method === 'GET')
    return emulator.keys
      ? send(res, 200, emulator.keys())
      : send(res, 404, { error: 'this emulator keeps no key list' });
  if (match[2] === 'faults' && req.method === 'DELETE') {
    emulator.clearFaults();
    return send(res, 204);
  }
  if (match[2] === 'faults' && req.method === 'POST') {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, { error: 'the body must be JSON (at most 64 KiB)' });
    }
    const parsed = ruleSchema.safeParse(body);
    if (!parsed.success)
      return send(res, 400, {
        error: parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; '),
      });
    emulator.inject(toRule(parsed.data));
    return send(res, 204);
  }
  return send(res, 405, { error: 'method not allowed' });
}

export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 only (`port` 0: any free port). */
export async function startControlServer(
  emulators: ReadonlyMap<string, ControlledEmulator>,
  port: number,
): Promise<ControlServer> {
  const server: Server = createServer((req, res) => {
    handle(req, res, emulators).catch(() => send(res, 500, { error: 'control endpoint failed' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      const closed = once(server, 'close');
      server.closeAllConnections();
      server.close();
      await closed;
    },
  };
}
