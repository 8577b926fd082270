/**
 * The pre-commit hook, run the way pre-commit runs it: in a real git repository, cwd =
 * the repository root, the hook's entry followed by the staged files that match its
 * types as arguments. Exit 1 with the violation line blocks the commit; exit 0 lets it through.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-pre-commit-'));
const repo = path.join(tmp, 'repo');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hooksYaml = fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
/** The hook's `entry`, resolved the way npm installs it: the bin of that name. */
const entryName = /^\s*entry:\s*(\S+)\s*$/m.exec(hooksYaml)![1];
const serverPkg = JSON.parse(fs.readFileSync(path.join(REPO, 'server/package.json'), 'utf8')) as { bin: Record<string, string> };
const entryScript = path.join(REPO, 'server', serverPkg.bin[entryName]);
/** What `types_or: [python, pyi, ts, tsx, javascript, jsx]` selects (identify's extension tags). */
const HOOK_FILES = /\.(py|pyi|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

const VIOLATION = 'netra_backend/app/settings.py:2:5 error env-access Direct environment access to X via os.getenv(): use shared.isolated_environment.get_env()';

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  fs.writeFileSync(path.join(repo, rel), text);
}

/** Stages the files and runs the hook as pre-commit would: entry + staged matching files. */
function commitHook(...files: string[]): { status: number | null; stdout: string; stderr: string; staged: string[] } {
  git('add', '--', ...files);
  const staged = git('diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter((f) => HOOK_FILES.test(f));
  const r = spawnSync(process.execPath, [entryScript, ...staged], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, staged };
}

beforeAll(() => {
  fs.mkdirSync(repo);
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'dev');
  git('config', 'commit.gpgsign', 'false');
  write('ssot-lint.json', '{}\n');
  write('README.md', '# app\n');
  // An old violation already committed: the hook checks what is staged, not the whole tree.
  write('netra_backend/legacy.py', 'import os\nOLD = os.environ["OLD"]\n');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
});

describe('pre-commit hook', () => {
  it('the hook is defined with a node entry that npm installs as a bin', () => {
    expect(hooksYaml).toMatch(/^- id: ssot-lint$/m);
    expect(hooksYaml).toMatch(/^ {2}language: node$/m);
    expect(hooksYaml).toMatch(/^ {2}types_or: \[python, pyi, ts, tsx, javascript, jsx\]$/m);
    expect(entryName).toBe('ssot-lint-pre-commit');
    expect(fs.existsSync(entryScript)).toBe(true);
  });

  it('blocks a commit that stages a violation: exit 1 and the violation line', () => {
    write('netra_backend/app/settings.py', 'import os\nX = os.getenv("X")\n');
    write('docs/notes.txt', 'not checked\n');
    try {
      const r = commitHook('netra_backend/app/settings.py', 'docs/notes.txt');
      expect(r.staged).toEqual(['netra_backend/app/settings.py']);
      expect(r.status).toBe(1);
      expect(r.stdout.split('\n')[0]).toBe(VIOLATION);
      expect(r.stdout).toContain('1 violation in 1 of 1 files');
      expect(r.stdout).not.toContain('legacy.py');
    } finally {
      // The commit was blocked: unstage, so the next change starts from a clean index.
      git('restore', '--staged', '--', 'netra_backend/app/settings.py', 'docs/notes.txt');
      fs.rmSync(path.join(repo, 'netra_backend/app/settings.py'));
    }
  });

  it('lets a clean staged change through: exit 0', () => {
    write('netra_backend/app/clean.py', 'from shared.isolated_environment import get_env\n\nX = get_env().get("X")\n');
    write('frontend/lib/util.ts', 'export const two = 1 + 1;\n');
    const r = commitHook('netra_backend/app/clean.py', 'frontend/lib/util.ts');
    expect(r.staged).toEqual(['frontend/lib/util.ts', 'netra_backend/app/clean.py']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 violations in 0 of 2 files');
    git('commit', '-q', '-m', 'clean');
  });

  it('with ssot-lint-baseline.json holding the violation, the commit passes: exit 0', () => {
    write('netra_backend/app/settings.py', 'import os\nX = os.getenv("X")\n');
    const json = runCli(['check', 'netra_backend/app/settings.py', '--format', 'json'], repo);
    const entries = (JSON.parse(json.stdout) as { violations: { rule: string; file: string; fingerprint: string }[] }).violations.map((v) => ({
      rule: v.rule,
      file: v.file,
      fingerprint: v.fingerprint,
    }));
    expect(entries).toHaveLength(1);
    write('ssot-lint-baseline.json', JSON.stringify({ version: 1, entries }, null, 2));
    const r = commitHook('netra_backend/app/settings.py');
    expect(r.status).toBe(0);
    // A new violation next to the accepted one still blocks.
    write('netra_backend/app/settings.py', 'import os\nX = os.getenv("X")\nY = os.getenv("Y")\n');
    const blocked = commitHook('netra_backend/app/settings.py');
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('netra_backend/app/settings.py:3:5 error env-access Direct environment access to Y via os.getenv()');
  });
});
