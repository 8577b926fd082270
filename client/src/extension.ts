/**
 * Activation and wiring only: the language client (client.ts), the report store behind
 * the panel, status bar and dashboard, and the commands. `activate` returns a small API
 * so the extension-host tests can read what the panel shows.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { Dashboard } from './dashboard';
import { ReportStore } from './reports';
import { ScoreStatusBar } from './status-bar';
import { ComplianceTree } from './tree';

export interface SsotLintApi {
  client(): LanguageClient | undefined;
  reports: ReportStore;
  tree: ComplianceTree;
  dashboard: Dashboard;
  statusBar: ScoreStatusBar;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SsotLintApi> {
  const output = vscode.window.createOutputChannel('ssot-lint', { log: true });
  const reports = new ReportStore(() => client, output);
  const tree = new ComplianceTree(reports);
  const dashboard = new Dashboard(reports);
  const statusBar = new ScoreStatusBar(reports);
  let notifications: vscode.Disposable | undefined;

  const start = async () => {
    client = createClient(context, output);
    notifications = reports.attach(client);
    // The first report is fetched when the server is up; later ones follow reportChanged.
    await client.start();
    void reports.refreshAll();
  };
  const restart = async () => {
    notifications?.dispose();
    reports.clear();
    const old = client;
    client = undefined;
    await old?.stop().catch((err: unknown) => output.appendLine(`ssot-lint: stopping the server failed: ${String(err)}`));
    await start();
  };

  context.subscriptions.push(
    output,
    reports,
    tree,
    dashboard,
    statusBar,
    vscode.window.registerTreeDataProvider('ssotLint.compliance', tree),
    ...registerCommands({ context, client: () => client, restart, store: reports, tree, dashboard, output }),
    // A crash-restart by the library brings a new server: its reports replace the old ones.
    { dispose: () => notifications?.dispose() },
    vscode.workspace.onDidChangeWorkspaceFolders(() => void reports.refreshAll()),
  );
  await start();
  client?.onDidChangeState((e) => {
    if (e.newState === 2 /* State.Running */) void reports.refreshAll();
  });
  return { client: () => client, reports, tree, dashboard, statusBar };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
