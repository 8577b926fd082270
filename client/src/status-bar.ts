/**
 * `SSOT 98.7%` in the status bar for the folder of the active editor (else the first
 * folder), with the warning background below `ssotLint.scoreWarningThreshold`. A click
 * opens the compliance panel.
 */
import * as vscode from 'vscode';
import { formatScore } from './format';
import type { ReportStore } from './reports';

export const DEFAULT_WARNING_THRESHOLD = 95;

export class ScoreStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('ssotLint.score', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly store: ReportStore) {
    this.item.name = 'ssot-lint compliance score';
    this.item.command = 'ssotLint.compliance.focus';
    this.disposables.push(
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ssotLint.scoreWarningThreshold')) this.update();
      }),
    );
  }

  update(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
    const entry = (folder && this.store.get(folder)) ?? this.store.all()[0];
    if (!entry) {
      this.item.hide();
      return;
    }
    const r = entry.report;
    const threshold = vscode.workspace.getConfiguration('ssotLint').get<number>('scoreWarningThreshold', DEFAULT_WARNING_THRESHOLD);
    const below = r.compliance_score < threshold;
    this.item.text = `SSOT ${formatScore(r.compliance_score)}`;
    this.item.backgroundColor = below ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip =
      `ssot-lint (${entry.folder.name}): ${r.total_violations} violation(s) in ${r.files_with_violations} of ${r.total_files_checked} files` +
      `${below ? `; below the ${threshold}% threshold` : ''}. Click to open the compliance panel.`;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
