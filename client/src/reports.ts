/**
 * The compliance reports the panel, the status bar and the dashboard show: one per
 * workspace folder, fetched from the server (`ssotLint/complianceReport`) and refreshed
 * when the server says the numbers moved (`ssotLint/reportChanged`) or the baseline file
 * changes. No rule logic: the report is the server's; the client only marks which
 * violations are new against the folder's baseline file, by fingerprint.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ComplianceReportMethod, ReportChangedMethod, type ComplianceReportParams, type ReportChangedParams } from '../../server/src/protocol';
import type { ComplianceReport } from '../../shared-rules/src/report';
import { BASELINE_FILE, readBaseline } from '../../shared-rules/src/baseline';

export interface FolderReport {
  folder: vscode.WorkspaceFolder;
  /** The server's report, with `baseline_state` and `baseline` filled in when a baseline exists. */
  report: ComplianceReport;
  /** Fingerprints in the baseline file; undefined when the folder has none. */
  baseline?: ReadonlySet<string>;
}

/** Quiet time after a `reportChanged` before re-fetching, so a burst of edits costs one request. */
const REFRESH_DELAY_MS = 150;

export class ReportStore implements vscode.Disposable {
  private readonly reports = new Map<string, FolderReport>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  private pending = new Set<string>();
  private generation = 0;
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${BASELINE_FILE}`);
    const onBaseline = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) this.schedule(folder.uri.toString());
    };
    watcher.onDidCreate(onBaseline);
    watcher.onDidChange(onBaseline);
    watcher.onDidDelete(onBaseline);
    this.disposables.push(watcher);
  }

  /** Wires the live updates of a (re)started client. */
  attach(client: LanguageClient): vscode.Disposable {
    return client.onNotification(ReportChangedMethod, (p: ReportChangedParams) => this.schedule(p.uri));
  }

  all(): FolderReport[] {
    return (vscode.workspace.workspaceFolders ?? []).map((f) => this.reports.get(f.uri.toString())).filter((r): r is FolderReport => !!r);
  }

  get(folder: vscode.WorkspaceFolder): FolderReport | undefined {
    return this.reports.get(folder.uri.toString());
  }

  /** Fetches every folder's report now (a full pass on the server side, cheap after its scan). */
  async refreshAll(): Promise<void> {
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.refresh(f)));
  }

  async refresh(folder: vscode.WorkspaceFolder): Promise<FolderReport | undefined> {
    const client = this.client();
    if (!client || !client.isRunning()) return undefined;
    const gen = this.generation;
    const params: ComplianceReportParams = { uri: folder.uri.toString() };
    let report: ComplianceReport;
    try {
      report = await client.sendRequest<ComplianceReport>(ComplianceReportMethod, params);
    } catch (err) {
      this.log.appendLine(`ssot-lint: compliance report for ${folder.name} failed: ${(err as Error).message ?? String(err)}`);
      return undefined;
    }
    if (gen !== this.generation) return this.reports.get(folder.uri.toString());
    const entry = withBaseline(folder, report, this.log);
    this.reports.set(folder.uri.toString(), entry);
    this.changed.fire();
    return entry;
  }

  /** Forgets every report (the server restarted); the next refresh fills them again. */
  clear(): void {
    this.generation++;
    this.reports.clear();
    this.changed.fire();
  }

  private schedule(folderUri: string): void {
    this.pending.add(folderUri);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const uris = this.pending;
      this.pending = new Set();
      for (const f of vscode.workspace.workspaceFolders ?? []) if (uris.has(f.uri.toString())) void this.refresh(f);
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Marks each violation new or unchanged against the folder's baseline file, as `check --baseline` does. */
function withBaseline(folder: vscode.WorkspaceFolder, report: ComplianceReport, log: { appendLine(s: string): void }): FolderReport {
  if (folder.uri.scheme !== 'file') return { folder, report };
  let entries: { fingerprint: string }[];
  try {
    const b = readBaseline(path.join(folder.uri.fsPath, BASELINE_FILE));
    if (!b) return { folder, report };
    entries = b.entries;
  } catch (err) {
    log.appendLine(`ssot-lint: ${(err as Error).message}`);
    return { folder, report };
  }
  const known = new Set(entries.map((e) => e.fingerprint));
  const seen = new Set<string>();
  const violations = report.violations.map((v) => {
    const old = known.has(v.fingerprint);
    if (old) seen.add(v.fingerprint);
    return { ...v, baseline_state: old ? ('unchanged' as const) : ('new' as const) };
  });
  const unchanged = violations.length - violations.filter((v) => v.baseline_state === 'new').length;
  const fixed = entries.filter((e) => !seen.has(e.fingerprint)).length;
  return {
    folder,
    report: { ...report, violations, baseline: { new: violations.length - unchanged, unchanged, fixed } },
    baseline: known,
  };
}
