/**
 * The compliance panel: overall score, the three categories (score, violation count),
 * then rules -> files -> violations. A click on a violation opens its file at the range.
 * With a baseline, the "new since baseline" filter hides the accepted violations.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportViolation } from '../../shared-rules/src/report';
import type { FileCategory } from '../../shared-rules/src/types';
import { formatScore } from './format';
import type { FolderReport, ReportStore } from './reports';

export type Node =
  | { kind: 'folder'; entry: FolderReport }
  | { kind: 'message'; text: string }
  | { kind: 'score'; entry: FolderReport }
  | { kind: 'category'; entry: FolderReport; id: FileCategory }
  | { kind: 'rule'; entry: FolderReport; rule: string }
  | { kind: 'file'; entry: FolderReport; rule: string; file: string }
  | { kind: 'violation'; entry: FolderReport; v: ReportViolation };

/** Plain data of what the view shows (labels and descriptions), for the extension API and tests. */
export interface TreeSnapshot {
  label: string;
  description?: string;
  children?: TreeSnapshot[];
}

export const CATEGORY_LABELS: Record<FileCategory, string> = {
  real_system: 'Production code',
  test_files: 'Tests',
  other: 'Other',
};
const CATEGORIES = Object.keys(CATEGORY_LABELS) as FileCategory[];

export class ComplianceTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private newOnly = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ReportStore) {
    this.subscription = store.onDidChange(() => this.update());
  }

  /** Shows only violations that are not in the baseline (no effect without a baseline). */
  setNewOnly(on: boolean): void {
    this.newOnly = on;
    void vscode.commands.executeCommand('setContext', 'ssotLint.newOnly', on);
    this.changed.fire();
  }

  private update(): void {
    const hasBaseline = this.store.all().some((e) => e.baseline);
    void vscode.commands.executeCommand('setContext', 'ssotLint.hasBaseline', hasBaseline);
    if (!hasBaseline && this.newOnly) this.setNewOnly(false);
    else this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const entries = this.store.all();
      if (entries.length === 0) return [{ kind: 'message', text: 'No report yet: open a Python or TypeScript file, or run "ssot-lint: Scan Workspace".' }];
      if (entries.length === 1) return this.folderChildren(entries[0]!);
      return entries.map((entry) => ({ kind: 'folder', entry }));
    }
    switch (node.kind) {
      case 'folder':
        return this.folderChildren(node.entry);
      case 'rule':
        return [...new Set(this.shown(node.entry).filter((v) => v.rule === node.rule).map((v) => v.file))].map((file) => ({
          kind: 'file',
          entry: node.entry,
          rule: node.rule,
          file,
        }));
      case 'file':
        return this.shown(node.entry)
          .filter((v) => v.rule === node.rule && v.file === node.file)
          .map((v) => ({ kind: 'violation', entry: node.entry, v }));
      default:
        return [];
    }
  }

  private folderChildren(entry: FolderReport): Node[] {
    const rules = [...new Set(this.shown(entry).map((v) => v.rule))].sort();
    return [
      { kind: 'score', entry },
      ...CATEGORIES.map((id): Node => ({ kind: 'category', entry, id })),
      ...rules.map((rule): Node => ({ kind: 'rule', entry, rule })),
    ];
  }

  /** The violations the filter lets through. */
  private shown(entry: FolderReport): ReportViolation[] {
    const all = entry.report.violations;
    return this.newOnly && entry.baseline ? all.filter((v) => v.baseline_state === 'new') : all;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'message':
        return new vscode.TreeItem(node.text, C.None);
      case 'folder': {
        const item = new vscode.TreeItem(node.entry.folder.name, C.Expanded);
        item.description = formatScore(node.entry.report.compliance_score);
        item.iconPath = vscode.ThemeIcon.Folder;
        return item;
      }
      case 'score': {
        const r = node.entry.report;
        const item = new vscode.TreeItem(`Compliance ${formatScore(r.compliance_score)}`, C.None);
        const delta = r.baseline ? `; ${r.baseline.new} new, ${r.baseline.fixed} fixed since baseline` : '';
        item.description = `${plural(r.total_violations, 'violation')} in ${r.files_with_violations} of ${plural(r.total_files_checked, 'file')}${delta}`;
        item.iconPath = new vscode.ThemeIcon('dashboard');
        item.command = { command: 'ssot-lint.showReport', title: 'Show Compliance Report' };
        item.contextValue = 'score';
        return item;
      }
      case 'category': {
        const c = node.entry.report.category_scores[node.id];
        const item = new vscode.TreeItem(CATEGORY_LABELS[node.id], C.None);
        item.description = `${formatScore(c.score)} · ${plural(c.violations, 'violation')}`;
        item.tooltip = `${node.id}: ${c.files_with_violations} of ${plural(c.files, 'file')} with violations`;
        item.iconPath = new vscode.ThemeIcon('symbol-folder');
        return item;
      }
      case 'rule': {
        const n = this.shown(node.entry).filter((v) => v.rule === node.rule).length;
        const item = new vscode.TreeItem(node.rule, C.Collapsed);
        item.description = plural(n, 'violation');
        item.iconPath = new vscode.ThemeIcon('law');
        return item;
      }
      case 'file': {
        const n = this.shown(node.entry).filter((v) => v.rule === node.rule && v.file === node.file).length;
        const item = new vscode.TreeItem(path.posix.basename(node.file), C.Collapsed);
        const dir = path.posix.dirname(node.file);
        item.description = `${dir === '.' ? '' : `${dir} · `}${n}`;
        item.resourceUri = vscode.Uri.joinPath(node.entry.folder.uri, node.file);
        item.iconPath = vscode.ThemeIcon.File;
        return item;
      }
      case 'violation': {
        const v = node.v;
        const item = new vscode.TreeItem(v.message, C.None);
        item.description = `Ln ${v.line}, Col ${v.column}${v.baseline_state === 'new' ? ' · new' : ''}`;
        item.tooltip = `${v.rule}: ${v.message}`;
        item.iconPath = new vscode.ThemeIcon(v.severity === 'error' ? 'error' : v.severity === 'warning' ? 'warning' : 'info');
        const uri = vscode.Uri.joinPath(node.entry.folder.uri, v.file);
        const selection = new vscode.Range(v.line - 1, v.column - 1, v.end_line - 1, v.end_column - 1);
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] };
        return item;
      }
    }
  }

  /** Everything the view would show, expanded. */
  snapshot(node?: Node): TreeSnapshot[] {
    return this.getChildren(node).map((child) => {
      const item = this.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const description = typeof item.description === 'string' ? item.description : undefined;
      const children = item.collapsibleState === vscode.TreeItemCollapsibleState.None ? undefined : this.snapshot(child);
      return { label, ...(description !== undefined ? { description } : {}), ...(children ? { children } : {}) };
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
