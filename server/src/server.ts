/**
 * The ssot-lint language server: wiring only. State lives in session.ts, each LSP method
 * in handlers/<method>.ts, position conversion in positions.ts, the custom protocol in
 * protocol.ts. Started by `ssot-lint lsp --stdio`.
 */
import { createConnection, StreamMessageWriter, TextDocuments } from 'vscode-languageserver/node';
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
import { GuardedReader } from './transport';

export function startServer(argv: string[]): void {
  if (!argv.includes('--stdio')) {
    process.stderr.write('ssot-lint lsp: only --stdio is supported\n');
    process.exit(2);
  }
  // Our reader frames stdin and answers malformed or premature messages (transport.ts).
  // Before the connection exists, its log lines go to stderr (the client's output log).
  let log: (message: string) => void = (message) => {
    process.stderr.write(`${message}\n`);
  };
  const reader = new GuardedReader(process.stdin, (m) => log(m));
  const writer = new StreamMessageWriter(process.stdout);
  reader.answerWith(writer);
  const connection = createConnection(reader, writer);
  log = (message) => connection.console.log(message);
  // The client went away (stdin ended): exit at once, 0 only after a shutdown request, as
  // the library does when it owns the streams. No orphan server outlives its editor.
  let shutdown = false;
  const gone = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', gone);
  process.stdin.on('close', gone);
  // stdout carries the protocol: anything a dependency prints goes to the client's log instead.
  console.log = console.info = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.warn = console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));

  const documents = new TextDocuments(TextDocument);
  const session = new Session(connection, documents);
  new DocumentSync(session);

  connection.onInitialize((params) => initialize(session, params));
  connection.onInitialized(() => void initialized(session).catch((err) => session.error(`ssot-lint: ${String(err)}`)));
  connection.onShutdown(() => {
    shutdown = true;
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

  // Test hook, off unless asked for: the memory tests force a collection before reading
  // the server's RSS (node started with --expose-gc), so "memory returns to baseline"
  // measures what is still referenced, not when V8 chose to collect.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (process.env.SSOT_LINT_TEST_GC === '1' && gc) connection.onRequest('ssotLint/test/gc', () => (gc(), process.memoryUsage()));

  documents.listen(connection);
  connection.listen();
}
