// Lexer-only and full-facts throughput of the Python front end over the stdlib.
// Usage: npx tsc -b shared-rules && node bench/python-frontend.mjs [dir]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { lex } = require('../shared-rules/dist/lang/python/lexer.js');
const { extractPythonFacts } = require('../shared-rules/dist/lang/python/facts.js');
const { decodePythonSource } = require('../shared-rules/dist/lang/python/decode.js');

const dir = process.argv[2] ?? execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const files = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && e.name.endsWith('.py')) files.push(p);
  }
})(dir);

const texts = files.map((f) => decodePythonSource(readFileSync(f)).text);
const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
const mb = bytes / 1e6;

function run(name, fn) {
  fn(); // warm-up
  const t = process.hrtime.bigint();
  let tokens = 0;
  for (const s of texts) tokens += fn(s) ?? 0;
  const sec = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`${name.padEnd(6)} ${(mb / sec).toFixed(1)} MB/s (${mb.toFixed(1)} MB, ${files.length} files, ${sec.toFixed(2)} s${tokens ? `, ${tokens} tokens` : ''})`);
}

run('lex', (s) => (s === undefined ? texts.slice(0, 300).forEach((t) => lex(t)) : lex(s).count));
run('facts', (s) => { if (s === undefined) texts.slice(0, 300).forEach((t) => extractPythonFacts(t)); else extractPythonFacts(s); });
