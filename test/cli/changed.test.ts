/** `--changed-since REF` in a real git repository: only changed and untracked files are reported. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { CONFIG, tempDir, writeFiles } from './ws';

const tmp = tempDir('ssot-cli-changed-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('--changed-since', () => {
  it('reports violations only in files changed since the ref, plus untracked ones', () => {
    const dir = writeFiles(path.join(tmp, 'repo'), {
      'ssot-lint.json': CONFIG,
      '.gitignore': 'ignored/\n',
      'netra_backend/a.py': 'import os\nA = os.getenv("A")\n',
      'netra_backend/b.py': 'import os\nB = os.getenv("B")\n',
      'netra_backend/c.py': 'C = 1\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    fs.appendFileSync(path.join(dir, 'netra_backend/b.py'), 'B2 = os.getenv("B2")\n');
    writeFiles(dir, { 'auth_service/new.py': 'import os\nN = os.getenv("N")\n', 'ignored/x.py': 'import os\nI = os.getenv("I")\n' });
    const r = runCli(['check', dir, '--changed-since', 'HEAD', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect([...new Set(report.violations.map((v: { file: string }) => v.file))]).toEqual(['auth_service/new.py', 'netra_backend/b.py']);
    expect(report.total_files_checked).toBe(2);
    expect(report.total_violations).toBe(3);

    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'more');
    const none = runCli(['check', dir, '--changed-since', 'HEAD', '--format', 'json']);
    expect(JSON.parse(none.stdout).total_violations).toBe(0);
    expect(none.status).toBe(0);

    const bad = runCli(['check', dir, '--changed-since', 'no-such-ref']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--changed-since: git diff failed');
  });
});
