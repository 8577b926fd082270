/**
 * Output formats through the real CLI: SARIF validated against the official SARIF 2.1.0
 * schema (test/fixtures/sarif, see its README for provenance), the HTML report rendered
 * by headless Chromium, GitHub workflow commands, --output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { FORMATS_WORKSPACE, tempDir, writeFiles } from './ws';

const tmp = tempDir('ssot-cli-formats-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const dir = writeFiles(path.join(tmp, 'ws'), FORMATS_WORKSPACE);

function schemaValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('--format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, with rules, fingerprints, fixes and baseline state', () => {
    const baseline = path.join(tmp, 'b.json');
    runCli(['baseline', dir, '--output', baseline]);
    fs.appendFileSync(path.join(dir, 'netra_backend/ok.py'), 'import os\nY = os.getenv("Y")\n');
    let r;
    try {
      r = runCli(['check', dir, '--format', 'sarif', '--baseline', baseline, '--docs-base-url', 'https://example.test/rules']);
    } finally {
      // The other suites here expect the workspace as written above.
      fs.writeFileSync(path.join(dir, 'netra_backend/ok.py'), 'X = 1\n');
    }
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = schemaValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // The validator is real: a result without a message is rejected.
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);

    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'env-access');
    expect(rule.helpUri).toBe('https://example.test/rules/env-access.md');
    expect(rule.help.markdown).toContain('# env-access');
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.partialFingerprints['ssotLintFingerprint/v1']).toMatch(/^[0-9a-f]{20}$/);
    }
    expect(run.results.map((x: { baselineState: string }) => x.baselineState).sort()).toEqual(['new', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const env = run.results.find((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === 'env-access' && x.locations[0].physicalLocation.artifactLocation.uri === 'netra_backend/app.py');
    expect(env.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 7, endLine: 3, endColumn: 32 });
    expect(env.fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 32 },
      insertedContent: { text: 'get_env().get("DATABASE_URL")' },
    });
    // Path segments are percent-encoded URI references.
    expect(run.results.some((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === 'scripts/tool%2C%20v2.py')).toBe(true);
  });
});

describe('--format html', () => {
  // Rendering it in a real browser is in test/e2e/html-report.e2e.test.ts (needs chromium).
  it('one self-contained file: no scripts, no remote resources, score and category bars inline', () => {
    const out = path.join(tmp, 'report', 'index.html');
    const r = runCli(['check', dir, '--format', 'html', '--output', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|<link|src="http|url\(http/i);
    expect(html).toContain('Compliance score <span class="score">25.0%</span>');
    expect([...html.matchAll(/<div class="category-bar" data-category="(\w+)"/g)].map((m) => m[1])).toEqual(['real_system', 'test_files', 'other']);
  });
});

describe('--format github', () => {
  it('workflow commands with escaped properties and a summary notice', () => {
    const r = runCli(['check', dir, '--format', 'github']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=netra_backend/app.py,line=3,endLine=3,col=7,endColumn=32,title=ssot-lint env-access::Direct environment access to DATABASE_URL via os.getenv(): use shared.isolated_environment.get_env()',
    );
    expect(lines.some((l) => l.startsWith('::error file=scripts/tool%2C v2.py,line=2,'))).toBe(true);
    // `%` is escaped as %25 in command data; the runner decodes it back to `25.0%`.
    expect(lines.at(-1)).toBe('::notice title=ssot-lint::Compliance score 25.0%25: 4 violations in 3 of 4 files');
  });
});

describe('--format json in pieces', () => {
  it('writes exactly JSON.stringify(report, null, 2), whatever the piece boundaries', async () => {
    const { jsonPieces } = await import('../../server/src/cli/render');
    const { buildReport } = await import('../../shared-rules/src/report');
    const violation = (i: number) => ({
      rule: i % 2 ? 'file-size' : 'env-access',
      severity: 'warning' as const,
      category: 'real_system' as const,
      file: `a/m${i}.py`,
      range: { start: { line: i, character: 1 }, end: { line: i, character: 9 } },
      span: { start: i, end: i + 8 },
      message: `message "${i}"\twith\nescapes \u00e9`,
      fingerprint: `fp${i}`,
      fixes: i % 3 ? [] : [{ title: 'fix', edits: [{ start: i, end: i + 8, newText: 'x' }], safe: true }],
      related: [],
    });
    // Byte for byte, each piece encoded apart as the writer does (StagedBytes): every message holds a two-byte `é`.
    const sameBytes = (pieces: Iterable<string>, value: unknown) =>
      expect(Buffer.concat([...pieces].map((p) => Buffer.from(p, 'utf8')))).toEqual(Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'));
    for (const n of [0, 1, 2, 5, 6, 13]) {
      const report = buildReport([{ path: 'a/m0.py', category: 'real_system' }], Array.from({ length: n }, (_, i) => violation(i)), 3, { adoption: [] });
      sameBytes(jsonPieces(report, 3), report);
      sameBytes(jsonPieces(report), report);
      // As `check --baseline` prints it: a state per violation and the summary.
      const compared = { ...report, violations: report.violations.map((v, i) => ({ ...v, baseline_state: i % 2 ? ('new' as const) : ('unchanged' as const) })), baseline: { new: 1, fixed: 0, unchanged: 1 } };
      sameBytes(jsonPieces(compared, 2), compared);
    }
  });
});

describe('--output', () => {
  it('writes the bytes check prints, and fails with a clear error where it cannot', () => {
    const printed = runCli(['check', dir, '--format', 'json', '--no-cache']);
    const out = path.join(tmp, 'json', 'nested', 'report.json');
    const written = runCli(['check', dir, '--format', 'json', '--no-cache', '--output', out]);
    expect([printed.status, written.status, written.stdout]).toEqual([1, 1, '']);
    expect(fs.readFileSync(out, 'utf8')).toBe(printed.stdout);
    // A folder where the file should go.
    const folder = path.join(tmp, 'json', 'nested');
    const failed = runCli(['check', dir, '--format', 'json', '--no-cache', '--output', folder]);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toBe(`ssot-lint: cannot write ${folder}: EISDIR\nRun 'ssot-lint check --help' for usage.\n`);
  });
});
