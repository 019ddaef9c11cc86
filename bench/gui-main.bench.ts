/**
 * The window's main-side cost per action at 10k and 100k tokens, through the real handlers
 * (input parsed, query run, answer built) plus the structured clone of the answer (what Electron's
 * IPC does to every answer; v8.serialize gives its size). Compared with the old surface, which
 * sent the whole match set per keystroke (tokens:search). The Chromium side (paint) is issue 12's
 * `npm run bench:gui`. The machine is shared, so each cost is this process's CPU time (what the
 * work costs, whatever the load) with the wall time beside it. Run: npm run bench:gui-main
 */
import { rmSync } from 'node:fs';
import { serialize } from 'node:v8';
import { createApiHandlers, type ApiHandlers } from '../src/main/api';
import { systemClock } from '../src/main/api/ports';
import { forgetTokenWindows } from '../src/main/api/token-window';
import type { Vault } from '../src/main/vault/types';
import type { Result } from '../src/shared/errors';
import { createTestContext } from '../test/support/api-fixture';
import { buildBenchVault } from './gui/bench-vault';

const SIZES = [10_000, 100_000];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const PASSWORD = 'bench password';
const KEYSTROKES = ['s', 'se', 'ser', 'serv', 'servi', 'servic', 'service', 'service-', 'service-4', 'service-42'];
const TEXTS = [...KEYSTROKES, 'team-1', 'prod', 'zzz', 'a', 'e'];
const ROWS = 60;

/** CPU and wall milliseconds of the handler, CPU ms of the clone, bytes cloned. */
interface Cost {
  readonly cpu: number;
  readonly wall: number;
  readonly clone: number;
  readonly bytes: number;
}
type Call = () => Promise<Result<unknown>>;

const cpuNow = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/**
 * One handler call and the structured clone of its answer, as IPC would make it. Each IPC message
 * is its own task in main, so one turn of the event loop comes first (not measured): work a query
 * left for idle turns (an order sorted after a first query's selected rows) starts there, as it would.
 */
async function measure(call: Call): Promise<Cost & { value: unknown }> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const [wall, cpu] = [performance.now(), cpuNow()];
  const answer = value(await call());
  const done = [performance.now() - wall, cpuNow() - cpu] as const;
  const cloneCpu = cpuNow();
  structuredClone(answer);
  return { wall: done[0], cpu: done[1], clone: cpuNow() - cloneCpu, bytes: serialize(answer).length, value: answer };
}

async function medianCost(calls: readonly Call[]): Promise<Cost> {
  const costs: Cost[] = [];
  for (const call of calls) costs.push(await measure(call));
  const pick = (key: keyof Cost): number => median(costs.map((c) => c[key]));
  return { cpu: pick('cpu'), wall: pick('wall'), clone: pick('clone'), bytes: pick('bytes') };
}

/**
 * As the window does after unlock (ui-slice.ts `vaultOpened`): the sidebar's outline (the list
 * decrypted by its first use), then the first rows (selected), then main's idle turns until the
 * work done after the first rows (the full sort, the search haystacks) is finished.
 */
async function coldStart(api: ApiHandlers, first: Call, vault: () => Vault): Promise<Record<string, Cost>> {
  value(await api['vault:lock']({}));
  gc();
  const unlock = await measure(() => api['vault:unlock']({ password: PASSWORD }));
  const outline = await measure(() => api['vault:outline']({}));
  const firstRows = await measure(first);
  const [wall, cpu] = [performance.now(), cpuNow()];
  while (!vault().prepareSearch(0)) await new Promise<void>((resolve) => setImmediate(resolve));
  const after = { cpu: cpuNow() - cpu, wall: performance.now() - wall, clone: 0, bytes: 0 };
  return { unlock, outlineFirst: outline, firstRows, after };
}

