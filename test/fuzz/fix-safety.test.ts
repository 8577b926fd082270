/**
 * Every fix on real code: a deterministic sample of the Python stdlib (all of it with
 * FIX_SAFETY_ALL=1), every fixture workspace, typescript/lib and generated TS/JS with
 * process.env uses. Properties in fix-safety-lib.ts; parse checks with CPython's ast
 * (one batched python3 per chunk) and typescript's parser.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createProject, type Project } from '../../shared-rules/src/engine/check';
import { loadConfig } from '../../shared-rules/src/config/load';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { decodePythonSource, encodePythonSource } from '../../shared-rules/src/lang/python/decode';
import { pythonParseErrors } from '../helpers/python';
import { checkFixSafety, type Encoding, type FixedText } from './fix-safety-lib';
import { sampleFiles } from './generators';
import { Rng } from './prng';

const REPO = path.resolve(__dirname, '../..');
const STDLIB = execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const SAMPLE = process.env.FIX_SAFETY_ALL ? Infinity : 250;
const utf8 = (bom: boolean): Encoding => ({ encode: (t) => Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(t, 'utf8')]) });

interface Totals { files: number; skipped: number; fixes: number; parsedChecks: number; failures: string[] }

/** Python files of one root: decode as the engine does, check every fix, parse originals and results in batches. */
function pythonRun(project: Project, files: string[], t: Totals): void {
  for (let i = 0; i < files.length; i += 40) {
    const chunk = files.slice(i, i + 40).map((rel) => {
      const bytes = fs.readFileSync(path.join(project.root, rel));
      return { rel, bytes, d: decodePythonSource(bytes) };
    });
    const usable = chunk.filter(({ rel, bytes, d }) => {
      // A file we cannot round-trip (invalid bytes, unknown codec) is one --fix must refuse; it is not a fix-safety case.
      let ok = !d.malformed && d.unknownEncoding === undefined;
      try {
        ok = ok && Buffer.from(encodePythonSource(d.text, d.encoding, d.bom)).equals(bytes);
      } catch {
        ok = false;
      }
      if (!ok) t.skipped++;
      void rel;
      return ok;
    });
    const parsedBefore = pythonParseErrors(usable.map((f) => f.d.text));
    const outputs: FixedText[] = [];
    usable.forEach(({ rel, bytes, d }, k) => {
      t.files++;
      const r = checkFixSafety(project, rel, d.text, bytes, { encode: (s) => encodePythonSource(s, d.encoding, d.bom) });
      t.fixes += r.fixesTried;
      t.failures.push(...r.failures);
      if (parsedBefore[k] === null) outputs.push(...r.outputs.map((o) => ({ label: `${rel}: ${o.label}`, text: o.text })));
    });
    pythonParseErrors(outputs.map((o) => o.text)).forEach((err, k) => {
      t.parsedChecks++;
      if (err !== null) t.failures.push(`${outputs[k].label}: the file parsed before the fix and not after: ${err}`);
    });
  }
}

function tsSyntaxErrors(file: string, text: string): number {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  return ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
}

function tsRun(project: Project, files: { rel: string; bytes: Buffer }[], t: Totals): void {
  for (const { rel, bytes } of files) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    t.files++;
    const r = checkFixSafety(project, rel, text, bytes, utf8(bom));
    t.fixes += r.fixesTried;
    t.failures.push(...r.failures);
    const before = tsSyntaxErrors(rel, text);
    for (const o of r.outputs) {
      t.parsedChecks++;
      if (tsSyntaxErrors(rel, o.text) > before) t.failures.push(`${rel}: ${o.label}: new syntax errors after the fix`);
    }
  }
}

