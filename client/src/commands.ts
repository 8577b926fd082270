/**
 * The palette commands. Each asks the server or the editor for the work (scan, fix-all,
 * baseline) and only shows the result.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Dashboard } from './dashboard';
import type { ReportStore } from './reports';
import type { ComplianceTree } from './tree';
import { formatScore } from './format';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('ssot-lint');

export interface CommandDeps {
  context: vscode.ExtensionContext;
  client: () => LanguageClient | undefined;
  restart: () => Promise<void>;
  store: ReportStore;
  tree: ComplianceTree;
  dashboard: Dashboard;
  output: vscode.LogOutputChannel;
}

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return [
    reg('ssot-lint.scanWorkspace', () => scanWorkspace(d.store)),
    reg('ssot-lint.fixAllInFile', () => fixAllInFile()),
    reg('ssot-lint.showReport', async () => {
      if (d.store.all().length === 0) await d.store.refreshAll();
      d.dashboard.show();
    }),
    reg('ssot-lint.writeBaseline', () => writeBaseline(d)),
    reg('ssot-lint.restartServer', () => d.restart()),
    reg('ssot-lint.showOutput', () => d.output.show(true)),
    reg('ssot-lint.showNewOnly', () => d.tree.setNewOnly(true)),
    reg('ssot-lint.showAll', () => d.tree.setNewOnly(false)),
  ];
}

async function scanWorkspace(store: ReportStore): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'ssot-lint: scanning the workspace' }, () => store.refreshAll());
  const entries = store.all();
  if (entries.length === 0) {
    void vscode.window.showWarningMessage('ssot-lint: no report (is the language server running? See "ssot-lint: Show Output").');
    return;
  }
  const summary = entries.map((e) => `${e.folder.name} ${formatScore(e.report.compliance_score)}, ${e.report.total_violations} violation(s)`).join('; ');
  vscode.window.setStatusBarMessage(`ssot-lint: ${summary}`, 8000);
}

/** Applies the server's source.fixAll.ssot-lint action to the active file. */
async function fixAllInFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value);
  const fix = actions?.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
  if (!fix) {
    vscode.window.setStatusBarMessage('ssot-lint: nothing to fix in this file', 5000);
    return;
  }
  if (fix.edit) await vscode.workspace.applyEdit(fix.edit);
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
}

/**
 * Runs the bundled CLI's `baseline` command on the folder: the same code and bytes as
 * `ssot-lint baseline` in CI. It reads the disk, so unsaved edits are saved first (asked).
 */
async function writeBaseline(d: CommandDeps): Promise<void> {
  const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
  const folder = folders.length <= 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to write the baseline for' });
  if (!folder) return;
  const dirty = vscode.workspace.textDocuments.filter((t) => t.isDirty && vscode.workspace.getWorkspaceFolder(t.uri) === folder);
  if (dirty.length > 0) {
    const save = 'Save All and Write';
    const pick = await vscode.window.showWarningMessage(
      `ssot-lint: ${dirty.length} file(s) have unsaved changes; the baseline is computed from the files on disk.`,
      { modal: true },
      save,
    );
    if (pick !== save) return;
    await Promise.all(dirty.map((t) => t.save()));
  }
  const bundle = d.context.asAbsolutePath('dist/server/server.js');
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `ssot-lint: writing the baseline of ${folder.name}` },
    () =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [bundle, 'baseline', '--root', folder.uri.fsPath, '--no-progress'], { cwd: folder.uri.fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (err, _stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 2) : 0, stderr }),
        );
      }),
  );
  d.output.appendLine(result.stderr.trimEnd());
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`ssot-lint: writing the baseline failed (exit ${result.code}); see "ssot-lint: Show Output".`);
    return;
  }
  vscode.window.setStatusBarMessage(result.stderr.trim(), 8000);
  await d.store.refresh(folder);
}
