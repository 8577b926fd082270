#!/usr/bin/env node
/**
 * Scan-pipeline benchmark: full `ssot-lint check` (JSON to /dev/null) cold and warm, with
 * --jobs 1 and --jobs 2, on generated monorepos (bench/generate-monorepo.mjs) and the
 * Python stdlib; wall time, MB/s and peak RSS (of the CLI process, workers included).
 * Each run is its own process, so caches and RSS do not leak between rows. "Warm" is a
 * second run on the untouched tree with the cache of the cold run; files are back-dated
 * first so the stat check trusts them (a fresh checkout is older than 2 s by the time CI runs).
 * Also: the index's retained heap per KB of source (node --expose-gc, heap delta after GC).
 *
 * Usage: node bench/scale.mjs [--sizes 1000,5000,25000] [--scale 2.78] [--jobs 1,2] [--runs 1] [--with-20k] [--stdlib] [--memory] [--incremental] [--json]
 * Needs `npx tsc -b` first. Another harness imports measureScale / measureIndexMemory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { machineProbe, pairProbe, peakRssMB } from './peers/measure.mjs';
import { plainTable } from './peers/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);

/** Generates (or reuses) bench/generated/monorepo-<py>-<ts>-<seed>[-x<scale>]; returns its folder, files, bytes. */
export function generate({ py, ts = 1000, seed = 42, scale = 1 }) {
  const name = `monorepo-${py}-${ts}-${seed}${scale === 1 ? '' : `-x${scale}`}`;
  const out = path.join(here, 'generated', name);
  const stamp = path.join(here, 'generated', `${name}.json`);
  if (fs.existsSync(stamp) && fs.existsSync(out)) return JSON.parse(fs.readFileSync(stamp, 'utf8'));
  const gen = JSON.parse(execFileSync(process.execPath, [path.join(here, 'generate-monorepo.mjs'), '--py', String(py), '--ts', String(ts), '--seed', String(seed), '--scale', String(scale)], { encoding: 'utf8' }));
  fs.writeFileSync(stamp, JSON.stringify(gen));
  return gen;
}

function backdate(root) {
  const old = new Date(Date.now() - 3600_000);
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) fs.utimesSync(p, old, old);
    }
  };
  walk(root);
}

