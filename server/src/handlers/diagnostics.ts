/**
 * Diagnostics: run the engine on a text, keep the result in the folder's state, turn
 * violations into LSP diagnostics, and push them (publishDiagnostics) when the client
 * does not pull. The pull handlers live in pull-diagnostics.ts.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkSource,
  extractFacts,
  makeSourceFile,
  outlineOf,
  phaseTwoOf,
  replayedResult,
  type FileCategory,
  type FileFacts,
  type FileOutline,
  type FileResult,
  type Loaded,
  type Violation,
  type WorldPass,
} from '@ssot-lint/shared-rules';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticData } from '../protocol';
import { nextResultId, type FileState, type Folder, type Session } from '../session';
import { notifyIfReportChanged } from './compliance-report';
import { queueDependents, workspaceDiagnosticsOn } from './workspace-index';

export const SOURCE = 'ssot-lint';
export const BASELINE_TAG = ' [baseline]';

const SEVERITY: Record<Violation['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Same policy as the engine's scan: a size cap in bytes, and NUL bytes mean binary. */
export function skipReason(text: string, maxBytes: number): string | undefined {
  // Byte length is at most 3 per UTF-16 unit; skip the exact count when that cannot exceed the cap.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) return 'too large';
  if (text.slice(0, 8192).includes('\0')) return 'binary (contains NUL bytes)';
  return undefined;
}

export function logSkip(session: Session, folder: Folder, rel: string, reason: string): void {
  if (folder.loggedSkips.has(rel)) return;
  folder.loggedSkips.add(rel);
  session.log(`ssot-lint: skipped ${rel}: ${reason}`);
}

/**
 * Checks one file's text and stores the result (or removes it when the file is out of
 * scope or skipped). Returns the new state. Without `facts` (the text is new to the
 * index), the index is updated first and the files depending on this one are queued.
 */
export function checkText(
  session: Session,
  folder: Folder,
  rel: string,
  text: string,
  version: number | null,
  stamp?: string,
  facts?: FileFacts,
): FileState | undefined {
  const scope = folder.project.scope;
  const why = scope.isIncluded(rel) ? skipReason(text, folder.config.maxFileBytes) : 'out of scope';
  if (why) {
    if (why !== 'out of scope') logSkip(session, folder, rel, why);
    forget(session, folder, rel);
    return undefined;
  }
  let state: FileState;
  try {
    const index = folder.project.index;
    let outline: FileOutline | undefined;
    if (!facts && index) {
      facts = extractFacts(rel, text);
      outline = outlineOf(facts, text, false);
      queueDependents(session, folder, index.update(rel, outline, text));
    }
    // The outline just indexed serves the index rules too.
    const r = checkSource(folder.project, makeSourceFile(folder.project, rel, text, facts, outline));
    state = fileState(folder, r.file.category, r, version, stamp);
  } catch (err) {
    state = fileState(folder, scope.category(rel), engineFailure(err), version, stamp);
  }
  return keep(session, folder, rel, state);
}

/**
 * Phase 2 of a file the workspace scan took through phase 1 from disk (its outline is in
 * the complete index): the index rules on the outline, or their additions as the scan
 * cache stored them when they still hold (`stored`: `world` replays, or nothing the file
 * depends on changed since); stored as the file's state.
 */
export function checkLoaded(session: Session, folder: Folder, rel: string, loaded: Loaded, stamp: string, world?: WorldPass, stored = !!world?.replay): FileState {
  let state: FileState;
  try {
    let result: FileResult;
    if (stored && loaded.added) result = replayedResult(folder.project, rel, { ...loaded, added: loaded.added });
    else {
      const two = phaseTwoOf(folder.project, rel, loaded);
      world?.record(rel, two.added);
      result = two.result;
    }
    state = fileState(folder, result.file.category, result, null, stamp);
  } catch (err) {
    state = fileState(folder, folder.project.scope.category(rel), engineFailure(err), null, stamp);
  }
  return keep(session, folder, rel, state);
}

type Outcome = Pick<FileResult, 'violations' | 'suppressedCount' | 'internalErrors'>;

function fileState(folder: Folder, category: FileCategory, r: Outcome, version: number | null, stamp: string | undefined): FileState {
  return {
    category,
    violations: r.violations,
    suppressedCount: r.suppressedCount,
    internalErrors: r.internalErrors,
    version,
    stamp,
    gen: folder.gen,
    resultId: nextResultId(),
  };
}

/** A front end that throws is an engine bug; the file still gets a visible diagnostic. */
function engineFailure(err: unknown): Outcome {
  const message = err instanceof Error ? err.message : String(err);
  return { violations: [], suppressedCount: 0, internalErrors: [{ rule: 'engine', message }] };
}

function keep(session: Session, folder: Folder, rel: string, state: FileState): FileState {
  for (const e of state.internalErrors) session.error(`ssot-lint: rule ${e.rule} failed on ${rel}: ${e.message}`);
  folder.files.set(rel, state);
  return state;
}

