/**
 * Chromium's own accounting of the page's work, through CDP: the `Performance` domain's counters
 * (script, layout, style recalculation, task time; cumulative seconds) taken before and after a
 * run of keystrokes, and a `Profiler` CPU profile's self time summed by function.
 */
import type { CDPSession } from 'playwright-core';

/** The counters reported, by their CDP name and the name printed. */
const COUNTERS: Readonly<Record<string, string>> = {
  TaskDuration: 'main thread busy (TaskDuration)',
  ScriptDuration: 'script (ScriptDuration)',
  LayoutDuration: 'layout (LayoutDuration)',
  RecalcStyleDuration: 'style recalculation (RecalcStyleDuration)',
};

async function counters(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return new Map(metrics.map((m) => [m.name, m.value]));
}

/** Start before the keystrokes, stop after: each counter's ms per key event over the span. */
export function keystrokeMetrics(cdp: CDPSession): {
  start(): Promise<void>;
  stop(keyEvents: number): Promise<Record<string, number>>;
} {
  let first = new Map<string, number>();
  return {
    async start() {
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      first = await counters(cdp);
    },
    async stop(keyEvents) {
      const last = await counters(cdp);
      const perKey: Record<string, number> = {};
      for (const [name, shown] of Object.entries(COUNTERS)) {
        perKey[shown] = (((last.get(name) ?? 0) - (first.get(name) ?? 0)) * 1000) / keyEvents;
      }
      return perKey;
    },
  };
}

export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time by function (name and place), most first; ms over the whole profile. */
export function topSelfTime(profile: CpuProfile, count: number): { name: string; where: string; ms: number }[] {
  const nodeKey = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const file = url.split('/').at(-1) ?? '';
    nodeKey.set(node.id, `${functionName || '(anonymous)'}\u0000${file}:${lineNumber + 1}:${columnNumber + 1}`);
  }
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    // A sample's time is the delta to the next sample.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const key = nodeKey.get(id) ?? '?';
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => {
      const [name = '', where = ''] = key.split('\u0000');
      return { name, where, ms };
    });
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { name?: string };
}

/**
 * Self time by trace event name on the page's main thread (CrRendererMain), ms over the whole
 * trace: complete events ("X") nested by time, each one's duration less its children's.
 */
export function traceSelfTime(trace: Buffer, count: number): { name: string; ms: number }[] {
  const { traceEvents } = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (main === undefined) return [];
  const events = traceEvents
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const event of events) {
    const dur = event.dur ?? 0;
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent !== undefined) self.set(parent.name, (self.get(parent.name) ?? 0) - dur / 1000);
    self.set(event.name, (self.get(event.name) ?? 0) + dur / 1000);
    stack.push({ end: event.ts + dur, name: event.name });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms }));
}
