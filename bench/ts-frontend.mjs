// Throughput of the TS/JS front end (extractTsFacts) over TypeScript's own lib files.
// Build first: npx tsc -b shared-rules. Usage: node bench/ts-frontend.mjs [rounds]
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { extractTsFacts } = require('../shared-rules/dist/lang/ts/facts.js');
const ts = require('typescript');
const lib = join(require.resolve('typescript/package.json'), '..', 'lib');
const files = readdirSync(lib)
  .filter((f) => f.endsWith('.d.ts') || f.endsWith('.js'))
  .map((f) => ({ name: f, text: readFileSync(join(lib, f), 'utf8') }));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const rounds = Number(process.argv[2] ?? 3);

function time(label, fn) {
  fn(); // warm-up
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  console.log(`${label}: ${(bytes / 1e6 / best).toFixed(1)} MB/s (best of ${rounds}, ${(best * 1000).toFixed(0)} ms)`);
}

console.log(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
const kind = (name) => (name.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
time('parse only, default options', () => {
  for (const f of files) ts.createSourceFile(f.name, f.text, ts.ScriptTarget.Latest, false, kind(f.name));
});
// What extractTsFacts uses: JSDoc bodies are not parsed.
time('parse only, jsDocParsingMode ParseNone', () => {
  for (const f of files) ts.createSourceFile(f.name, f.text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind(f.name));
});
time('extractTsFacts', () => {
  for (const f of files) extractTsFacts(f.text, f.name);
});