/** Removes a file from the state and the index; the files depending on it are re-checked. */
export function forget(session: Session, folder: Folder, rel: string): void {
  folder.files.delete(rel);
  const index = folder.project.index;
  if (index?.has(rel)) queueDependents(session, folder, index.remove(rel));
}

/** The URL of a rule's doc page: the configured base, else the page shipped with the engine. */
export function ruleDocUrl(folder: Folder | undefined, rule: string): string {
  const base = folder?.settings.docsBaseUrl;
  if (base) return `${base.replace(/\/+$/, '')}/${rule}.md`;
  let url = shippedDocUrls.get(rule);
  if (!url) shippedDocUrls.set(rule, (url = pathToFileURL(path.join(engineDocsDir(), `${rule}.md`)).href));
  return url;
}

/** Per rule: every diagnostic of a rule links the same page, and this runs per diagnostic per keystroke. */
const shippedDocUrls = new Map<string, string>();

let docsDir: string | undefined;
function engineDocsDir(): string {
  // Resolved from the installed engine package, so it works from a checkout and from an install.
  docsDir ??= path.join(path.dirname(require.resolve('@ssot-lint/shared-rules/package.json')), 'docs', 'rules');
  return docsDir;
}

export function toDiagnostic(folder: Folder, v: Violation, version: number | null): Diagnostic {
  const old = folder.baseline?.has(v.fingerprint) ?? false;
  const data: DiagnosticData = {
    fingerprint: v.fingerprint,
    version,
    fixes: v.fixes.map((f) => ({ title: f.title, edits: f.edits, safe: f.safe, preferred: f.preferred ?? false })),
  };
  const d: Diagnostic = {
    range: v.range,
    severity: old ? DiagnosticSeverity.Hint : SEVERITY[v.severity],
    code: v.rule,
    codeDescription: { href: ruleDocUrl(folder, v.rule) },
    source: SOURCE,
    message: old ? v.message + BASELINE_TAG : v.message,
    data,
  };
  if (v.related.length > 0) {
    d.relatedInformation = v.related.map((r) => ({ location: { uri: folder.uriOf(r.file), range: r.range }, message: r.message }));
  }
  return d;
}

export function diagnosticsOf(folder: Folder, state: FileState): Diagnostic[] {
  const out = state.violations.map((v) => toDiagnostic(folder, v, state.version));
  for (const e of state.internalErrors) {
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      code: 'internal-error',
      source: SOURCE,
      message: `ssot-lint internal error in rule ${e.rule}: ${e.message} (the file's other results are complete)`,
    });
  }
  return out;
}

/** The document's state, re-checked when it was computed for another version or config. */
export function freshDocumentState(session: Session, doc: TextDocument): { folder: Folder; rel: string; state?: FileState } | undefined {
  const loc = session.locate(doc.uri);
  if (!loc || !loc.folder.settings.enable) return undefined;
  const { folder, rel } = loc;
  const known = folder.files.get(rel);
  if (known && known.version === doc.version && known.gen === folder.gen) return { folder, rel, state: known };
  return { folder, rel, state: checkText(session, folder, rel, doc.getText(), doc.version) };
}

/** Checks an open document now and pushes its diagnostics (push mode only). */
export function validateDocument(session: Session, doc: TextDocument): void {
  const loc = session.locate(doc.uri);
  if (!loc) return;
  const r = freshDocumentState(session, doc);
  if (!session.support.pullDiagnostics) {
    const diagnostics = r?.state ? diagnosticsOf(r.folder, r.state) : [];
    diagnostics.push(...workspaceDiagnosticsOn(loc.folder, loc.rel, doc.version));
    void session.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }
  notifyIfReportChanged(session, loc.folder);
}

/** Pushes a file's disk-based diagnostics when the user wants workspace diagnostics. */
export function publishUnopened(session: Session, folder: Folder, rel: string): void {
  if (session.support.pullDiagnostics) return;
  const uri = folder.uriOf(rel);
  if (session.documents.get(uri)) return;
  const state = folder.files.get(rel);
  const extra = workspaceDiagnosticsOn(folder, rel, null);
  if (folder.settings.enable && folder.settings.workspaceDiagnostics && state && state.violations.length + state.internalErrors.length + extra.length > 0) {
    folder.published.add(uri);
    void session.connection.sendDiagnostics({ uri, diagnostics: [...diagnosticsOf(folder, state), ...extra] });
  } else if (folder.published.delete(uri)) {
    void session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

/** After a config or settings change: re-check open documents, re-push or ask pulling clients to refresh. */
export function revalidateAll(session: Session, folder?: Folder): void {
  for (const doc of session.documents.all()) {
    const loc = session.locate(doc.uri);
    if (!loc || (folder && loc.folder !== folder)) continue;
    if (!loc.folder.settings.enable) {
      loc.folder.files.delete(loc.rel);
      if (!session.support.pullDiagnostics) void session.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      continue;
    }
    validateDocument(session, doc);
  }
  if (session.support.pullDiagnostics && session.support.diagnosticRefresh) void session.connection.languages.diagnostics.refresh();
}
