/** The CLI's contract: exit codes, errors, formats. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function workspace(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('ssot-lint check', () => {
  it('exit 0 and a 100% score on a clean workspace', () => {
    const dir = workspace('clean', { 'ssot-lint.json': '{}', 'netra_backend/app.py': 'X = 1\n' });
    const r = runCli(['check', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 violations in 0 of 1 files');
    expect(r.stdout).toContain('Compliance score: 100.0%');
  });

  it('exit 1 with path:line:col severity rule message', () => {
    const dir = workspace('dirty', { 'ssot-lint.json': '{}', 'netra_backend/app.py': 'import os\nX = os.getenv("X")\n' });
    const r = runCli(['check', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      'netra_backend/app.py:2:5 error env-access Direct environment access to X via os.getenv(): use shared.isolated_environment.get_env()',
    );
    expect(r.stdout).toContain('Compliance score: 0.0%');
  });

  it('failOn raises the bar: warnings alone exit 0 with failOn error', () => {
    const dir = workspace('failon', { 'ssot-lint.json': '{"failOn": "error"}', 'netra_backend/app.py': 'from . import x\n' });
    const r = runCli(['check', dir]);
    expect(r.stdout).toContain('relative-import');
    expect(r.status).toBe(0);
  });

  it('exit 2 for an invalid config, with file, line, column, path and reason', () => {
    const dir = workspace('badconfig', { 'ssot-lint.json': '{\n  "rules": { "env-access": "loud" }\n}\n', 'a.py': 'X = 1\n' });
    const r = runCli(['check', dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ssot-lint\.json:2:28: invalid config at \/rules\/env-access: /);
  });

  it('exit 2 for unknown options, bad formats and missing paths', () => {
    expect(runCli(['check', '--nope']).status).toBe(2);
    expect(runCli(['check', '--nope']).stderr).toContain("unknown option '--nope'");
    expect(runCli(['check', '--format', 'xml']).stderr).toContain("--format must be text, json, sarif, html or github, not 'xml'");
    const missing = runCli(['check', 'does/not/exist']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('path not found: does/not/exist');
    expect(runCli(['frobnicate']).status).toBe(2);
  });

  it('checks only the given paths, relative to the workspace root', () => {
    const dir = workspace('paths', {
      'ssot-lint.json': '{}',
      'netra_backend/a.py': 'import os\nA = os.getenv("A")\n',
      'auth_service/b.py': 'import os\nB = os.getenv("B")\n',
    });
    const report = JSON.parse(runCli(['check', path.join(dir, 'auth_service'), '--format', 'json']).stdout);
    expect(report.total_files_checked).toBe(1);
    expect(report.violations.map((v: { file: string }) => v.file)).toEqual(['auth_service/b.py']);
  });

  it('skips binary files with a message and keeps going', () => {
    const dir = workspace('binary', { 'ssot-lint.json': '{}', 'ok.py': 'X = 1\n' });
    fs.writeFileSync(path.join(dir, 'blob.py'), Buffer.from([0x58, 0x00, 0x01, 0x02]));
    const r = runCli(['check', dir, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('ssot-lint: skipped blob.py: binary (contains NUL bytes)\n');
    expect(JSON.parse(r.stdout).total_files_checked).toBe(1);
  });

  it('--help per subcommand, rules listing', () => {
    expect(runCli(['check', '--help']).stdout).toContain('Usage: ssot-lint check');
    const rules = runCli(['rules']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(/^env-access\s+error\s+fix\s+Environment variables/m);
  });
});