async function benchSize(size: number): Promise<Record<string, Cost>> {
  const dir = buildBenchVault(size, PASSWORD);
  const { context } = createTestContext(dir, { clock: systemClock() });
  const api = createApiHandlers(context);
  const window =
    (input: Record<string, unknown>): Call =>
    () =>
      api['tokens:window']({ limit: ROWS, ...input });
  value(await api['vault:unlock']({ password: PASSWORD }));
  const vault = (): Vault => {
    const current = context.session.current();
    if (current.state !== 'unlocked') throw new Error('locked');
    return current.vault;
  };
  const colds: Record<string, Cost>[] = [];
  for (let i = 0; i < 3; i++) colds.push(await coldStart(api, window({}), vault));
  const cold = (key: string): Cost => {
    const costs = colds.map((c) => c[key] as Cost);
    const pick = (k: keyof Cost): number => median(costs.map((c) => c[k]));
    return { cpu: pick('cpu'), wall: pick('wall'), clone: pick('clone'), bytes: pick('bytes') };
  };
  const session = context.session.current();
  if (session.state !== 'unlocked') throw new Error('locked');
  const r: Record<string, Cost> = {
    unlock: cold('unlock'),
    outlineFirst: cold('outlineFirst'),
    firstRows: cold('firstRows'),
    after: cold('after'),
    keystroke: await medianCost(TEXTS.map((text) => window({ text }))),
    search: await medianCost(TEXTS.map((query) => () => api['tokens:search']({ query }))),
    scroll: await medianCost([0.1, 0.3, 0.5, 0.7, 0.9].map((at) => window({ offset: Math.floor(size * at) }))),
    expiryFirst: await measure(window({ sort: 'expiry' })),
  };
  r['expiryWarm'] = await medianCost(KEYSTROKES.map((text) => window({ text, sort: 'expiry' })));
  // A change, then the next keystroke (matching everything): the kept orders are carried over.
  const env = session.vault.listEnvironments()[0]?.id ?? '';
  r['afterAdd'] = await medianCost(
    [1, 2, 3, 4, 5].map((i) => () => {
      session.vault.addToken({
        environmentId: env,
        label: `added-${i}`,
        kind: 'manual',
        provider: 'manual',
        secret: 'x',
      });
      return window({ text: 's' })();
    }),
  );
  r['afterCopy'] = await medianCost(
    [1, 2, 3, 4, 5].map((i) => async () => {
      value(await api['token:copy']({ tokenId: session.vault.listTokens()[Math.floor((size * i) / 6)]?.id ?? '' }));
      return window({ text: 's' })();
    }),
  );
  r['outline'] = await medianCost([1, 2, 3].map(() => () => api['vault:outline']({})));
  // What the query keeps between keystrokes (two orders, folded labels): the heap it frees.
  gc();
  const kept = process.memoryUsage().heapUsed;
  forgetTokenWindows();
  gc();
  const memo = (kept - process.memoryUsage().heapUsed) / 1024 / 1024;
  const check = (await measure(window({ text: 'service-4' }))).value as { matched: number };
  if (check.matched !== session.vault.searchTokens('service-4').length) throw new Error('window ≠ search');
  context.session.lock('user');
  rmSync(dir, { recursive: true, force: true });
  return { ...r, memo: { cpu: memo, wall: memo, clone: 0, bytes: 0 } };
}

const f = (x: number): string => x.toFixed(x < 10 ? 2 : 0);
const ROWS_SHOWN: [string, string, (c: Cost) => string][] = [
  ['unlock', 'unlock (test KDF)', (c) => `${f(c.cpu)} (${f(c.wall)})`],
  ['outlineFirst', 'vault:outline after unlock (decrypts the list, first use)', cell],
  ['firstRows', 'then the first 60 rows (selected, no full sort)', cell],
  ['after', 'then, in idle turns: the full sort and the search haystacks', (c) => `${f(c.cpu)} (${f(c.wall)})`],
  ['keystroke', 'keystroke: tokens:window, 60 rows', cell],
  ['search', 'keystroke before: tokens:search, whole match set', cell],
  ['scroll', 'scroll: a slice deep in the list', cell],
  ['expiryFirst', 'first query sorted by expiry', cell],
  ['expiryWarm', 'keystroke sorted by expiry', cell],
  ['afterAdd', 'keystroke after a token was added', cell],
  ['afterCopy', 'keystroke after a copy (last used moved)', cell],
  ['outline', 'vault:outline (sidebar)', cell],
  ['memo', 'heap the query keeps, MB', (c) => f(c.cpu)],
];

function cell(c: Cost): string {
  return `${f(c.cpu)} (${f(c.wall)}) + ${f(c.clone)} [${f(c.bytes / 1024)} KiB]`;
}

const results: Record<string, Cost>[] = [];
for (const size of SIZES) results.push(await benchSize(size));
console.log('CPU ms of the handler (wall ms) + CPU ms of the structured clone [answer size]; medians');
console.log(`| main side | ${SIZES.map((s) => `${s} tokens`).join(' | ')} |`);
console.log(`|---|${SIZES.map(() => '---').join('|')}|`);
for (const [key, label, show] of ROWS_SHOWN) {
  console.log(`| ${label} | ${results.map((r) => show(r[key] as Cost)).join(' | ')} |`);
}
const ratio = (key: string): string =>
  ((results[1]?.[key]?.cpu ?? 0) / Math.max(results[0]?.[key]?.cpu ?? 1, 0.001)).toFixed(1);
console.log(`CPU scaling 10k→100k: keystroke ×${ratio('keystroke')}, before ×${ratio('search')}`);
