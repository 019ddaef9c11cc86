/**
 * Where the page's time goes per keystroke in the search field (issue 12's keystroke budget): the
 * window of bench:gui unlocked once, then `service-42` typed and erased key by key, three times,
 * each key waited out until its answer is painted. Around all of it Chromium's own counters (CDP
 * `Performance.getMetrics`: main thread busy, script, layout, style recalculation), and the calls
 * the page made to main per key. With KEYSTROKE_PROFILE=1 also a CPU profile (CDP `Profiler`, self
 * time by function) and with KEYSTROKE_TRACE=1 a trace (self time by trace event on the page's
 * main thread: Paint, Layout, FunctionCall…); both slow the page down, so their figures are for
 * proportions, not for latency. RENDERER_DIR serves another built renderer (a base to compare).
 * Run: BENCH_SIZES=10000 node --import tsx bench/gui-keystroke-profile.ts
 */
import { rmSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../test/support/chromium';
import { builtRenderer } from '../test/support/renderer-cache';
import { serveStatic } from '../test/renderer/bridge';
import { buildBenchVault } from './gui/bench-vault';
import { keystrokeMetrics, topSelfTime, traceSelfTime, type CpuProfile } from './gui/cdp-metrics';
import { typeMeasured } from './gui/page-probes';
import { startMainHost } from './gui/main-host-apart';
import { installWsBridge } from './gui/ws-bridge';

const SIZE = Number((process.env['BENCH_SIZES'] ?? '10000').split(',')[0]);
const PASSWORD = 'bench password';
const TYPED = 'service-42';
const ROUNDS = 3;
const PROFILE = process.env['KEYSTROKE_PROFILE'] === '1';
const TRACE = process.env['KEYSTROKE_TRACE'] === '1';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc'];

const dir = buildBenchVault(SIZE, PASSWORD);
// The api handlers and the bridge's server in a main process of their own, as in bench:gui.
const main = await startMainHost(dir);
const server = await serveStatic(process.env['RENDERER_DIR'] ?? (await builtRenderer()));
const browser = await launchChromium();
const browserContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
await installWsBridge(browserContext, main.url);
const page = await browserContext.newPage();
await page.goto(server.url);
await page.getByLabel('Master password').fill(PASSWORD);
await page.getByRole('button', { name: 'Unlock' }).click();
await page.locator('.token-row .token-label').first().waitFor();
// Main's idle work after unlock (the list decrypted, orders, haystacks) out of the way.
await new Promise((settled) => setTimeout(settled, 2500));
await page.getByRole('searchbox', { name: 'Search tokens' }).focus();

const cdp = await browserContext.newCDPSession(page);
const before = (await main.calls()).length;
const painted: number[] = [];
const measure = keystrokeMetrics(cdp);
await measure.start();
if (PROFILE) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}
if (TRACE) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
for (let round = 0; round < ROUNDS; round += 1) {
  for (let i = 1; i <= TYPED.length; i += 1) {
    painted.push((await typeMeasured(page, TYPED[i - 1] ?? '', TYPED.slice(0, i))).painted);
  }
  for (let i = TYPED.length - 1; i >= 0; i -= 1) {
    painted.push((await typeMeasured(page, 'Backspace', TYPED.slice(0, i))).painted);
  }
}
const trace = TRACE ? await browser.stopTracing() : null;
const profile = PROFILE ? ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile : null;
const keyEvents = painted.length;
const counters = await measure.stop(keyEvents);
const calls = (await main.calls()).slice(before);

const sorted = [...painted].sort((a, b) => a - b);
console.log(`${SIZE} tokens, ${keyEvents} key events; per key event:`);
console.log(`  keystroke → painted, median ${(sorted[Math.floor(keyEvents / 2)] ?? 0).toFixed(1)} ms`);
for (const [name, ms] of Object.entries(counters)) console.log(`  ${name} ${ms.toFixed(2)} ms`);
const byAction = new Map<string, number>();
for (const call of calls) byAction.set(call.action, (byAction.get(call.action) ?? 0) + 1);
console.log(`  calls to main: ${[...byAction].map(([a, n]) => `${a} ${(n / keyEvents).toFixed(2)}`).join(', ')}`);
if (profile !== null) {
  console.log('CPU profile, self time per key event (ms), function  file:line:column');
  for (const row of topSelfTime(profile, 25)) {
    console.log(`  ${(row.ms / keyEvents).toFixed(2).padStart(6)}  ${row.name}  ${row.where}`);
  }
  if (process.env['PROFILE_OUT']) writeFileSync(process.env['PROFILE_OUT'], JSON.stringify(profile));
}
if (trace !== null) {
  console.log("Trace, self time per key event on the page's main thread (ms), event");
  for (const row of traceSelfTime(trace, 20))
    console.log(`  ${(row.ms / keyEvents).toFixed(2).padStart(6)}  ${row.name}`);
  if (process.env['TRACE_OUT']) writeFileSync(process.env['TRACE_OUT'], trace);
}

await browser.close();
await main.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
