/**
 * The dashboard webview (`ssot-lint: Show Compliance Report`): the CLI's HTML report
 * (shared-rules/src/render/html.ts), so the editor and CI show the same page. No
 * scripts, no remote resources: the Content-Security-Policy allows only the one inline
 * stylesheet (by nonce) and data: images.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderHtmlReportParts } from '../../shared-rules/src/render/html';
import type { FolderReport, ReportStore } from './reports';

/** Source excerpts are read from disk; skip files larger than this (the report stays fast). */
const MAX_EXCERPT_FILE_BYTES = 1_000_000;

export class Dashboard implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ReportStore) {
    this.subscription = store.onDidChange(() => this.render());
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
    } else {
      this.panel = vscode.window.createWebviewPanel('ssotLint.dashboard', 'ssot-lint Compliance', vscode.ViewColumn.Active, {
        enableScripts: false,
        enableCommandUris: false,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.render();
  }

  /** The HTML currently shown (for tests); undefined when the panel is closed. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  private render(): void {
    if (!this.panel) return;
    const entries = this.store.all();
    const nonce = randomBytes(16).toString('base64');
    const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:;`;
    const sections = entries.map((e) => renderHtmlReportParts(e.report, { title: `ssot-lint: ${e.folder.name}`, source: sourceReader(e) }));
    const css = sections[0]?.css ?? '';
    const body = sections.length ? sections.map((s) => s.body).join('\n<hr>\n') : '<p>No report yet: run "ssot-lint: Scan Workspace".</p>';
    this.panel.webview.html = [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
      `<style nonce="${nonce}">${css}</style>`,
      '</head>',
      `<body>${body}</body>`,
      '</html>',
    ].join('\n');
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

/** Current text of a report file: the open buffer if any (the report includes unsaved edits), else the disk. */
function sourceReader(entry: FolderReport): (file: string) => string | undefined {
  return (file) => {
    const uri = vscode.Uri.joinPath(entry.folder.uri, file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    if (uri.scheme !== 'file') return undefined;
    try {
      const abs = path.join(entry.folder.uri.fsPath, file);
      return fs.statSync(abs).size <= MAX_EXCERPT_FILE_BYTES ? fs.readFileSync(abs, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
}
