/**
 * Runs inside the real VS Code extension host (code-server, loaded through the
 * `extensionTestsPath` URL payload; see ../vscode.e2e.test.ts), against a copy of
 * test/fixtures/vscode-ws. Asserts through the VS Code API only, so it does not depend
 * on the workbench's markup. Any thrown error makes the host exit with code 1.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SsotLintApi } from '../../../client/src/extension';

const MESSAGE = 'Direct environment access to DATABASE_URL via os.environ.get(): use shared.isolated_environment.get_env()';
const QUICK_FIX = "Replace with get_env().get('DATABASE_URL')";
const SETTINGS_FIXED = "from shared.isolated_environment import get_env\nimport os\n\nDATABASE_URL = get_env().get('DATABASE_URL')\n";
const TEST_FILE_FIXED = [
  'from shared.isolated_environment import get_env',
  'import os',
  '',
  'from test_framework.ssot.base_test_case import SSotBaseTestCase',
  '',
  '',
  'class TestSettings(SSotBaseTestCase):',
  '    def test_debug_is_off(self):',
  "        assert get_env().get('DEBUG') is None",
  '',
  '    def test_region(self):',
  "        assert get_env().get('REGION', 'eu') == 'eu'",
  '# typed before saving',
  '',
].join('\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` returns a value that passes `ok`; fails with the last value seen. */
async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await sleep(100);
    last = await probe();
  }
  return last;
}

const step = (name: string, t0: number) => console.log(`[ssot-lint e2e] ${name} (${Date.now() - t0} ms)`);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ssot-lint');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

export async function run(): Promise<void> {
  const t0 = Date.now();
  const ext = vscode.extensions.getExtension<SsotLintApi>('ssot-lint.ssot-lint');
  assert.ok(ext, 'extension ssot-lint.ssot-lint is not loaded');
  const api = await ext.activate();
  const root = vscode.workspace.workspaceFolders![0]!.uri;
  const settingsUri = vscode.Uri.joinPath(root, 'netra_backend', 'settings.py');
  const testUri = vscode.Uri.joinPath(root, 'netra_backend', 'tests', 'test_settings.py');

  // 1. The os.environ read is flagged where it is.
  const doc = await vscode.workspace.openTextDocument(settingsUri);
  await vscode.window.showTextDocument(doc);
  const [diag] = await until('the env-access diagnostic', () => ours(settingsUri), (d) => d.length > 0);
  assert.equal(ours(settingsUri).length, 1);
  assert.equal(codeOf(diag!), 'env-access');
  assert.equal(diag!.message, MESSAGE);
  assert.equal(diag!.severity, vscode.DiagnosticSeverity.Error);
  assert.deepEqual([diag!.range.start.line, diag!.range.start.character, diag!.range.end.line], [2, 15, 2]);
  step('diagnostic shown', t0);

  // 2. The panel shows the workspace score: 4 files, 2 with violations.
  const scoreOf = () => api.tree.snapshot()[0];
  await until('the panel score', scoreOf, (s) => s?.label === 'Compliance 50.0%');
  const top = api.tree.snapshot();
  assert.deepEqual(top.slice(0, 4).map((n) => [n.label, n.description]), [
    ['Compliance 50.0%', '3 violations in 2 of 4 files'],
    ['Production code', '66.6% · 1 violation'],
    ['Tests', '0.0% · 2 violations'],
    ['Other', '100.0% · 0 violations'],
  ]);
  const rule = top.find((n) => n.label === 'env-access');
  assert.deepEqual(rule?.children?.map((f) => [f.label, f.description]), [
    ['settings.py', 'netra_backend · 1'],
    ['test_settings.py', 'netra_backend/tests · 2'],
  ]);
  assert.deepEqual(rule?.children?.[0]?.children?.map((v) => [v.label, v.description]), [[MESSAGE, 'Ln 3, Col 16']]);
  assert.equal(api.statusBar.item.text, 'SSOT 50.0%');
  step('panel and status bar show 50.0%', t0);

  // 3. The quick fix is offered and applying it gives the exact text and clears the diagnostic.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', settingsUri, diag!.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === QUICK_FIX);
  assert.ok(fix?.edit, `no "${QUICK_FIX}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(fix.isPreferred, 'the rewrite is the preferred fix');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(doc.getText(), SETTINGS_FIXED);
  await until('the diagnostic to clear', () => ours(settingsUri).length, (n) => n === 0);
  step('quick fix applied, diagnostic cleared', t0);

  // 4. Editing a file updates the score (the unsaved buffer counts): 1 of 4 files left.
  await until('the panel score after the fix', scoreOf, (s) => s?.label === 'Compliance 75.0%');
  assert.equal(api.statusBar.item.text, 'SSOT 75.0%');
  // Below the default 95% threshold: the warning background.
  assert.ok(api.statusBar.item.backgroundColor instanceof vscode.ThemeColor);
  step('score updated to 75.0%', t0);

  // 5. Fix-all on save (editor.codeActionsOnSave with source.fixAll.ssot-lint).
  await vscode.workspace.getConfiguration('editor', { languageId: 'python' }).update('codeActionsOnSave', { 'source.fixAll.ssot-lint': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
  const testDoc = await vscode.workspace.openTextDocument(testUri);
  const editor = await vscode.window.showTextDocument(testDoc);
  await until('the test file diagnostics', () => ours(testUri).length, (n) => n === 2);
  // A real change, so the save is not a no-op: a comment line at the end.
  await editor.edit((e) => e.insert(testDoc.positionAt(testDoc.getText().length), '# typed before saving\n'));
  await vscode.commands.executeCommand('workbench.action.files.save');
  assert.equal(testDoc.isDirty, false);
  assert.equal(fs.readFileSync(testUri.fsPath, 'utf8'), TEST_FILE_FIXED);
  await until('the test file diagnostics to clear', () => ours(testUri).length, (n) => n === 0);
  await until('the panel score after fix-all', scoreOf, (s) => s?.label === 'Compliance 100.0%');
  assert.equal(api.statusBar.item.text, 'SSOT 100.0%');
  assert.equal(api.statusBar.item.backgroundColor, undefined);
  step('fix-all on save wrote the fixed file; score 100.0%', t0);

  // 6. The dashboard renders the shared HTML report under a strict CSP.
  await vscode.commands.executeCommand('ssot-lint.showReport');
  const html = await until('the dashboard', () => api.dashboard.html ?? '', (h) => h.includes('score-gauge'));
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[^']+'; img-src data:;">/);
  assert.match(html, /id="score-gauge" class="gauge" data-score="100"/);
  assert.doesNotMatch(html, /<script|https?:\/\//);
  step('dashboard rendered', t0);
}
