/**
 * The remote hook as users install it: real pre-commit (Debian package `pre-commit`)
 * runs `try-repo` on this repository, which npm-installs and packs it exactly as
 * `repo: https://.../ssot-lint` would, then runs the hook on a staged file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-precommit-e2e-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 600_000 });
}

describe('pre-commit try-repo', () => {
  it('installs the hook from the repository and blocks a staged violation, passes a clean one', () => {
    if (sh('pre-commit', ['--version'], tmp).status !== 0) throw new Error('pre-commit is missing: apt-get install -y pre-commit');
    // try-repo takes committed content; clone what is committed here.
    const clone = path.join(tmp, 'ssot-lint');
    expect(sh('git', ['clone', '-q', REPO, clone], tmp).status).toBe(0);
    const user = path.join(tmp, 'user');
    fs.mkdirSync(path.join(user, 'netra_backend'), { recursive: true });
    fs.writeFileSync(path.join(user, 'ssot-lint.json'), '{}\n');
    fs.writeFileSync(path.join(user, 'netra_backend/app.py'), 'import os\nX = os.getenv("X")\n');
    for (const args of [['init', '-q'], ['config', 'user.email', 'ci@example.invalid'], ['config', 'user.name', 'ci'], ['add', '-A']]) {
      expect(sh('git', args, user).status).toBe(0);
    }
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(tmp, 'cache') };
    const bad = sh('pre-commit', ['try-repo', clone, 'ssot-lint', '--files', 'netra_backend/app.py'], user, env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(
      'netra_backend/app.py:2:5 error env-access Direct environment access to X via os.getenv(): use shared.isolated_environment.get_env()',
    );
    fs.writeFileSync(path.join(user, 'netra_backend/app.py'), 'X = 1\n');
    expect(sh('git', ['add', '-A'], user).status).toBe(0);
    const good = sh('pre-commit', ['try-repo', clone, 'ssot-lint', '--files', 'netra_backend/app.py'], user, env);
    expect(good.stdout).toContain('ssot-lint');
    expect(good.status).toBe(0);
  }, 600_000);
});
