/**
 * The ssot-lint language server: wiring only. State lives in session.ts, each LSP method
 * in handlers/<method>.ts, position conversion in positions.ts, the custom protocol in
 * protocol.ts. Started by `ssot-lint lsp --stdio`.
 */
import { createConnection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ComplianceReportMethod, type ComplianceReportParams } from './protocol';
import { Session } from './session';
import { initialize, initialized, workspaceFoldersChanged } from './handlers/initialize';
import { DocumentSync } from './handlers/text-document-sync';
import { codeActions } from './handlers/code-actions';
import { onSettingsChanged } from './handlers/configuration';
import { didChangeWatchedFiles } from './handlers/did-change-watched-files';
import { documentDiagnostic, workspaceDiagnostic } from './handlers/pull-diagnostics';
import { complianceReport } from './handlers/compliance-report';
import { executeCommand } from './handlers/execute-command';

export function startServer(argv: string[]): void {
  if (!argv.includes('--stdio')) {
    process.stderr.write('ssot-lint lsp: only --stdio is supported\n');
    process.exit(2);
  }
  // The library exits the process when stdin ends (the client went away).
  const connection = createConnection(process.stdin, process.stdout);
  // stdout carries the protocol: anything a dependency prints goes to the client's log instead.
  console.log = console.info = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.warn = console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));

  const documents = new TextDocuments(TextDocument);
  const session = new Session(connection, documents);
  new DocumentSync(session);

  connection.onInitialize((params) => initialize(session, params));
  connection.onInitialized(() => void initialized(session).catch((err) => session.error(`ssot-lint: ${String(err)}`)));
  connection.onShutdown(() => {
    session.shuttingDown = true;
  });
  connection.onDidChangeConfiguration((p) => void onSettingsChanged(session, p.settings));
  connection.onDidChangeWatchedFiles((p) => didChangeWatchedFiles(session, p));
  connection.onCodeAction((p) => codeActions(session, p));
  connection.onExecuteCommand((p) => executeCommand(session, p));
  connection.languages.diagnostics.on((p) => documentDiagnostic(session, p));
  connection.languages.diagnostics.onWorkspace((p, token) => workspaceDiagnostic(session, p, token));
  connection.onRequest(ComplianceReportMethod, (p: ComplianceReportParams | undefined, token) => complianceReport(session, p, token));
  connection.onNotification('workspace/didChangeWorkspaceFolders', (p) => void workspaceFoldersChanged(session, p.event));

  documents.listen(connection);
  connection.listen();
}
