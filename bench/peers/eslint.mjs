// Peer: ESLint 9 with eslint-plugin-n's `n/no-process-env`, @typescript-eslint/parser for
// TypeScript and ESLint's own espree for JavaScript. The Linter API lints in-memory text,
// so ESLint reads the same strings as our engine (no file I/O on either side).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function createEslint() {
  const { Linter } = require('eslint');
  const n = require('eslint-plugin-n');
  const tsParser = require('@typescript-eslint/parser');
  const linter = new Linter({ configType: 'flat' });
  const rules = { 'n/no-process-env': 'error' };
  const config = [
    { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' }, plugins: { n }, rules },
    // TypeScript's bundled .js files are CommonJS scripts.
    { files: ['**/*.js', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' }, plugins: { n }, rules },
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, plugins: { n }, rules },
  ];
  return { version: Linter.version ?? require('eslint/package.json').version, linter, config };
}

export function eslintPass(es, files) {
  let count = 0;
  for (const f of files) count += es.linter.verify(f.text, es.config, { filename: f.rel }).length;
  return count;
}

/** n/no-process-env findings as { file, line, col } (1-based); parse errors are returned apart. */
export function eslintFindings(es, files) {
  const out = [];
  const fatal = [];
  for (const f of files) {
    for (const m of es.linter.verify(f.text, es.config, { filename: f.rel })) {
      if (m.ruleId === 'n/no-process-env') out.push({ file: f.rel, line: m.line, col: m.column, what: 'process.env' });
      else if (m.fatal) fatal.push({ file: f.rel, line: m.line, message: m.message });
    }
  }
  return { findings: out, fatal };
}

export function whyOursOnly(d) {
  if (/import\.meta\.env/.test(d.code)) return 'import.meta.env: env-access covers the ESM/Vite form; n/no-process-env only matches process.env';
  if (/^process\s*\[/.test(d.code) || /process\[['"`]env/.test(d.code)) return "process['env']: computed member form, which n/no-process-env does not match";
  return 'UNEXPLAINED';
}

export function whyPeerOnly() {
  return 'UNEXPLAINED';
}
