#!/usr/bin/env node
/**
 * In-process A/B of two builds' single-core engine on one corpus: both builds are loaded
 * into this one process and alternate over small chunks of files (the order flips every
 * chunk and every round), so a slow stretch of a shared machine costs both alike. On the
 * 2-vCPU machines of issue 7 the same pass varies by 20-40% from minute to minute, while
 * this harness's null test (a build against a copy of itself) gives 0.997-1.00.
 *
 *   git worktree add /tmp/base HEAD~3 && ln -s "$PWD/node_modules" /tmp/base/ && (cd /tmp/base && npx tsc -b)
 *   node bench/ab-inprocess.mjs --a /tmp/base --b . [--pass facts|check|lex] [--corpus DIR] [--rounds 5]
 *
 * facts: extractPythonFacts; lex: the lexer alone; check: checkFile with every rule (the
 * corpus's own config). The corpus defaults to the machine's Python stdlib with
 * site-packages; --corpus takes any folder of .py files (e.g. a generated tree).
 *
 * With two different builds, which one is loaded first moved the ratio by up to 3% either
 * way (twelfth round), though a build against a copy of itself reads 0.997-1.00. So the
 * harness runs a second process with the load order swapped and prints the geometric mean
 * of the two b/a medians; --one-order runs this process only.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pythonStdlib, pythonTree } from './peers/corpora.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = (name, d) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : d);
const builds = { a: resolve(opt('a', '')), b: resolve(opt('b', '.')) };
const pass = opt('pass', 'facts');
const rounds = Number(opt('rounds', '5'));
if (!argv.includes('--a') || !['facts', 'check', 'lex'].includes(pass)) {
  console.error('usage: node bench/ab-inprocess.mjs --a REPO --b REPO [--pass facts|check|lex] [--corpus DIR] [--rounds N]');
  process.exit(2);
}
const { root, files: corpus, mb } = argv.includes('--corpus') ? pythonTree(resolve(opt('corpus', '.'))) : pythonStdlib({ withSitePackages: true });

/** The pass of one build, as a function of one file. */
function passOf(repo) {
  const dist = join(repo, 'shared-rules/dist');
  if (pass === 'lex') {
    const { lex } = require(join(dist, 'lang/python/lexer.js'));
    return (f) => lex(f.text);
  }
  if (pass === 'facts') {
    const { extractPythonFacts } = require(join(dist, 'lang/python/facts.js'));
    return (f) => extractPythonFacts(f.text);
  }
  const engine = require(join(dist, 'index.js'));
  const project = engine.createProject(root, engine.loadConfig(root).config, engine.allRules);
  return (f) => engine.checkFile(project, f.rel, f.text);
}

// Load order: --swapped (the second process) loads b first.
const run = argv.includes('--swapped') ? (({ b, a }) => ({ a, b }))({ b: passOf(builds.b), a: passOf(builds.a) }) : { a: passOf(builds.a), b: passOf(builds.b) };
const chunkSize = pass === 'check' ? 20 : 50;
const chunks = [];
for (let i = 0; i < corpus.length; i += chunkSize) chunks.push(corpus.slice(i, i + chunkSize));
const timed = (fn, chunk) => {
  const t = performance.now();
  for (const f of chunk) fn(f);
  return performance.now() - t;
};

// One untimed pass each (JIT), then the rounds.
for (const f of corpus) { run.a(f); run.b(f); }
const rate = { a: [], b: [] };
for (let r = 0; r < rounds; r++) {
  const ms = { a: 0, b: 0 };
  chunks.forEach((chunk, i) => {
    const order = (i + r) % 2 ? ['b', 'a'] : ['a', 'b'];
    for (const k of order) ms[k] += timed(run[k], chunk);
  });
  rate.a.push(mb / (ms.a / 1000));
  rate.b.push(mb / (ms.b / 1000));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const ratios = rate.a.map((a, i) => rate.b[i] / a);
console.log(`${pass} on ${root}: ${corpus.length} files, ${mb.toFixed(1)} MB, ${rounds} rounds`);
const order = argv.includes('--swapped') ? 'b loaded first' : 'a loaded first';
console.log(`${order}: a ${median(rate.a).toFixed(1)} MB/s   b ${median(rate.b).toFixed(1)} MB/s   b/a median ${median(ratios).toFixed(3)} (rounds: ${ratios.map((x) => x.toFixed(3)).join(' ')})`);
if (!argv.includes('--swapped') && !argv.includes('--one-order')) {
  const other = spawnSync(process.execPath, [process.argv[1], ...argv, '--swapped'], { encoding: 'utf8' });
  if (other.status !== 0) throw new Error(`the swapped run failed: ${other.stderr}`);
  const lines = other.stdout.trim().split('\n');
  console.log(lines[lines.length - 1]);
  const swapped = Number(/b\/a median ([\d.]+)/.exec(lines[lines.length - 1])[1]);
  console.log(`b/a, geometric mean of both load orders: ${Math.sqrt(median(ratios) * swapped).toFixed(3)}`);
}