/** One CLI run in a child process: wall ms, CPU ms, peak RSS MB, and the machine probes taken just before (pairProbe, then machineProbe). */
function runCheck(root, jobs, cacheDir) {
  const pair_probe_ms = pairProbe();
  const probe_ms = machineProbe();
  const args = [self, '--run-cli', 'check', root, '--root', root, '--format', 'json', '--output', path.join(os.tmpdir(), `ssot-scale-${process.pid}.json`), '--exit-zero', '--no-progress', '--jobs', String(jobs)];
  args.push(...(cacheDir ? ['--cache-location', cacheDir] : ['--no-cache']));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`check failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const stats = JSON.parse(r.stderr.trim().split('\n').pop());
  return { wall_ms: Math.round(wall), cpu_ms: stats.cpu_ms, peak_rss_mb: stats.peak_rss_mb, probe_ms, pair_probe_ms };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The files a check of `root` reads (the engine's own discovery), relative and in path order. */
function checkedFiles(root) {
  const engine = require(path.join(repo, 'shared-rules', 'dist'));
  const { config } = engine.loadConfig(root);
  return engine.discoverFiles(root, engine.createProject(root, config).scope, { maxFileBytes: config.maxFileBytes }).files.map((f) => f.path);
}

/**
 * The share (%) of `files`' pages in the page cache (util-linux fincore), or null without
 * it. A cold check reads from the disk whatever is not there, and on the VM of issue 7
 * files nobody read for a few minutes drop out of it (docs/performance.md), so each cold
 * run records it.
 */
export function pageCacheShare(files) {
  const r = spawnSync('xargs', ['-0', 'fincore', '--bytes', '--noheadings', '--output', 'RES,SIZE'], { input: files.join('\0'), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) return null;
  let resident = 0;
  let total = 0;
  for (const line of r.stdout.split('\n')) {
    const [res, size] = line.trim().split(/\s+/).map(Number);
    if (!Number.isFinite(res) || !Number.isFinite(size)) continue;
    const pages = Math.ceil(size / 4096) * 4096;
    resident += Math.min(res, pages);
    total += pages;
  }
  return total ? Math.round((100 * resident) / total) : null;
}

/** The file the "edited" phase changes: one module in the middle of the tree, in path order (`files`: checkedFiles). */
export function fileToEdit(root, files = checkedFiles(root)) {
  const py = files.filter((f) => f.endsWith('.py'));
  return path.join(root, py[py.length >> 1]);
}

/**
 * The phases of one round, each a CLI run against the same cache folder:
 * - cold: an empty cache;
 * - warm: the tree unchanged, so the CLI prints its stored output again (server/src/cli/report-replay.ts);
 * - warm-scan: the same without the stored output (deleted first): every file's results
 *   from the scan cache, phase 2 replayed, the report built and rendered;
 * - edited: one file's bytes changed since (a comment appended): that file checked again,
 *   the index rebuilt and phase 2 run on every file. The file is restored afterwards.
 */
const PHASES = ['cold', 'warm', 'warm-scan', 'edited'];

function round(root, jobs, edit, files) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-scale-cache-'));
  const original = fs.readFileSync(edit);
  const { atime, mtime } = fs.statSync(edit);
  try {
    const resident = pageCacheShare(files);
    const out = { cold: { ...runCheck(root, jobs, cacheDir), resident_pct: resident }, warm: runCheck(root, jobs, cacheDir) };
    for (const f of fs.readdirSync(cacheDir)) if (f.startsWith('report-')) fs.rmSync(path.join(cacheDir, f));
    out['warm-scan'] = runCheck(root, jobs, cacheDir);
    fs.appendFileSync(edit, '\n# edited by bench/scale.mjs\n');
    // Old enough to be trusted by stat, as an edit a few seconds before a run would be.
    fs.utimesSync(edit, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    out.edited = runCheck(root, jobs, cacheDir);
    return out;
  } finally {
    fs.writeFileSync(edit, original);
    fs.utimesSync(edit, atime, mtime);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

/**
 * Rows: one per corpus x jobs x phase (PHASES). `corpora`: [{ name, root, files, bytes }].
 * Each figure is the median of `runs` rounds (min and max alongside).
 */
export async function measureScale({ corpora, jobs = [1, 2], runs = 1 } = {}) {
  const rows = [];
  for (const c of corpora) {
    backdate(c.root);
    // One discovery for both: the file to edit and the files whose page-cache share is recorded.
    const checked = checkedFiles(c.root);
    const edit = fileToEdit(c.root, checked);
    const files = checked.map((f) => path.join(c.root, f));
    for (const j of jobs) {
      const rounds = [];
      for (let i = 0; i < runs; i++) rounds.push(round(c.root, j, edit, files));
      for (const phase of PHASES) {
        const xs = rounds.map((r) => r[phase]);
        const ms = median(xs.map((x) => x.wall_ms));
        rows.push({
          corpus: c.name,
          files: c.files,
          mb: +(c.bytes / 1e6).toFixed(1),
          jobs: j,
          phase,
          wall_ms: ms,
          min_ms: Math.min(...xs.map((x) => x.wall_ms)),
          max_ms: Math.max(...xs.map((x) => x.wall_ms)),
          mb_per_s: +(c.bytes / 1e6 / (ms / 1000)).toFixed(1),
          // CPU time of the run (all threads): on a loaded machine, wall time alone misleads.
          cpu_ms: median(xs.map((x) => x.cpu_ms)),
          peak_rss_mb: median(xs.map((x) => x.peak_rss_mb)),
          max_rss_mb: Math.max(...xs.map((x) => x.peak_rss_mb)),
          // The machine's speed before each run (machineProbe, ms: higher is slower), and on
          // two threads at once (pairProbe: rises when the second vCPU is taken away).
          probe_ms: median(xs.map((x) => x.probe_ms)),
          pair_probe_ms: median(xs.map((x) => x.pair_probe_ms)),
          // Every round as [wall ms, CPU ms, probe ms, pair probe ms]: a slow run next to a slow probe is the machine.
          // A cold round adds the share (%) of the tree in the page cache just before it (pageCacheShare).
          runs: xs.map((x) => (phase === 'cold' ? [x.wall_ms, x.cpu_ms, x.probe_ms, x.pair_probe_ms, x.resident_pct] : [x.wall_ms, x.cpu_ms, x.probe_ms, x.pair_probe_ms])),
        });
      }
    }
  }
  return rows;
}

/** Retained heap of the workspace index (facts of every file) per KB of source, after GC. */
export function measureIndexMemory(root) {
  const r = spawnSync(process.execPath, ['--expose-gc', self, '--index-memory', root], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/**
 * Editor path: after a full scan, edit the hub module 500 files import (as the server does:
 * index.update, check the edited file, re-check its dependents). "before" is the old way
 * (every rule on every dependent, text read from disk); "after" is recheckDependent (only
 * the rules that read the index, text read only when needed). Median of 5 each.
 */
export function measureIncremental(root) {
  const r = spawnSync(process.execPath, [self, '--incremental', root], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** What a scan of `root` covers (its config's scope): the files and bytes MB/s is computed from. */
export function corpusSize(root) {
  const engine = require(path.join(repo, 'shared-rules', 'dist'));
  const { config } = engine.loadConfig(root);
  const found = engine.discoverFiles(root, engine.createProject(root, config).scope, { maxFileBytes: config.maxFileBytes });
  return { files: found.files.length, bytes: found.files.reduce((n, f) => n + f.size, 0) };
}

/** The Python stdlib of this machine's python3, without site-packages (third-party code), copied into bench/generated. */
export function stdlibCorpus() {
  const dir = execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  // Copied: the stdlib is read-only for most users, and back-dating and the cache must stay ours.
  const copy = path.join(here, 'generated', 'stdlib');
  if (!fs.existsSync(copy)) fs.cpSync(dir, copy, { recursive: true, filter: (s) => !s.includes('__pycache__') && !s.includes('site-packages') });
  return { name: 'python-stdlib', root: copy, ...corpusSize(copy) };
}

async function cli(argv) {
  const opt = (name, d) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : d);
  const sizes = opt('sizes', '1000,5000,25000').split(',').map(Number);
  const scale = Number(opt('scale', '2.78'));
  const jobs = opt('jobs', '1,2').split(',').map(Number);
  const runs = Number(opt('runs', '1'));
  const corpora = sizes.map((py) => {
    const g = generate({ py, ts: Math.max(40, Math.round(py / 25)), scale });
    return { name: `generated-${py}py`, root: g.out, ...corpusSize(g.out) };
  });
  // The tree of the earlier workspace-rules results (20,000 + 1,000 files, scale 1).
  if (argv.includes('--with-20k')) {
    const g = generate({ py: 20000, ts: 1000 });
    corpora.push({ name: 'generated-20000py-x1', root: g.out, ...corpusSize(g.out) });
  }
  if (argv.includes('--stdlib')) corpora.push(stdlibCorpus());
  const rows = await measureScale({ corpora, jobs, runs });
  const out = { rows, machine: { cpus: os.cpus().length, node: process.version, loadavg_at_end: os.loadavg().map((x) => +x.toFixed(2)) } };
  if (argv.includes('--memory')) out.index_memory = corpora.map((c) => ({ corpus: c.name, ...measureIndexMemory(c.root) }));
  if (argv.includes('--incremental')) {
    out.incremental = corpora.filter((c) => c.name.startsWith('generated')).flatMap((c) => {
      const m = measureIncremental(c.root);
      return ['before', 'after'].map((k) => ({ corpus: c.name, path: k, ...m[k] }));
    });
  }
  if (argv.includes('--json')) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  else {
    process.stdout.write(plainTable(rows) + '\n');
    if (out.index_memory) process.stdout.write('\n' + plainTable(out.index_memory) + '\n');
    if (out.incremental) process.stdout.write('\n' + plainTable(out.incremental) + '\n');
  }
}

if (process.argv[2] === '--run-cli') {
  // The CLI itself, then its peak RSS (this process and its worker threads, see peakRssMB) on stderr.
  const { main } = require(path.join(repo, 'server', 'dist', 'cli', 'main.js'));
  const code = await main(process.argv.slice(3));
  const ru = process.resourceUsage();
  process.stderr.write(`\n${JSON.stringify({ code, peak_rss_mb: peakRssMB(), cpu_ms: Math.round((ru.userCPUTime + ru.systemCPUTime) / 1000) })}\n`);
  process.exit(code === 2 ? 2 : 0);
} else if (process.argv[2] === '--index-memory') {
  const root = process.argv[3];
  const engine = require(path.join(repo, 'shared-rules', 'dist'));
  const { config } = engine.loadConfig(root);
  const project = engine.createProject(root, config);
  const heap = () => {
    global.gc();
    global.gc();
    return process.memoryUsage().heapUsed;
  };
  // Load the code first (the TypeScript compiler alone is ~40 MB of heap, loaded on the first
  // TS file): the figure is the data the index retains, not the program.
  engine.checkFile(project, 'warm.ts', 'export const a = process.env.A;\n');
  engine.checkFile(project, 'warm.py', 'import os\nx = os.environ["A"]\n');
  // What the server keeps: the index (every file's outline and the cross-file tables), as
  // the server's scan builds it; the scan's results are dropped. Measured as the heap the
  // index frees when dropped, so compiled code and other process state do not count.
  const scanned = () => {
    const scan = engine.scanWorkspace(project, undefined, { cacheDir: null });
    return { bytes: scan.bytes, files: project.index.size };
  };
  const { bytes, files } = scanned();
  const withIndex = heap();
  project.index = undefined;
  const retained = withIndex - heap();
  process.stdout.write(JSON.stringify({ files, source_kb: Math.round(bytes / 1024), retained_mb: +(retained / 1e6).toFixed(1), bytes_per_kb: Math.round(retained / (bytes / 1024)) }) + '\n');
} else if (process.argv[2] === '--incremental') {
  const root = process.argv[3];
  const engine = require(path.join(repo, 'shared-rules', 'dist'));
  // As the language server's folders are: rules' index reads tracked (session.ts).
  const project = { ...engine.createProject(root, engine.loadConfig(root).config), trackIndexReads: true };
  const scan = engine.scanWorkspace(project, undefined, { cacheDir: null });
  const results = new Map(scan.results.map((x) => [x.file.path, x]));
  const hub = 'netra_backend/app/core/hub.py';
  const original = fs.readFileSync(path.join(root, hub), 'utf8');
  // A real change every run: a new class each time (and the previous one gone).
  let n = 0;
  const edit = () => `${original}\n\nclass HubEvent${n++}:\n    pass\n`;
  const time = (fn) => {
    const runs = [];
    let out;
    for (let i = 0; i < 5; i++) {
      const text = edit();
      const t = performance.now();
      out = fn(text);
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    return { median_ms: +runs[2].toFixed(1), min_ms: +runs[0].toFixed(1), max_ms: +runs[4].toFixed(1), ...out };
  };
  const before = time((text) => {
    const facts = engine.extractFacts(hub, text);
    const dependents = project.index.update(hub, engine.outlineOf(facts, text));
    engine.checkFile(project, hub, text, facts);
    for (const dep of dependents) engine.checkFile(project, dep, fs.readFileSync(path.join(root, dep), 'utf8'));
    return { dependents: dependents.length, files_read: dependents.length };
  });
  const after = time((text) => {
    const facts = engine.extractFacts(hub, text);
    const dependents = project.index.update(hub, engine.outlineOf(facts, text));
    engine.checkFile(project, hub, text, facts);
    let read = 0;
    for (const dep of dependents) {
      const disk = () => (read++, engine.readSource(root, dep).text ?? '');
      results.set(dep, engine.recheckDependent(project, dep, results.get(dep), project.index.outline(dep), disk));
    }
    return { dependents: dependents.length, files_read: read };
  });
  process.stdout.write(JSON.stringify({ before, after }) + '\n');
} else if (process.argv[1] === self) {
  await cli(process.argv.slice(2));
}
