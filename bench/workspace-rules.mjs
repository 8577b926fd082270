#!/usr/bin/env node
/**
 * Workspace-rules benchmark: cold and warm (facts cache) full scans of a generated
 * monorepo (bench/generate-monorepo.mjs, 20,000 Python + 1,000 TS files) with every rule
 * on, and an incremental re-check after editing a module that 500 files import.
 * Each scan runs in its own process so peak RSS is per phase. Needs `npx tsc -b` first.
 *
 * Usage: node bench/workspace-rules.mjs [--py 20000] [--ts 1000] [--seed 42]
 * Targets: warm scan < 2 s; incremental re-check < 50 ms.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { peakRssMB } from './peers/measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = (name, d) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : d);

if (argv[0] === '--phase') {
  const [, phase, root, cacheDir] = argv;
  const engine = require(path.join(here, '..', 'shared-rules', 'dist'));
  const { config } = engine.loadConfig(root);
  const project = engine.createProject(root, config);
  const t0 = performance.now();
  const scan = engine.scanWorkspace(project, undefined, { cacheDir });
  const wall = performance.now() - t0;
  const result = { phase, wall_ms: Math.round(wall), files: scan.results.length, bytes: scan.bytes, mb_per_s: +(scan.bytes / 1e6 / (wall / 1000)).toFixed(1), violations: scan.report.total_violations, cache: scan.cache && { hits: scan.cache.hits, misses: scan.cache.misses }, peak_rss_mb: peakRssMB() };
  if (phase === 'incremental') {
    // Edit the hub module (imported by 500 files): update the index, find the dependents, re-check them.
    const hub = 'netra_backend/app/core/hub.py';
    const text = fs.readFileSync(path.join(root, hub), 'utf8') + '\n\nclass HubEvent:\n    pass\n';
    const runs = [];
    let dependents = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const facts = engine.extractFacts(hub, text);
      dependents = project.index.update(hub, engine.outlineOf(facts, text));
      engine.checkFile(project, hub, text, facts);
      for (const dep of dependents) {
        const depText = fs.readFileSync(path.join(root, dep), 'utf8');
        engine.checkFile(project, dep, depText);
      }
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    result.incremental = { dependents: dependents.length, median_ms: +runs[2].toFixed(1), min_ms: +runs[0].toFixed(1), max_ms: +runs[4].toFixed(1) };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

const py = opt('py', '20000');
const ts = opt('ts', '1000');
const seed = opt('seed', '42');
const gen = JSON.parse(execFileSync(process.execPath, [path.join(here, 'generate-monorepo.mjs'), '--py', py, '--ts', ts, '--seed', seed], { encoding: 'utf8' }));
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-bench-cache-'));
const run = (phase) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', phase, gen.out, cacheDir], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const cold = run('cold');
const warm = run('warm');
const incremental = run('incremental');
fs.rmSync(cacheDir, { recursive: true, force: true });
const summary = {
  workspace: { python: +py, typescript: +ts, seed: +seed, files: gen.files, mb: +(gen.bytes / 1e6).toFixed(1) },
  cold,
  warm,
  incremental: incremental.incremental,
  targets: { warm_under_2s: warm.wall_ms < 2000, incremental_under_50ms: incremental.incremental.median_ms < 50 },
  machine: { cpus: os.cpus().length, node: process.version },
};
process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
