// Benchmark (not a test): full `ssot-lint check` of the Python standard library through
// the real CLI. Cold = no facts cache; warm = second run on a fresh cache location.
// Prints files, MB, seconds, files/s, MB/s and the child's peak RSS.
// Usage: npm run build && node bench/cli-stdlib.mjs [root]
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'server/bin/ssot-lint.js');
const root = process.argv[2] ?? execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-bench-'));

// The child reports its own peak RSS (MB) at exit, through the harness's one helper
// (peers/measure.mjs peakRssMB: VmHWM, not the rusage maxRSS a child inherits from us).
const wrapper = path.join(tmp, 'wrap.mjs');
const measure = pathToFileURL(path.join(repo, 'bench/peers/measure.mjs')).href;
fs.writeFileSync(wrapper, `import { writeFileSync } from 'node:fs';\nimport { peakRssMB } from '${measure}';\nprocess.on('exit', () => writeFileSync(process.env.SSOT_BENCH_RSS, String(peakRssMB())));\n`);

function run(label, extra) {
  const rssFile = path.join(tmp, `${label}.rss`);
  const out = path.join(tmp, `${label}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(wrapper).href, bin, 'check', '--root', root, root, '--format', 'json', '--output', out, '--exit-zero', '--no-progress', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, SSOT_BENCH_RSS: rssFile },
    maxBuffer: 1 << 30,
  });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${label}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  return { label, secs, files: report.total_files_checked, violations: report.total_violations, rssMB: Number(fs.readFileSync(rssFile, 'utf8')), json: fs.readFileSync(out, 'utf8') };
}

// Bytes of exactly the files the CLI checks (same discovery, same default excludes).
function sourceBytes(dir) {
  const engine = createRequire(import.meta.url)(path.join(repo, 'shared-rules/dist/index.js'));
  const { config } = engine.loadConfig(dir);
  const found = engine.discoverFiles(dir, engine.createProject(dir, config).scope, { maxFileBytes: config.maxFileBytes });
  return { files: found.files.length, bytes: found.files.reduce((n, f) => n + f.size, 0) };
}

const src = sourceBytes(root);
const mb = src.bytes / 1e6;
const cache = path.join(tmp, 'cache');
const rows = [run('cold (--no-cache)', ['--no-cache']), run('cache fill', ['--cache-location', cache]), run('warm cache', ['--cache-location', cache])];
console.log(`root: ${root} (${src.files} files in scope, ${mb.toFixed(1)} MB), node ${process.version}, ${os.cpus().length} cores`);
for (const r of rows) {
  console.log(`${r.label.padEnd(18)} ${r.files} files  ${r.secs.toFixed(2)} s  ${(r.files / r.secs).toFixed(0)} files/s  ${(mb / r.secs).toFixed(2)} MB/s  peak RSS ${r.rssMB.toFixed(0)} MB  (${r.violations} violations)`);
}
console.log(`identical JSON cold vs warm: ${rows[0].json === rows[2].json}`);
fs.rmSync(tmp, { recursive: true, force: true });
