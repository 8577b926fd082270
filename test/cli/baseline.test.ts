/** Baseline ratchet through the real CLI: fingerprints survive edits, moves and renames; counts are exact. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { CONFIG, tempDir, writeFiles } from './ws';

const tmp = tempDir('ssot-cli-baseline-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const APP = [
  'import os',
  '',
  '',
  'def load():',
  '    url = os.getenv("DATABASE_URL")',
  '    return url',
  '',
  '',
  'def other():',
  '    return 1',
  '',
].join('\n');

let n = 0;
function fresh(files: Record<string, string> = { 'netra_backend/app.py': APP }): string {
  const dir = path.join(tmp, `ws${n++}`);
  writeFiles(dir, { 'ssot-lint.json': CONFIG, 'netra_backend/other.py': 'import os\nKEY = os.environ["KEY"]\n', ...files });
  const r = runCli(['baseline', dir]);
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/wrote 2 entries to /);
  return dir;
}

function check(dir: string, ...extra: string[]) {
  const r = runCli(['check', dir, '--baseline', path.join(dir, 'ssot-lint-baseline.json'), '--format', 'json', ...extra]);
  const report = JSON.parse(r.stdout);
  return { status: r.status, baseline: report.baseline, report, stderr: r.stderr };
}

describe('ssot-lint baseline + check --baseline', () => {
  it('writes sorted entries, one per line, with the same bytes on every run and at any path', () => {
    const dir = fresh();
    const first = fs.readFileSync(path.join(dir, 'ssot-lint-baseline.json'), 'utf8');
    const lines = first.split('\n');
    expect(lines.slice(0, 3)).toEqual(['{', '  "version": 1,', '  "entries": [']);
    expect(lines[3]).toMatch(/^ {4}\{"rule":"env-access","file":"netra_backend\/app.py","fingerprint":"[0-9a-f]{20}","content":"[0-9a-f]{20}"\},$/);
    expect(lines[4]).toMatch(/^ {4}\{"rule":"env-access","file":"netra_backend\/other.py",/);
    expect(runCli(['baseline', dir]).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'ssot-lint-baseline.json'), 'utf8')).toBe(first);
    // Another checkout location (another machine): identical bytes.
    const copy = fresh();
    expect(fs.readFileSync(path.join(copy, 'ssot-lint-baseline.json'), 'utf8')).toBe(first);
  });

  it('unchanged code: 0 new, exit 0', () => {
    const r = check(fresh());
    expect(r.baseline).toEqual({ new: 0, fixed: 0, unchanged: 2 });
    expect(r.status).toBe(0);
    expect(r.report.violations.map((v: { baseline_state: string }) => v.baseline_state)).toEqual(['unchanged', 'unchanged']);
  });

  it('survives inserting lines above the violation', () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, 'netra_backend/app.py'), '"""Docs."""\n# a comment\n\n' + APP);
    const r = check(dir);
    expect(r.baseline).toEqual({ new: 0, fixed: 0, unchanged: 2 });
    expect(r.report.violations[0].line).toBe(8);
    expect(r.status).toBe(0);
  });

  it('survives editing another function', () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, 'netra_backend/app.py'), APP.replace('    return 1', '    x = 2\n    return x + 1'));
    expect(check(dir).baseline).toEqual({ new: 0, fixed: 0, unchanged: 2 });
  });

  it('survives renaming (moving) the file', () => {
    const dir = fresh();
    fs.mkdirSync(path.join(dir, 'netra_backend/db'));
    fs.renameSync(path.join(dir, 'netra_backend/app.py'), path.join(dir, 'netra_backend/db/connection.py'));
    const r = check(dir);
    expect(r.baseline).toEqual({ new: 0, fixed: 0, unchanged: 2 });
    expect(r.status).toBe(0);
  });

  it('a duplicated violating line is exactly one new violation, exit 1', () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, 'netra_backend/app.py'), APP.replace('    return url', '    url = os.getenv("DATABASE_URL")\n    return url'));
    const r = check(dir);
    expect(r.baseline).toEqual({ new: 1, fixed: 0, unchanged: 2 });
    expect(r.status).toBe(1);
    const fresh1 = r.report.violations.filter((v: { baseline_state: string }) => v.baseline_state === 'new');
    expect(fresh1.map((v: { file: string; line: number }) => `${v.file}:${v.line}`)).toEqual(['netra_backend/app.py:6']);
    // Text output lists only the new one.
    const text = runCli(['check', dir, '--baseline', path.join(dir, 'ssot-lint-baseline.json')]);
    expect(text.stdout.split('\n')[0]).toMatch(/^netra_backend\/app.py:6:11 error env-access /);
    expect(text.stdout).toContain('Baseline: 1 new, 0 fixed, 2 unchanged (not listed)');
  });

  it('fixing one is one fixed, exit 0; --update-baseline drops it and never adds', () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, 'netra_backend/other.py'), 'KEY = "k"\n');
    fs.writeFileSync(path.join(dir, 'netra_backend/new.py'), 'import os\nNEW = os.getenv("NEW")\n');
    const r = check(dir);
    expect(r.baseline).toEqual({ new: 1, fixed: 1, unchanged: 1 });
    expect(r.status).toBe(1);
    const file = path.join(dir, 'ssot-lint-baseline.json');
    const before = fs.readFileSync(file, 'utf8').split('\n');
    const u = check(dir, '--update-baseline');
    expect(u.stderr).toContain('baseline updated: 1 fixed entry removed');
    const after = fs.readFileSync(file, 'utf8').split('\n');
    expect(after).toEqual(before.filter((l) => !l.includes('netra_backend/other.py')).map((l) => l.replace(/\},$/, '}')));
    expect(after.join('\n')).not.toContain('new.py');
    expect(check(dir).baseline).toEqual({ new: 1, fixed: 0, unchanged: 1 });
  });

  it('exit 2 for a missing or malformed baseline file', () => {
    const dir = fresh();
    const missing = runCli(['check', dir, '--baseline', path.join(dir, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('baseline file not found');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"version": 7}');
    const bad = runCli(['check', dir, '--baseline', path.join(dir, 'bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('invalid baseline');
    expect(runCli(['check', dir, '--update-baseline']).stderr).toContain('--update-baseline needs --baseline FILE');
  });
});
