/**
 * Pull diagnostics (LSP 3.17): textDocument/diagnostic for one file and
 * workspace/diagnostic for every file in scope (unopened ones only when the user asked
 * for workspace diagnostics). Result ids let the client skip unchanged files.
 */
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { FileState, Folder, Session } from '../session';
import { diagnosticsOf, freshDocumentState } from './diagnostics';
import { yieldToEventLoop } from './workspace-scan';

function resultIdOf(folder: Folder, state: FileState): string {
  return `${folder.viewGen}.${state.resultId}`;
}

export function documentDiagnostic(session: Session, params: DocumentDiagnosticParams): DocumentDiagnosticReport {
  const uri = params.textDocument.uri;
  const loc = session.locate(uri);
  if (!loc || !loc.folder.settings.enable) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const { folder, rel } = loc;
  const doc = session.documents.get(uri);
  let state = folder.files.get(rel);
  // In onSave mode the result of the last save (or open) stands until the next save.
  const keep = folder.settings.run === 'onSave' && state && state.gen === folder.gen && state.version !== null;
  if (doc && !keep) state = freshDocumentState(session, doc)?.state;
  if (!state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const resultId = resultIdOf(folder, state);
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(folder, state) };
}

export async function workspaceDiagnostic(
  session: Session,
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
): Promise<WorkspaceDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  const reported = new Set<string>();
  let n = 0;
  for (const folder of session.folders.values()) {
    if (!folder.settings.enable) continue;
    for (const rel of [...folder.files.keys()]) {
      // Checked between files: a cancelled request stops within one slice.
      if (++n % 100 === 0) {
        await yieldToEventLoop();
        if (token.isCancellationRequested) return cancelled();
      }
      const uri = folder.uriOf(rel);
      const doc = session.documents.get(uri);
      if (!doc && !folder.settings.workspaceDiagnostics) continue;
      const state = doc ? freshDocumentState(session, doc)?.state : folder.files.get(rel);
      if (!state) continue;
      reported.add(uri);
      const resultId = resultIdOf(folder, state);
      const version = doc ? doc.version : null;
      if (previous.get(uri) === resultId) items.push({ uri, version, kind: DocumentDiagnosticReportKind.Unchanged, resultId });
      else items.push({ uri, version, kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(folder, state) });
    }
  }
  if (token.isCancellationRequested) return cancelled();
  // Files reported before that are gone (deleted, out of scope): an empty report clears them.
  for (const uri of previous.keys()) {
    if (!reported.has(uri)) items.push({ uri, version: null, kind: DocumentDiagnosticReportKind.Full, items: [] });
  }
  return { items };
}

function cancelled(): ResponseError<DiagnosticServerCancellationData> {
  // The client may ask again (e.g. after an edit cancelled it); nothing is lost by retrying.
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'workspace diagnostics cancelled', { retriggerRequest: true });
}
