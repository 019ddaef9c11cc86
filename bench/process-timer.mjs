/**
 * BENCH ONLY: times whole processes from a small parent. Started by bench/cli.bench.ts as
 * `node bench/process-timer.mjs` with a JSON job on stdin; prints JSON medians on stdout.
 *
 * Why a separate process: spawning from the bench itself (tsx loaded, a 100k-entry vault and KDBX
 * built in memory, hundreds of MB of RSS) adds several milliseconds to every fork, which would
 * count against the faster tool. This parent is plain Node with nothing else loaded, and it times
 * both tools the same way, interleaved, checking each printed the expected value.
 *
 * Job: { runs: number, warmup: number, commands: [{ name, command, args, env, input, expect }],
 *        pairs?: [[a, b]] } — each pair adds the median of the per-round ratios a/b as "a/b".
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function once(c) {
  const started = performance.now();
  const result = spawnSync(c.command, c.args, {
    env: c.env,
    input: c.input ?? '',
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${c.name} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  if (c.expect !== undefined && result.stdout.trim() !== c.expect) throw new Error(`${c.name} printed the wrong value`);
  return ms;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
for (let i = 0; i < job.warmup; i += 1) for (const c of job.commands) once(c);
const times = Object.fromEntries(job.commands.map((c) => [c.name, []]));
for (let i = 0; i < job.runs; i += 1) for (const c of job.commands) times[c.name].push(once(c));
const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
// Ratios round by round ("a/b"): a drift of the machine's speed moves both runs of a round alike.
for (const [a, b] of job.pairs ?? []) medians[`${a}/${b}`] = median(times[a].map((ms, i) => ms / times[b][i]));
process.stdout.write(JSON.stringify(medians));
