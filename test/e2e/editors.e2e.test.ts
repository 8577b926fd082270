/**
 * Real editors as LSP clients of the real server: Neovim 0.7 (headless) and Emacs 28 +
 * Eglot 1.9 (batch) open a Python file with an `os.environ.get()` read, receive the
 * ssot-lint diagnostic, request code actions, apply the quick fix and see the
 * diagnostic cleared. A missing editor fails with the apt package to install.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN, copyFixture, ensureBuilt, REPO } from '../server/lsp-client';

const EXPECTED_BUFFER = JSON.stringify(
  "from shared.isolated_environment import get_env\nimport os\n\nDATABASE_URL = get_env().get('DATABASE_URL')",
);
const EXPECTED_ACTIONS = [
  "Replace with get_env().get('DATABASE_URL') (quickfix)",
  'Suppress env-access on this line (quickfix)',
  'Open documentation for env-access (quickfix)',
  'Fix all auto-fixable ssot-lint problems (source.fixAll.ssot-lint)',
];
const MESSAGE = 'Direct environment access to DATABASE_URL via os.environ.get(): use shared.isolated_environment.get_env()';

function requireTool(cmd: string, args: string[], aptPackages: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`'${cmd}' is not usable (${r.error?.message ?? r.stderr}); install it with: apt-get install -y --no-install-recommends ${aptPackages}`);
  }
}

function lines(stdout: string, key: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`${key} `)).map((l) => l.slice(key.length + 1));
}

beforeAll(() => ensureBuilt());

describe('real editors', () => {
  test('Neovim: diagnostic, code actions, quick fix, cleared', () => {
    requireTool('nvim', ['--version'], 'neovim');
    const dir = copyFixture('editor');
    const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-nvim-'));
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(REPO, 'test/e2e/nvim/quickfix.lua')}`], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SSOT_FILE: path.join(dir, 'settings.py'), SSOT_SERVER_BIN: BIN, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_STATE_HOME: xdg, XDG_CACHE_HOME: xdg },
    });
    const why = `nvim exit ${r.status}\n${r.stdout}\n${r.stderr}`;
    expect(lines(r.stdout, 'RESULT:'), why).toEqual(['PASS']);
    expect(lines(r.stdout, 'DIAGNOSTIC')).toEqual([`2:15-2:45 severity=1 source=ssot-lint code=env-access ${MESSAGE}`]);
    expect(lines(r.stdout, 'CODE_ACTION')).toEqual(EXPECTED_ACTIONS);
    expect(lines(r.stdout, 'BUFFER_AFTER_FIX')).toEqual([EXPECTED_BUFFER]);
    expect(lines(r.stdout, 'DIAGNOSTICS_CLEARED')).toEqual(['true']);
    expect(r.status).toBe(0);
  });

  test('Emacs + eglot: diagnostic, code actions, quick fix (versioned edit), cleared', () => {
    requireTool('emacs', ['--version'], 'emacs-nox elpa-eglot');
    const elpa = '/usr/share/emacs/site-lisp/elpa';
    if (!fs.existsSync(elpa) || !fs.readdirSync(elpa).some((d) => d.startsWith('eglot-'))) {
      throw new Error('eglot is not installed; install it with: apt-get install -y --no-install-recommends elpa-eglot');
    }
    const dir = copyFixture('editor');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-emacs-'));
    const r = spawnSync('emacs', ['--batch', '-Q', '-l', path.join(REPO, 'test/e2e/emacs/quickfix.el')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: home, SSOT_FILE: path.join(dir, 'settings.py'), SSOT_SERVER_BIN: BIN },
    });
    const why = `emacs exit ${r.status}\n${r.stdout}\n${r.stderr}`;
    expect(lines(r.stdout, 'RESULT:'), why).toEqual(['PASS']);
    expect(lines(r.stdout, 'DIAGNOSTIC')).toEqual([`line 3 eglot-error: ssot-lint [env-access]: ${MESSAGE}`]);
    expect(lines(r.stdout, 'CODE_ACTION')).toEqual(EXPECTED_ACTIONS);
    expect(lines(r.stdout, 'BUFFER_AFTER_FIX')).toEqual([EXPECTED_BUFFER]);
    expect(lines(r.stdout, 'DIAGNOSTICS_CLEARED')).toEqual(['t']);
    expect(r.status).toBe(0);
  });
});
