#!/usr/bin/env node
/**
 * A/B of two builds of ssot-lint on one tree: their CLI runs alternate round by round, so
 * a load spike on a shared machine costs both alike (on the 2-vCPU machines here the same
 * run varies by 20% from one minute to the next). Prints each run's wall, CPU, peak RSS
 * and step timings (SSOT_LINT_TIMINGS), then medians, and checks that both builds wrote
 * the same output.
 *
 *   git worktree add /tmp/base HEAD~3 && (cd /tmp/base && npm ci && npx tsc -b)
 *   node bench/ab.mjs --tree bench/generated/monorepo-5000-200-42-x2.78 --a /tmp/base --b . [--mode cold|warm|warm-scan|edited] [--jobs 2] [--rounds 5]
 *
 * cold: a fresh cache folder per run; warm: each build keeps its own cache, filled once
 * before the first timed run (a build that stores its output replays it, see
 * server/src/cli/report-replay.ts); warm-scan: the same with stored outputs deleted before
 * each run, so the scan cache's path is what is measured; edited: before each run one
 * module gains or loses a trailing comment, so every run finds one file changed since its
 * build's previous run (the file is restored at the end).
 *
 * --instructions counts instead of timing: each run goes under valgrind's cachegrind
 * (no cache simulation) with node --single-threaded (no concurrent compiler or collector
 * threads), and prints the instructions it executed. On this machine's swings of 20-70%
 * between stretches, that is the A/B that repeats: the same front-end run counted twice
 * differs by ~0.1%, and a --jobs 2 check (two threads claiming work as they go) by <1%.
 * It measures work, not time (a cache miss or a syscall counts as little), ~50x slower:
 * use a small tree (monorepo-1000-40-42-x2.78) and a few rounds.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const argv = process.argv.slice(2);
const opt = (name, d) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : d);
const tree = path.resolve(opt('tree', ''));
const builds = { a: path.resolve(opt('a', '')), b: path.resolve(opt('b', '.')) };
const mode = opt('mode', 'cold');
const jobs = opt('jobs', '2');
const rounds = Number(opt('rounds', '5'));
const instructions = argv.includes('--instructions');
if (!argv.includes('--tree') || !argv.includes('--a') || !fs.existsSync(tree) || !fs.existsSync(path.join(builds.a, 'server/bin/ssot-lint.js')) || !['cold', 'warm', 'warm-scan', 'edited'].includes(mode)) {
  console.error('usage: node bench/ab.mjs --tree DIR --a REPO --b REPO [--mode cold|warm|warm-scan|edited] [--jobs N] [--rounds N] [--instructions]');
  process.exit(2);
}

// Each build's CLI must load its own engine: a worktree whose node_modules is a link to
// another checkout's resolves @ssot-lint/shared-rules there, and the A/B becomes a null test.
for (const [k, repo] of Object.entries(builds)) {
  const engine = createRequire(path.join(repo, 'server/dist/index.js')).resolve('@ssot-lint/shared-rules');
  if (!engine.startsWith(fs.realpathSync(repo) + path.sep)) {
    console.error(`build ${k} (${repo}) loads the engine at ${engine}, not its own: give it its own node_modules (npm ci)`);
    process.exit(2);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-ab-'));
const cacheOf = (k) => path.join(work, `cache-${k}`);
const outOf = (k) => path.join(work, `out-${k}.json`);

// edited: the module toggled, and the state (0 original, 1 with the comment) each build last saw.
const edited = mode === 'edited' ? (await import('./scale.mjs')).fileToEdit(tree) : undefined;
const original = edited && { bytes: fs.readFileSync(edited), stat: fs.statSync(edited) };
const seen = { a: 0, b: 0 };
function toggle(k) {
  seen[k] = 1 - seen[k];
  fs.writeFileSync(edited, seen[k] ? Buffer.concat([original.bytes, Buffer.from('\n# edited by bench/ab.mjs\n')]) : original.bytes);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(edited, old, old);
}

function run(k) {
  if (mode === 'cold') fs.rmSync(cacheOf(k), { recursive: true, force: true });
  if (mode === 'edited') toggle(k);
  if (mode === 'warm-scan' && fs.existsSync(cacheOf(k))) for (const f of fs.readdirSync(cacheOf(k))) if (f.startsWith('report-')) fs.rmSync(path.join(cacheOf(k), f));
  const args = [path.join(builds[k], 'server/bin/ssot-lint.js'), 'check', tree, '--root', tree, '--format', 'json', '--output', outOf(k), '--exit-zero', '--no-progress', '--jobs', jobs, '--cache-location', cacheOf(k)];
  if (instructions) return counted(k, args);
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, SSOT_LINT_TIMINGS: '1' } });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${k} failed: ${r.stderr.slice(-1000)}`);
  const lines = r.stderr.trim().split('\n');
  const [user, sys, rssKB] = lines.at(-1).split(' ').map(Number);
  const steps = JSON.parse(lines.find((l) => l.startsWith('ssot-lint timings (ms): '))?.slice(24) ?? '{}');
  return { wall_s: +(wall / 1000).toFixed(2), cpu_s: +(user + sys).toFixed(2), rss_mb: Math.round(rssKB / 1024), ...steps };
}

/** One run under cachegrind: the instructions it executed, in billions. */
function counted(k, args) {
  const vg = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null'];
  const r = spawnSync('valgrind', [...vg, process.execPath, '--single-threaded', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !refs) throw new Error(`${k} failed under valgrind (is it installed?): ${(r.stderr ?? String(r.error)).slice(-1000)}`);
  return { instructions_g: +(Number(refs[1].replaceAll(',', '')) / 1e9).toFixed(3) };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const runs = { a: [], b: [] };
if (mode !== 'cold') for (const k of ['a', 'b']) run(k);
for (let i = 0; i < rounds; i++) {
  // Alternate who goes first, so neither always runs right after the other's page-cache work.
  for (const k of i % 2 ? ['b', 'a'] : ['a', 'b']) {
    const r = run(k);
    runs[k].push(r);
    console.log(`${k} round ${i + 1}: ${JSON.stringify(r)}`);
  }
}
console.log(`\n${mode}, --jobs ${jobs}, ${rounds} rounds on ${tree}`);
for (const key of Object.keys(runs.a[0])) {
  const a = median(runs.a.map((r) => r[key] ?? 0));
  const b = median(runs.b.map((r) => r[key] ?? 0));
  console.log(`${key.padEnd(24)} a ${String(a).padStart(9)}   b ${String(b).padStart(9)}   b/a ${(b / a).toFixed(instructions ? 4 : 2)}`);
}
if (original) {
  fs.writeFileSync(edited, original.bytes);
  fs.utimesSync(edited, original.stat.atime, original.stat.mtime);
}
const same = fs.readFileSync(outOf('a')).equals(fs.readFileSync(outOf('b')));
console.log(`outputs ${same ? 'identical' : 'DIFFER'}`);
fs.rmSync(work, { recursive: true, force: true });
process.exit(same ? 0 : 1);
