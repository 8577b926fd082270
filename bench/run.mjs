#!/usr/bin/env node
// The benchmark harness (issue 7): every figure side by side in one run, each the median
// of >= 5 runs with min and max, printed as a table and written to bench/results.json.
//
//   npm run bench                      (= tsc -b && node bench/run.mjs)
//   node bench/run.mjs --runs 7        more rounds
//   node bench/run.mjs --site-packages the stdlib corpus with site-packages
//   node bench/run.mjs --no-scale      skip the CLI runs on generated monorepos (minutes)
//   node bench/run.mjs --no-lsp        skip the language-server latency sessions
//   node bench/run.mjs --sizes 1000,5000,25000   generated monorepo sizes (Python files)
//   node bench/run.mjs --max-files 50  smoke-test the harness on the first 50 files of each corpus
//
// Single-core figures run in this one thread (no workers); peers (ruff wasm, ESLint,
// tree-sitter wasm) get the same in-memory strings, one warm-up each, and run interleaved
// with ours round by round so a load spike costs every tool alike.
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { pythonStdlib, typescriptLib } from './peers/corpora.mjs';
import { interleaved, machineProbe, ratio, stats, throughput } from './peers/measure.mjs';
import { checkPass, engine, envFindings, lexPass, projectFor, pythonFactsPass, tsFactsPass } from './peers/ours.mjs';
import * as ruffPeer from './peers/ruff.mjs';
import * as eslintPeer from './peers/eslint.mjs';
import { createTreeSitter, treeSitterPass } from './peers/tree-sitter.mjs';
import { compareFindings, groupDisagreements } from './peers/agreement.mjs';
import { editSession } from './peers/lsp-edit.mjs';
import { agreementText, figureTable, plainTable } from './peers/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { decodePythonSource } = require('../shared-rules/dist/lang/python/decode.js');
const argv = process.argv.slice(2);
const opt = (name, d) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : d);
const RUNS = Math.max(5, Number(opt('runs', '5')));
const log = (m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const machine = {
  date: new Date().toISOString(),
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memGB: +(os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  loadavgStart: os.loadavg().map((x) => +x.toFixed(2)),
};
log(`machine: ${machine.cpus} cores, load ${machine.loadavgStart.join(' ')}; ${RUNS} runs per figure`);

const py = smoke(pythonStdlib({ withSitePackages: argv.includes('--site-packages') }));
const tsc = smoke(typescriptLib());

// --max-files N: a smoke test of the harness itself on the first N files (not for figures).
function smoke(c) {
  const max = Number(opt('max-files', '0'));
  if (!max) return c;
  const files = c.files.slice(0, max);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  return { ...c, files, bytes, mb: bytes / 1e6, label: `${c.label} (SMOKE: first ${max} files)` };
}
log(`corpora: ${py.label} ${py.files.length} files ${py.mb.toFixed(1)} MB; ${tsc.label} ${tsc.files.length} files ${tsc.mb.toFixed(1)} MB`);

const figures = [];
const add = (section, id, label, t, note) => figures.push({ section, id, label, ...t, note });

// ---- (a) Python: the stdlib ------------------------------------------------------------
const pyAll = projectFor(py.root, 'all');
const pyEnv = projectFor(py.root, ['env-access']);
const ruff = ruffPeer.createRuff();
const tree = await createTreeSitter();
// The machine's speed in the same rounds (machineProbe: none of our code, so it reads the
// same across builds): a slow single-core row next to a slow probe is the machine.
const probes = { python: [], typescript: [] };
log('python: timing');
const pyTimes = interleaved([
  { id: 'probe', fn: () => probes.python.push(machineProbe()) },
  // The floor: read every file from the (warm) page cache and decode it as the engine does.
  { id: 'limit', fn: () => { for (const f of py.files) decodePythonSource(readFileSync(f.abs)); } },
  { id: 'lex', fn: () => lexPass(py.files) },
  { id: 'facts', fn: () => pythonFactsPass(py.files) },
  { id: 'check', fn: () => checkPass(pyAll, py.files) },
  { id: 'env', fn: () => checkPass(pyEnv, py.files) },
  { id: 'ruff', fn: () => ruffPeer.ruffPass(ruff, py.files) },
  { id: 'treesitter', fn: () => treeSitterPass(tree, py.files) },
], RUNS, log);
const P = (id) => pyTimes.get(id);
add('python', 'limit', 'read + decode every file (limit)', throughput(P('limit'), py.bytes));
add('python', 'lex', 'Python lexer only', throughput(P('lex'), py.bytes));
add('python', 'frontend', 'Python front end (all facts), 1 core', throughput(P('facts'), py.bytes));
add('python', 'check', 'full check, all rules, 1 core', throughput(P('check'), py.bytes));
add('python', 'env', 'env-access alone, 1 core', throughput(P('env'), py.bytes));
add('python', 'ruff', `ruff ${ruff.version} wasm, TID251 only`, throughput(P('ruff'), py.bytes));
add('python', 'treesitter', `tree-sitter-python ${tree.grammar} wasm, parse only`, throughput(P('treesitter'), py.bytes));
add('python', 'probe', 'machine probe (fixed JS workload; higher = slower machine)', { ...stats(probes.python.slice(1)), unit: 'ms' });
const envVsRuff = { ...ratio(P('env'), P('ruff')), unit: 'x', label: 'env-access alone / ruff TID251 (same round)' };
const feVsTree = { ...ratio(P('facts'), P('treesitter')), unit: 'x', label: 'Python front end / tree-sitter parse (same round)' };

// ---- (b) TS/JS: TypeScript's lib ---------------------------------------------------------
const tsAll = projectFor(tsc.root, 'all');
const tsEnv = projectFor(tsc.root, ['env-access']);
const eslint = eslintPeer.createEslint();
log('typescript: timing (ESLint is the slow one)');
const tsTimes = interleaved([
  { id: 'probe', fn: () => probes.typescript.push(machineProbe()) },
  { id: 'limit', fn: () => { for (const f of tsc.files) readFileSync(f.abs).toString('utf8'); } },
  { id: 'facts', fn: () => tsFactsPass(tsc.files) },
  { id: 'check', fn: () => checkPass(tsAll, tsc.files) },
  { id: 'env', fn: () => checkPass(tsEnv, tsc.files) },
  { id: 'eslint', fn: () => eslintPeer.eslintPass(eslint, tsc.files) },
], RUNS, log);
const S = (id) => tsTimes.get(id);
add('typescript', 'limit', 'read + decode every file (limit)', throughput(S('limit'), tsc.bytes));
add('typescript', 'frontend', 'TS front end (extractTsFacts), 1 core', throughput(S('facts'), tsc.bytes));
add('typescript', 'check', 'full check, all rules, 1 core', throughput(S('check'), tsc.bytes));
add('typescript', 'env', 'env-access alone, 1 core', throughput(S('env'), tsc.bytes));
add('typescript', 'eslint', `ESLint ${eslint.version}, n/no-process-env only`, throughput(S('eslint'), tsc.bytes));
add('typescript', 'probe', 'machine probe (fixed JS workload; higher = slower machine)', { ...stats(probes.typescript.slice(1)), unit: 'ms' });
const envVsEslint = { ...ratio(S('env'), S('eslint')), unit: 'x', label: 'env-access alone / ESLint n/no-process-env (same round)' };

// ---- Agreement with the peers ------------------------------------------------------------
log('agreement');
const ruffCmp = compareFindings(py.files, envFindings(pyEnv, py.files), ruffPeer.ruffFindings(ruff, py.files));
const ruffAgreement = { ...summary(ruffCmp), groups: groupDisagreements(ruffCmp, ruffPeer.whyOursOnly, ruffPeer.whyPeerOnly) };
const es = eslintPeer.eslintFindings(eslint, tsc.files);
const eslintCmp = compareFindings(tsc.files, envFindings(tsEnv, tsc.files), es.findings);
const eslintAgreement = { ...summary(eslintCmp), eslintParseErrors: es.fatal, groups: groupDisagreements(eslintCmp, eslintPeer.whyOursOnly, eslintPeer.whyPeerOnly) };

function summary(c) {
  return { agreed: c.agreed, oursTotal: c.oursTotal, theirsTotal: c.theirsTotal };
}

// ---- Peak RSS of this process (all corpora and peers loaded) ------------------------------
const harnessRssMB = Math.round(process.resourceUsage().maxRSS / 1024);

// ---- LSP edit latency (server over stdio, 3,000-line file, env read in every function) ----
let lsp;
if (!argv.includes('--no-lsp')) {
  log('lsp: edit latency sessions');
  const sessions = [];
  for (let i = 0; i < RUNS; i++) sessions.push(await editSession(3000, 1));
  lsp = { file: '3,000 lines, env read in every function', edits: sessions[0].edits, p50: { ...stats(sessions.map((s) => s.p50)), unit: 'ms' }, p99: { ...stats(sessions.map((s) => s.p99)), unit: 'ms' } };
  add('lsp', 'p50', 'LSP edit -> diagnostics p50 (3,000-line file)', lsp.p50, `${sessions[0].edits} edits per session`);
  add('lsp', 'p99', 'LSP edit -> diagnostics p99 (3,000-line file)', lsp.p99, `${sessions[0].edits} edits per session`);
}

// ---- (c) Full CLI check: stdlib and generated monorepos (bench/scale.mjs) ------------------
let scale = { rows: [], note: '' };
if (!argv.includes('--no-scale')) {
  let mod;
  try {
    mod = await import('./scale.mjs');
  } catch (err) {
    scale.note = `bench/scale.mjs not usable (${err.message}): no CLI cold/warm/jobs rows`;
  }
  if (mod?.measureScale) {
    const sizes = opt('sizes', '1000,5000,25000').split(',').map(Number);
    const corpora = [];
    const sd = mod.stdlibCorpus();
    // Files and bytes of what the CLI checks in that copy (site-packages is not copied).
    const { config } = engine.loadConfig(sd.root);
    const found = engine.discoverFiles(sd.root, engine.createProject(sd.root, config).scope, { maxFileBytes: config.maxFileBytes });
    corpora.push({ ...sd, name: 'python-stdlib (CLI)', files: found.files.length, bytes: found.files.reduce((n, f) => n + f.size, 0) });
    for (const n of sizes) {
      log(`scale: generating ${n} Python files`);
      // The audited shape at full size: 25,000 Python files ~470 MB (scale 2.78) + 1,000 TS.
      const g = mod.generate({ py: n, ts: Math.max(40, Math.round(n / 25)), scale: 2.78 });
      corpora.push({ name: `generated-${n}py`, root: g.out, files: g.files, bytes: g.bytes });
    }
    log(`scale: CLI runs (${RUNS} rounds each of cold, warm, warm-scan, edited; --jobs 1 and 2)`);
    scale.rows = await mod.measureScale({ corpora, jobs: [1, 2], runs: RUNS });
    if (sizes.length) {
      // What a user waits for when an editor opens the largest workspace.
      const big = corpora[corpora.length - 1];
      log(`scale: language server first scan of ${big.name} (${RUNS} cold + warm sessions)`);
      const { measureServerStartup } = await import('./lsp-startup.mjs');
      scale.serverStartup = { corpus: big.name, rows: await measureServerStartup(big.root, RUNS) };
    }
    if (mod.measureIndexMemory && sizes.length) {
      const big = corpora[corpora.length - 1];
      try { scale.indexMemory = { corpus: big.name, ...mod.measureIndexMemory(big.root) }; } catch (err) { scale.indexMemory = { error: String(err.message).slice(0, 300) }; }
    }
  }
} else scale.note = 'skipped (--no-scale)';

// ---- Targets -------------------------------------------------------------------------------
const fig = (section, id) => figures.find((f) => f.section === section && f.id === id);
const targets = [
  { target: 'Python front end >= 60 MB/s, 1 core', measured: fig('python', 'frontend').median, unit: 'MB/s', met: fig('python', 'frontend').median >= 60 },
  { target: 'full check, all rules >= 40 MB/s, 1 core (stdlib)', measured: fig('python', 'check').median, unit: 'MB/s', met: fig('python', 'check').median >= 40 },
  { target: 'env-access alone >= 3x ruff TID251 (stdlib)', measured: envVsRuff.median, unit: 'x', met: envVsRuff.median >= 3 },
];
const full = scale.rows.filter((r) => /25000/.test(r.corpus) && r.jobs === 2);
for (const r of full) {
  if (r.phase === 'cold') targets.push({ target: '470 MB monorepo, cold, --jobs 2 < 10 s', measured: r.wall_ms / 1000, unit: 's', met: r.wall_ms < 10_000 });
  // Warm = the same tree again: the CLI prints its stored output (report-replay.ts). The
  // table above also has warm-scan (that output deleted) and edited (one file changed).
  if (r.phase === 'warm') targets.push({ target: '470 MB monorepo, warm (unchanged tree), --jobs 2 < 2 s', measured: r.wall_ms / 1000, unit: 's', met: r.wall_ms < 2_000 });
}
// The issue states the RSS budget with the --jobs 2 runs; --jobs 1 is in the table above
// (one thread extracting everything lets its heap grow further: see docs/performance.md).
// The worst of the runs, not the median: a budget is about the run that exceeds it.
const peak = Math.max(0, ...full.map((r) => r.max_rss_mb ?? r.peak_rss_mb));
if (peak) targets.push({ target: '470 MB monorepo peak RSS (worst run), --jobs 2 < 1.5 GB', measured: peak, unit: 'MB', met: peak < 1536 });
if (scale.indexMemory?.bytes_per_kb) targets.push({ target: 'index < 250 bytes retained per KB of source', measured: scale.indexMemory.bytes_per_kb, unit: 'B/KB', met: scale.indexMemory.bytes_per_kb < 250 });

machine.loadavgEnd = os.loadavg().map((x) => +x.toFixed(2));
const results = {
  machine,
  runsPerFigure: RUNS,
  corpora: Object.fromEntries([py, tsc].map((c) => [c.id, { label: c.label, root: c.root, files: c.files.length, bytes: c.bytes, mb: +c.mb.toFixed(2) }])),
  figures,
  ratios: { envVsRuff, frontEndVsTreeSitter: feVsTree, envVsEslint },
  harnessPeakRssMB: harnessRssMB,
  lsp,
  scale,
  agreement: { ruff: ruffAgreement, eslint: eslintAgreement },
  targets,
};
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');

// ---- Print -------------------------------------------------------------------------------
const out = [];
out.push(`ssot-lint benchmarks, ${machine.date}: ${machine.cpus} x ${machine.cpu}, node ${machine.node}, load ${machine.loadavgStart.join('/')} -> ${machine.loadavgEnd.join('/')}`);
out.push(`(a) ${py.label}: ${py.files.length} files, ${py.mb.toFixed(1)} MB   (b) ${tsc.label}: ${tsc.files.length} files, ${tsc.mb.toFixed(1)} MB`);
out.push('', figureTable([...figures, { ...envVsRuff }, { ...feVsTree }, { ...envVsEslint }]));
out.push('', `peak RSS of this harness process (all corpora + peers in memory): ${harnessRssMB} MB`);
out.push('', '(c) full CLI check (bench/scale.mjs, child processes; ms are medians with min/max):');
out.push(scale.rows.length ? plainTable(scale.rows) : scale.note);
for (const r of full.filter((row) => row.phase === 'cold')) {
  out.push(`${r.corpus} --jobs 2 cold, every round as wall ms / CPU ms / probe ms / pair probe ms / % of the tree in the page cache (machineProbe and pairProbe just before: higher is a slower machine):`);
  out.push(`  ${r.runs.map(([wall, cpu, probe, pair, resident]) => `${wall} / ${cpu} / ${probe} / ${pair} / ${resident ?? '?'}%`).join('   ')}`);
}
if (scale.indexMemory) out.push('', `index memory: ${JSON.stringify(scale.indexMemory)}`);
if (scale.serverStartup) {
  out.push('', `language server first scan of ${scale.serverStartup.corpus} (bench/lsp-startup.mjs; warm = the next session, with the scan cache the previous one recorded):`);
  out.push(plainTable(scale.serverStartup.rows.map((r) => ({ phase: r.phase, wall_ms: r.wall_ms.median, min: r.wall_ms.min, max: r.wall_ms.max, peak_rss_mb: r.peak_rss_mb.median, max_rss_mb: r.peak_rss_mb.max }))));
}
out.push('', agreementText(`ruff TID251 vs env-access on ${py.id}`, ruffAgreement));
out.push('', agreementText(`ESLint n/no-process-env vs env-access on ${tsc.id}`, eslintAgreement));
out.push('', 'targets:', plainTable(targets.map((t) => ({ ...t, measured: +t.measured.toFixed(2), met: t.met ? 'MET' : 'MISSED' }))));
out.push('', 'written: bench/results.json');
console.log(out.join('\n'));
