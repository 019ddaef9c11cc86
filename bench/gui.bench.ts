/**
 * The window in Chromium at 10k and 100k tokens (issue 12): unlock → first rows painted,
 * keystroke → list painted, scroll frame times; the built renderer over a WebSocket bridge to the
 * real api handlers (bench/gui/ws-bridge.ts), measured with the page's clock. Main's share of a
 * keystroke (the handler, and the structured clone Electron's IPC would make of the answer) is
 * measured apart, in this process. Run: npm run bench:gui
 */
import { rmSync } from 'node:fs';
import { createApiHandlers, createWindowEvents } from '../src/main/api';
import { systemClock } from '../src/main/api/ports';
import type { Result } from '../src/shared/errors';
import { createTestContext } from '../test/support/api-fixture';
import { launchChromium } from '../test/support/chromium';
import { builtRenderer } from '../test/support/renderer-cache';
import { serveStatic } from '../test/renderer/bridge';
import { scrollFrameTimes, typeMeasured, unlockToFirstRows } from './gui/page-probes';
import { startWsBridge, type CallRecord } from './gui/ws-bridge';
import { buildBenchVault } from './gui/bench-vault';

const SIZES = (process.env['BENCH_SIZES'] ?? '10000,100000').split(',').map(Number);
const PASSWORD = 'bench password';
const TYPED = 'service-42';
const UNLOCKS = 3;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

interface SizeResult {
  readonly unlockPainted: number;
  readonly unlockHandler: number;
  readonly outlineHandler: number;
  readonly outlineCpu: number;
  readonly firstRowsHandler: number;
  readonly firstRowsCpu: number;
  readonly keyAnswered: number;
  readonly keyPainted: number;
  readonly keyHandler: number;
  readonly keyHandlerCpu: number;
  readonly keyBytes: number;
  readonly keyClone: number;
  readonly frameMedian: number;
  readonly frameP95: number;
  readonly framesOver50: number;
}

async function benchSize(size: number, url: string): Promise<SizeResult> {
  const dir = buildBenchVault(size, PASSWORD);
  const events = createWindowEvents();
  const { context } = createTestContext(dir, { clock: systemClock(), events });
  const api = createApiHandlers(context);
  const bridge = await startWsBridge(api, events);
  const browser = await launchChromium();
  const browserContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await bridge.install(browserContext);
  const page = await browserContext.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(url);

  const unlocks: number[] = [];
  const outlines: CallRecord[] = [];
  const firstQueries: CallRecord[] = [];
  for (let i = 0; i < UNLOCKS; i += 1) {
    await page.getByLabel('Master password').fill(PASSWORD);
    const before = bridge.calls.length;
    unlocks.push(await unlockToFirstRows(page));
    // The window asks for the outline, then the rows: main answers them in that order (both synchronous).
    const calls = bridge.calls.slice(before);
    const outline = calls.find((c) => c.action === 'outline');
    const first = calls.find((c) => c.action === 'queryTokens');
    if (outline) outlines.push(outline);
    if (first) firstQueries.push(first);
    if (i < UNLOCKS - 1) {
      value(await api['vault:lock']({}));
      await page.getByLabel('Master password').waitFor();
    }
  }
  const unlockHandler = median(bridge.calls.filter((c) => c.action === 'unlock').map((c) => c.handlerMs));

  await page.getByRole('searchbox', { name: 'Search tokens' }).focus();
  const keys: { answered: number; painted: number }[] = [];
  for (let i = 1; i <= TYPED.length; i += 1) keys.push(await typeMeasured(page, TYPED[i - 1] ?? '', TYPED.slice(0, i)));
  const typedCalls = bridge.calls.filter((c) => c.action === 'queryTokens' && c.text !== null && c.text !== '');
  // Main's share apart: the same queries in this process, with the structured clone IPC makes.
  const clones: number[] = [];
  for (let i = 1; i <= TYPED.length; i += 1) {
    const answer = value(await api['tokens:window']({ text: TYPED.slice(0, i), limit: 60 }));
    const started = performance.now();
    structuredClone(answer);
    clones.push(performance.now() - started);
  }

  await page.keyboard.press('Escape');
  await page.locator('#token-list').focus();
  const frames = await scrollFrameTimes(page, 180, 240);

  await browser.close();
  await bridge.close();
  context.session.lock('user');
  rmSync(dir, { recursive: true, force: true });
  return {
    unlockPainted: median(unlocks),
    unlockHandler,
    outlineHandler: median(outlines.map((c) => c.handlerMs)),
    outlineCpu: median(outlines.map((c) => c.handlerCpuMs)),
    firstRowsHandler: median(firstQueries.map((c) => c.handlerMs)),
    firstRowsCpu: median(firstQueries.map((c) => c.handlerCpuMs)),
    keyAnswered: median(keys.map((k) => k.answered)),
    keyPainted: median(keys.map((k) => k.painted)),
    keyHandler: median(typedCalls.map((c) => c.handlerMs)),
    keyHandlerCpu: median(typedCalls.map((c) => c.handlerCpuMs)),
    keyBytes: median(typedCalls.map((c) => c.bytes)),
    keyClone: median(clones),
    frameMedian: median(frames),
    frameP95: p95(frames),
    framesOver50: frames.filter((f) => f > 50).length,
  };
}

const f = (x: number): string => x.toFixed(x < 10 ? 1 : 0);
const server = await serveStatic(await builtRenderer());
const results: SizeResult[] = [];
for (const size of SIZES) results.push(await benchSize(size, server.url));
await server.close();

const rows: [string, (r: SizeResult) => string][] = [
  ['unlock click → first rows painted, ms', (r) => f(r.unlockPainted)],
  ['  of which vault:unlock in main (the test KDF, the key unwrapped), ms', (r) => f(r.unlockHandler)],
  ['unlock minus vault:unlock → first rows painted, ms', (r) => f(r.unlockPainted - r.unlockHandler)],
  [
    '  of which main: vault:outline, first after unlock (decrypts the list), wall ms (CPU ms)',
    (r) => `${f(r.outlineHandler)} (${f(r.outlineCpu)})`,
  ],
  [
    '  of which main: the first tokens:window (selects the rows), wall ms (CPU ms)',
    (r) => `${f(r.firstRowsHandler)} (${f(r.firstRowsCpu)})`,
  ],
  ['keystroke → list answered (main + bridge), ms', (r) => f(r.keyAnswered)],
  ['keystroke → list painted, ms', (r) => f(r.keyPainted)],
  [
    '  main: tokens:window handler per keystroke, wall ms (CPU ms)',
    (r) => `${f(r.keyHandler)} (${f(r.keyHandlerCpu)})`,
  ],
  ['  main: structured clone of the answer (IPC), ms', (r) => f(r.keyClone)],
  ['  answer size, KiB', (r) => f(r.keyBytes / 1024)],
  ['scroll frame interval, median ms', (r) => f(r.frameMedian)],
  ['scroll frame interval, p95 ms', (r) => f(r.frameP95)],
  ['scroll frames over 50 ms (of 180)', (r) => String(r.framesOver50)],
];
console.log('Medians; Chromium headless, software rendering; the page clock (performance.now)');
console.log(`| window | ${SIZES.map((s) => `${s.toLocaleString('en')} tokens`).join(' | ')} |`);
console.log(`|---|${SIZES.map(() => '---:').join('|')}|`);
for (const [label, show] of rows) console.log(`| ${label} | ${results.map(show).join(' | ')} |`);
