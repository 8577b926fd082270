/**
 * The bundled example workspace is the product's demo (`npm start`) and its
 * end-to-end contract: the exact JSON report is pinned in
 * test/fixtures/examples-expected.json, and `--fix` on a copy leaves valid Python
 * that re-checks with only the violations that have no safe fix.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli';
import { pythonParseErrors } from './helpers/python';
import { listFiles } from './helpers/workspace';

const EXAMPLES = path.join(REPO, 'examples');

describe('examples/ workspace', () => {
  it('reports exactly the expected JSON, exit 1', async () => {
    const r = runCli(['check', 'examples', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot(path.join(__dirname, 'fixtures/examples-expected.json'));
  });

  it('has a violation of every rule', () => {
    const report = JSON.parse(runCli(['check', 'examples', '--format', 'json']).stdout);
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout).map((m: { id: string }) => m.id);
    expect(Object.keys(report.violations_by_rule).sort()).toEqual([...rules].sort());
  });

  it('npm start output: text lines and the score summary', async () => {
    const r = runCli(['check', 'examples', '--exit-zero']);
    expect(r.status).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(path.join(__dirname, 'fixtures/examples-expected.txt'));
  });

  it('--fix rewrites a copy safely: valid Python, idempotent, fewer violations', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-examples-'));
    fs.cpSync(EXAMPLES, tmp, { recursive: true });
    const before = JSON.parse(runCli(['check', tmp, '--format', 'json']).stdout);
    const fixed = runCli(['check', tmp, '--fix', '--format', 'json']);
    const after = JSON.parse(fixed.stdout);
    expect(after.total_violations).toBeLessThan(before.total_violations);
    // Rules whose fixes may be unsafe (never applied by --fix) keep their fixable violations.
    const unsafeFixRules = ['env-access', 'mock-justification'];
    expect(after.violations.filter((v: { fixable: boolean; rule: string }) => v.fixable && !unsafeFixRules.includes(v.rule))).toEqual([]);
    const py = listFiles(tmp, (r) => r.endsWith('.py'));
    expect(pythonParseErrors(py.map((f) => fs.readFileSync(path.join(tmp, f), 'utf8')))).toEqual(py.map(() => null));
    const snapshot = py.map((f) => fs.readFileSync(path.join(tmp, f), 'utf8'));
    const again = runCli(['check', tmp, '--fix', '--format', 'json']);
    expect(JSON.parse(again.stdout)).toEqual(after);
    expect(py.map((f) => fs.readFileSync(path.join(tmp, f), 'utf8'))).toEqual(snapshot);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