/** TS/JS files exercising every env-access form the fix rewrites, in varied file shapes. */
function generatedTs(rng: Rng, n: number): { rel: string; bytes: Buffer }[] {
  const reads = ['process.env.NEXT_PUBLIC_API_URL', "process.env['NODE_ENV']", 'process.env["NEXT_PUBLIC_WS_URL"]', 'process.env.NEXT_PUBLIC_AUTH_URL!', 'process.env.UNKNOWN_KEY', '(process.env.NEXT_PUBLIC_ENVIRONMENT as string)'];
  const heads = ['', "'use client';\n", '#!/usr/bin/env node\n', "/** Module doc. */\nimport React from 'react';\n", "import { getUnifiedApiConfig } from '../lib/unified-api-config';\n", "// @ts-check\n\"use strict\";\n"];
  const shapes = [
    (r: string) => `export const url = ${r};\n`,
    (r: string) => `function f() {\n  return ${r} ?? 'x';\n}\n`,
    (r: string) => `class C {\n  url = ${r};\n  m() { if (${r}) { return \`\${${r}}/api\`; } }\n}\n`,
    (r: string) => `const App = () => <div title={${r}}>{${r}}</div>;\n`,
    (r: string) => `const { NODE_ENV } = process.env;\nconst y = ${r};\n`,
    (r: string) => `export default { a: ${r}, b: [${r}, ${r}] };\n`,
  ];
  const out: { rel: string; bytes: Buffer }[] = [];
  for (let i = 0; i < n; i++) {
    const jsx = rng.chance(0.4);
    let body = rng.pick(heads);
    for (let k = rng.range(1, 5); k > 0; k--) {
      const shape = rng.pick(shapes);
      if (!jsx && shape === shapes[3]) continue;
      body += shape(rng.pick(reads));
    }
    if (rng.chance(0.3)) body = body.replace(/\n/g, '\r\n');
    if (rng.chance(0.2)) body = body.replace(/\n$/, '');
    const ext = jsx ? rng.pick(['tsx', 'jsx']) : rng.pick(['ts', 'mts', 'js', 'cjs']);
    const text = rng.chance(0.1) ? `\ufeff${body}` : body;
    out.push({ rel: `frontend/app/gen${i}.${ext}`, bytes: Buffer.from(text, 'utf8') });
  }
  return out;
}

const report = (what: string, t: Totals) =>
  console.log(`fix safety ${what}: ${t.files} files, ${t.fixes} fixes applied one by one (+ fixAll), ${t.parsedChecks} parse checks, ${t.skipped} files not round-trippable (skipped), ${t.failures.length} failures`);

describe('fix safety on real code', () => {
  it(`Python stdlib (${SAMPLE === Infinity ? 'all' : `sample of ${SAMPLE}`} files, site-packages excluded)`, () => {
    const files = sampleFiles(STDLIB, ['.py'], SAMPLE, new Rng(0xf1c5), 400_000, (rel) => rel.includes('site-packages') || rel.startsWith('lib2to3/tests/data'));
    const t: Totals = { files: 0, skipped: 0, fixes: 0, parsedChecks: 0, failures: [] };
    pythonRun(createProject(STDLIB, netraPreset()), files.map((f) => path.relative(STDLIB, f).split(path.sep).join('/')), t);
    report('python stdlib', t);
    expect(t.failures.slice(0, 30)).toEqual([]);
    expect(t.fixes).toBeGreaterThan(100);
  }, 300_000);

  it('every fixture workspace (rule cases, examples, test/fixtures)', () => {
    const roots = [path.join(REPO, 'examples'), ...fs.readdirSync(path.join(REPO, 'test/rules')).map((d) => path.join(REPO, 'test/rules', d))];
    for (const f of fs.readdirSync(path.join(REPO, 'test/fixtures'), { recursive: true }) as string[]) if (f.endsWith('ssot-lint.json')) roots.push(path.join(REPO, 'test/fixtures', path.dirname(f)));
    const t: Totals = { files: 0, skipped: 0, fixes: 0, parsedChecks: 0, failures: [] };
    for (const root of roots.filter((r) => fs.statSync(r).isDirectory())) {
      const project = createProject(root, loadConfig(root).config);
      const rels = sampleFiles(root, ['.py', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'], Infinity, new Rng(1)).map((f) => path.relative(root, f).split(path.sep).join('/'));
      pythonRun(project, rels.filter((r) => r.endsWith('.py')), t);
      tsRun(project, rels.filter((r) => !r.endsWith('.py')).map((rel) => ({ rel, bytes: fs.readFileSync(path.join(root, rel)) })), t);
    }
    report('fixtures', t);
    expect(t.failures.slice(0, 30)).toEqual([]);
  }, 120_000);

  it('TS/JS: typescript/lib declaration files and generated process.env code', () => {
    const lib = path.join(REPO, 'node_modules/typescript/lib');
    const libFiles = fs.readdirSync(lib).filter((f) => f.endsWith('.d.ts') && fs.statSync(path.join(lib, f)).size < 300_000);
    const t: Totals = { files: 0, skipped: 0, fixes: 0, parsedChecks: 0, failures: [] };
    const project = createProject('/gen', netraPreset());
    tsRun(project, libFiles.map((f) => ({ rel: `frontend/types/${f}`, bytes: fs.readFileSync(path.join(lib, f)) })), t);
    tsRun(project, generatedTs(new Rng(0x75), 300), t);
    report('typescript', t);
    expect(t.failures.slice(0, 30)).toEqual([]);
    expect(t.fixes).toBeGreaterThan(300);
  }, 120_000);
});
