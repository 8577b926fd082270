// Timing helpers shared by bench/run.mjs: every figure is the median of N timed runs with
// min and max, after one untimed warm-up run (JIT, wasm compilation, file cache).
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

/**
 * A process's peak resident set in MB (this one unless `pid`), worker threads included. On Linux it is VmHWM,
 * the high-water mark of this address space: process.resourceUsage().maxRSS of a spawned
 * child starts at its parent's RSS at fork (Linux carries it across exec), so a CLI run
 * spawned by a harness holding 400 MB reported at least 400 MB however little it used.
 */
export function peakRssMB(pid = 'self') {
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // Not Linux: the rusage figure (this process only), with the caveat above.
  }
  return pid === 'self' ? Math.round(process.resourceUsage().maxRSS / 1024) : NaN;
}

/** Median, min and max of a list of numbers. */
export function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

export function nowSec() {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * Runs the given benchmarks round-robin: one warm-up each, then `runs` rounds in which
 * every benchmark runs once. Interleaving keeps ratios honest on a noisy machine: a load
 * spike hits one run of every tool instead of all runs of one tool.
 * Each bench is { id, fn } where fn() does the whole pass over its corpus.
 * Returns Map id -> array of seconds.
 */
export function interleaved(benches, runs, log = () => {}) {
  const times = new Map(benches.map((b) => [b.id, []]));
  for (const b of benches) {
    log(`warm-up ${b.id}`);
    b.fn();
  }
  for (let r = 0; r < runs; r++) {
    // Rotate the order so no tool always runs right after the same neighbour (GC debt).
    for (let k = 0; k < benches.length; k++) {
      const b = benches[(k + r) % benches.length];
      if (global.gc) global.gc();
      const t = nowSec();
      b.fn();
      times.get(b.id).push(nowSec() - t);
    }
    log(`round ${r + 1}/${runs} done`);
  }
  return times;
}

/** MB/s figures (median/min/max) from seconds per pass over `bytes`. */
export function throughput(seconds, bytes) {
  const mbps = seconds.map((s) => bytes / 1e6 / s);
  return { ...stats(mbps), unit: 'MB/s', seconds: stats(seconds) };
}

/** Same-round ratio a/b of throughputs (b's time / a's time), summarised. */
export function ratio(secA, secB) {
  return stats(secA.map((a, i) => secB[i] / a));
}

/** The probe's input: ~4 MB of Python-like lines, the same in every run. */
let probeText;

/**
 * The machine's speed at this moment: milliseconds for a fixed single-threaded JavaScript
 * workload (a character scan of ~4 MB of code-like text, then 60k small objects through
 * JSON), the best of three. It does not use our code, so it means the same from one build
 * to the next. On the shared 2-vCPU machines of issue 7 one check's wall and CPU time drift
 * by 30-40% from one stretch of minutes to the next; a probe taken just before each run says
 * which stretch a figure comes from.
 */
export function machineProbe() {
  probeText ??= Array.from({ length: 72_000 }, (_, i) => `    value_${i} = json.dumps({"k": value, "n": ${i % 97}})  # step ${i}\n`).join('');
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    let words = 0;
    let inWord = false;
    for (let i = 0; i < probeText.length; i++) {
      const c = probeText.charCodeAt(i);
      const w = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
      if (w && !inWord) words++;
      inWord = w;
    }
    const objects = [];
    for (let i = 0; i < 60_000; i++) objects.push({ rule: 'probe', line: i, column: words % (i + 1), message: `item ${i} of ${words}` });
    const back = JSON.parse(JSON.stringify(objects));
    if (back.length !== objects.length) throw new Error('probe: JSON round trip lost items');
    best = Math.min(best, performance.now() - t);
  }
  return +best.toFixed(1);
}

/** The worker side of pairProbe: ready, wait for the start, probe, report (tenths of a ms). */
const PAIR_WORKER = `
const { workerData } = require('node:worker_threads');
import(workerData.module).then(({ machineProbe }) => {
  const flags = new Int32Array(workerData.flags);
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
  Atomics.wait(flags, 1, 0);
  flags[2] = Math.round(machineProbe() * 10);
  Atomics.store(flags, 3, 1);
  Atomics.notify(flags, 3);
});
`;

/**
 * machineProbe on two threads at once (this one and a worker started for it), in ms: the
 * slower thread's best of three. It reads like machineProbe when both vCPUs are there; when
 * the host takes the second one away, this rises and machineProbe need not (a 25k cold check
 * took 11.7 s with single-thread probes of 65-70 ms, where 10.0 s is usual at 58-67 ms). This
 * thread keeps probing until the worker is done, so the worker never runs alone.
 */
export function pairProbe() {
  const flags = new Int32Array(new SharedArrayBuffer(16));
  const worker = new Worker(PAIR_WORKER, { eval: true, workerData: { flags: flags.buffer, module: import.meta.url } });
  worker.unref();
  try {
    if (Atomics.wait(flags, 0, 0, 30_000) === 'timed-out') throw new Error('pairProbe: the worker did not start');
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
    const here = machineProbe();
    const deadline = performance.now() + 30_000;
    while (Atomics.load(flags, 3) === 0) {
      if (performance.now() > deadline) throw new Error('pairProbe: the worker did not finish');
      machineProbe();
    }
    return +Math.max(here, flags[2] / 10).toFixed(1);
  } finally {
    void worker.terminate();
  }
}
