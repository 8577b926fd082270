/** `check --fix-dry-run` prints the exact unified diff and writes nothing; `--fix` writes it and says so. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { CONFIG, tempDir, writeFiles } from './ws';

const tmp = tempDir('ssot-cli-fix-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SOURCE = 'import os\nimport sys\n\n\ndef load():\n    a = 1\n    b = 2\n    c = 3\n    d = 4\n    e = 5\n    return os.getenv("A")\n\n\nfrom . import x\n';

const EXPECTED_DIFF = [
  '--- a/netra_backend/app.py',
  '+++ b/netra_backend/app.py',
  '@@ -1,3 +1,4 @@',
  '+from shared.isolated_environment import get_env',
  ' import os',
  ' import sys',
  ' ',
  '@@ -8,7 +9,7 @@',
  '     c = 3',
  '     d = 4',
  '     e = 5',
  '-    return os.getenv("A")',
  '+    return get_env().get("A")',
  ' ',
  ' ',
  '-from . import x',
  '+from netra_backend import x',
  '',
].join('\n');

describe('fix mode', () => {
  it('--fix-dry-run: exact unified diff, nothing written, exit 1; the diff applies with git apply', () => {
    const dir = writeFiles(path.join(tmp, 'dry'), { 'ssot-lint.json': CONFIG, 'netra_backend/app.py': SOURCE, 'netra_backend/clean.py': 'X = 1\n' });
    const r = runCli(['check', dir, '--fix-dry-run']);
    expect(r.stdout).toBe(EXPECTED_DIFF);
    expect(r.stderr).toBe('ssot-lint: --fix would fix 2 violations in 1 file (nothing written)\n');
    expect(r.status).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'netra_backend/app.py'), 'utf8')).toBe(SOURCE);

    // Same hunks as GNU diff, and `git apply` accepts it and produces what --fix writes.
    const fixedDir = writeFiles(path.join(tmp, 'real'), { 'ssot-lint.json': CONFIG, 'netra_backend/app.py': SOURCE });
    const fixed = runCli(['check', fixedDir, '--fix', '--exit-zero']);
    expect(fixed.stderr).toContain('fixed 2 in netra_backend/app.py: env-access, relative-import\n');
    expect(fixed.stderr).toContain('ssot-lint: fixed 2 violations in 1 file\n');
    const gnu = spawnSync('diff', ['-u', path.join(dir, 'netra_backend/app.py'), path.join(fixedDir, 'netra_backend/app.py')], { encoding: 'utf8' });
    expect(gnu.stdout.split('\n').slice(2).join('\n')).toBe(EXPECTED_DIFF.split('\n').slice(2).join('\n'));
    fs.writeFileSync(path.join(tmp, 'fix.patch'), r.stdout);
    const apply = spawnSync('git', ['apply', path.join(tmp, 'fix.patch')], { cwd: dir, encoding: 'utf8' });
    expect(apply.stderr).toBe('');
    expect(fs.readFileSync(path.join(dir, 'netra_backend/app.py'), 'utf8')).toBe(fs.readFileSync(path.join(fixedDir, 'netra_backend/app.py'), 'utf8'));
  });

  it('--fix-dry-run on a file without a trailing newline marks it', () => {
    const dir = writeFiles(path.join(tmp, 'noeol'), { 'ssot-lint.json': CONFIG, 'netra_backend/a.py': 'from . import x' });
    const r = runCli(['check', dir, '--fix-dry-run']);
    expect(r.stdout).toBe(
      ['--- a/netra_backend/a.py', '+++ b/netra_backend/a.py', '@@ -1 +1 @@', '-from . import x', '\\ No newline at end of file', '+from netra_backend import x', '\\ No newline at end of file', ''].join('\n'),
    );
  });

  it('nothing to fix: empty diff, exit 0; --fix with --fix-dry-run is a usage error', () => {
    const dir = writeFiles(path.join(tmp, 'clean'), { 'ssot-lint.json': CONFIG, 'netra_backend/a.py': 'X = 1\n' });
    const r = runCli(['check', dir, '--fix-dry-run']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    const both = runCli(['check', dir, '--fix', '--fix-dry-run']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--fix and --fix-dry-run exclude each other');
  });
});
