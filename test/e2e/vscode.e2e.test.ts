/**
 * The VS Code extension in real VS Code (code-server 4.139.1 = VS Code 1.139.1, headless
 * chromium): extension-host tests through the VS Code API (vscode/extension-tests.ts)
 * and one Playwright UI test that a person can check from the screenshots in
 * test/e2e/artifacts/. Missing prerequisites fail with what to install.
 * Setup: apt chromium libkrb5-dev, then test/e2e/setup/install-code-server.sh.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkPrerequisites, installVsix, REPO, startCodeServer, type CodeServer } from './vscode/code-server';
import { runExtensionHostTests, runUiTest } from './vscode/browser';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'vscode-ws');
const VSIX = path.join(REPO, 'client', 'ssot-lint.vsix');
export const ARTIFACTS = path.join(REPO, 'test', 'e2e', 'artifacts');

let tmp: string;
let cs: CodeServer | undefined;

beforeAll(async () => {
  checkPrerequisites();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-lint-vscode-'));
  // The production bundle and the .vsix, exactly what `npm run package` ships.
  const pkg = spawnSync('npm', ['run', 'package', '-w', 'client'], { cwd: REPO, encoding: 'utf8' });
  if (pkg.status !== 0) throw new Error(`npm run package -w client failed:\n${pkg.stdout}${pkg.stderr}`);
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'vscode', 'extension-tests.ts')],
    outfile: path.join(tmp, 'ext-tests', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'error',
  });
  // Each test edits its workspace: copies, so the fixture stays as committed.
  for (const ws of ['ws-host', 'ws-ui']) fs.cpSync(FIXTURE, path.join(tmp, ws), { recursive: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  installVsix(tmp, VSIX);
  cs = await startCodeServer(tmp);
}, 120_000);

afterAll(() => {
  cs?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('VS Code extension in code-server', () => {
  test('extension host: diagnostics, quick fix, fix-all on save, panel score, live updates, dashboard', async () => {
    const result = await runExtensionHostTests(cs!, {
      workspace: path.join(tmp, 'ws-host'),
      extensionDevelopmentPath: path.join(REPO, 'client'),
      extensionTestsPath: path.join(tmp, 'ext-tests', 'index.js'),
    });
    expect(result.code, `extension-host tests failed (exit ${result.code}):\n${result.log}\n--- code-server ---\n${cs!.log()}`).toBe(0);
    expect(result.log).toContain('dashboard rendered');
  }, 120_000);

  test('UI (installed .vsix): squiggle, quick fix from the Ctrl+. menu, compliance panel, dashboard', async () => {
    const steps = await runUiTest(cs!, { workspace: path.join(tmp, 'ws-ui'), artifacts: ARTIFACTS });
    expect(steps).toEqual([
      'squiggle',
      'quick fix menu',
      'quick fix applied',
      'panel shows 75.0%',
      'dashboard',
    ]);
    for (const shot of ['1-squiggle', '2-quick-fix-menu', '3-after-fix', '4-compliance-panel', '5-dashboard']) {
      expect(fs.existsSync(path.join(ARTIFACTS, `vscode-${shot}.png`)), shot).toBe(true);
    }
  }, 120_000);
});
