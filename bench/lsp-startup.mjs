#!/usr/bin/env node
/**
 * Editor startup on a large workspace: the language server's first background scan, from
 * `initialized` to its "scanned N files" log line (its results complete; it records the
 * scan cache after that), and the server's peak RSS (VmHWM).
 * Cold: no scan cache. Warm: the next session, with the cache the previous one recorded
 * (the same pack `ssot-lint check` reads and writes, engine/file-phases.ts). Edited: the
 * session after that, with one module changed while no editor ran (the module bench/scale.mjs
 * edits; restored afterwards). Each round's sessions share their own XDG_CACHE_HOME, so
 * rounds never share a cache.
 *
 * Usage: node bench/lsp-startup.mjs <workspace> [--runs 5] [--jobs N | --compare-jobs 1,2]   (needs `npx tsc -b` first)
 * --jobs: the server's `scanJobs` setting (threads of the scan's first phase; default: one per core).
 * --compare-jobs: one session pair per setting and round, alternating (compareJobs).
 * bench/run.mjs imports measureServerStartup for its table.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './peers/lsp-edit.mjs';
import { peakRssMB, stats } from './peers/measure.mjs';
import { fileToEdit } from './scale.mjs';

async function session(root, cacheHome, settings) {
  const t0 = performance.now();
  const s = await startServer(root, settings, { ...process.env, XDG_CACHE_HOME: cacheHome });
  // The server records its scan cache after the results, in slices: not timed, but waited
  // for, so the next session finds it.
  const recorded = s.waitFor((m, p) => m === 'window/logMessage' && p.message.includes('scan cache'));
  const log = await s.scanned;
  const ms = performance.now() - t0;
  await recorded;
  const peakMB = peakRssMB(s.proc.pid);
  await s.stop();
  return { ms, peakMB, log: log.message };
}

/** Median (min, max) of `runs` cold, warm and edited first scans of `root`; wall ms and peak RSS MB. */
export async function measureServerStartup(root, runs = 5, settings = {}) {
  // The pack goes to <root>/node_modules/.cache when the workspace has node_modules.
  if (fs.existsSync(path.join(root, 'node_modules'))) throw new Error(`${root} has node_modules: its scan cache would not be isolated per run`);
  const edit = fileToEdit(root);
  const original = fs.readFileSync(edit);
  const { atime, mtime } = fs.statSync(edit);
  const cold = [];
  const warm = [];
  const edited = [];
  for (let i = 0; i < runs; i++) {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-lsp-startup-'));
    try {
      cold.push(await session(root, cacheHome, settings));
      warm.push(await session(root, cacheHome, settings));
      fs.appendFileSync(edit, '\n# edited by bench/lsp-startup.mjs\n');
      fs.utimesSync(edit, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      edited.push(await session(root, cacheHome, settings));
    } finally {
      fs.writeFileSync(edit, original);
      fs.utimesSync(edit, atime, mtime);
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  }
  const row = (phase, xs) => ({ phase, wall_ms: stats(xs.map((x) => Math.round(x.ms))), peak_rss_mb: stats(xs.map((x) => x.peakMB)), log: xs[0].log });
  return [row('cold', cold), row('warm', warm), row('edited', edited)];
}

/**
 * The same build with different `scanJobs` settings, alternating round by round (a slow
 * stretch of the machine costs every setting alike): per setting, the median (min-max) of
 * `rounds` cold and warm sessions.
 */
export async function compareJobs(root, settingsList, rounds) {
  const rows = settingsList.map(() => ({ cold: [], warm: [] }));
  for (let r = 0; r < rounds; r++) {
    const order = settingsList.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) {
      const [cold, warm] = await measureServerStartup(root, 1, { scanJobs: settingsList[i] });
      rows[i].cold.push(cold);
      rows[i].warm.push(warm);
    }
  }
  const summary = (xs) => ({ wall_ms: stats(xs.map((x) => x.wall_ms.median)), peak_rss_mb: stats(xs.map((x) => x.peak_rss_mb.median)), log: xs[0].log });
  return settingsList.map((jobs, i) => ({ scanJobs: jobs, cold: summary(rows[i].cold), warm: summary(rows[i].warm) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2];
  if (!root) throw new Error('usage: node bench/lsp-startup.mjs <workspace> [--runs N] [--jobs N | --compare-jobs 1,2]');
  const opt = (name) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
  const runs = Number(opt('runs') ?? 5);
  if (opt('compare-jobs')) {
    for (const r of await compareJobs(path.resolve(root), opt('compare-jobs').split(',').map(Number), runs)) console.log(JSON.stringify(r));
  } else {
    const jobs = opt('jobs');
    const rows = await measureServerStartup(path.resolve(root), runs, jobs === undefined ? {} : { scanJobs: Number(jobs) });
    for (const r of rows) console.log(JSON.stringify(r));
  }
}
