/**
 * Cross-file freshness. When a file's facts change (an edit, a file event), the engine's
 * workspace index says which other files' workspace-rule results can change; those, and
 * only those, are re-checked, in the background and in slices. Workspace-level findings
 * (not tied to a checked file, e.g. a missing canonical module shown on ssot-lint.json)
 * are recomputed afterwards and published per file.
 */
import { pathToFileURL } from 'node:url';
import { checkWorkspaceLevel, extractFacts, recheckDependent, type FileResult, type Violation } from '@ssot-lint/shared-rules';
import type { Diagnostic } from 'vscode-languageserver';
import { nextResultId, type FileState, type Folder, type Session } from '../session';
import { checkText, diagnosticsOf, publishUnopened, toDiagnostic, validateDocument } from './diagnostics';
import { configDiagnostics } from './configuration';
import { notifyIfReportChanged } from './compliance-report';
import { readDisk } from './text-document-sync';
import { yieldToEventLoop } from './workspace-scan';

const SLICE_MS = 8;
/** What each re-checked file's rules read from the index (FileState stays as diagnostics.ts builds it). */
const reads = new WeakMap<FileState, Pick<FileResult, 'indexRules' | 'indexReads'>>();
const draining = new WeakSet<Folder>();

/**
 * Queues files for a re-check because a file they depend on changed (its facts entered
 * or left the index); the workspace-level findings are recomputed after the drain even
 * when no file depends on it (a new file can be the missing canonical module).
 */
export function queueDependents(session: Session, folder: Folder, rels: readonly string[]): void {
  if (!folder.project.index) return;
  for (const r of rels) folder.dirty.add(r);
  if (draining.has(folder)) return;
  draining.add(folder);
  setImmediate(() => void drain(session, folder).finally(() => draining.delete(folder)));
}

async function drain(session: Session, folder: Folder): Promise<void> {
  let sliceStart = Date.now();
  while (folder.dirty.size > 0) {
    const rel = folder.dirty.values().next().value as string;
    folder.dirty.delete(rel);
    recheck(session, folder, rel);
    if (Date.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  }
  refreshWorkspaceLevel(session, folder);
  notifyIfReportChanged(session, folder);
}

/** Re-checks a file whose own text did not change (its facts in the index are current). */
export function recheck(session: Session, folder: Folder, rel: string): void {
  const doc = session.documents.get(folder.uriOf(rel));
  if (doc) {
    folder.files.delete(rel); // forces a re-check of the same version
    validateDocument(session, doc);
    return;
  }
  const known = folder.files.get(rel);
  const outline = folder.project.index?.outline(rel);
  if (known && outline && known.version === null && known.gen === folder.gen && known.internalErrors.length === 0) {
    // Its text is unchanged: re-run only the rules whose index reads moved, on its outline,
    // and read the text from disk only if one of them (or a new violation) needs it.
    let gone = false;
    const r = recheckDependent(folder.project, rel, { ...known, ...reads.get(known) }, outline, () => {
      const text = readDisk(folder, rel);
      gone = text === undefined;
      return text ?? '';
    });
    if (gone) return;
    const same = r.violations.length === known.violations.length && r.violations.every((v, i) => v === known.violations[i]);
    const state = same ? known : { ...known, violations: r.violations, suppressedCount: r.suppressedCount, internalErrors: r.internalErrors, resultId: nextResultId() };
    reads.set(state, { indexRules: r.indexRules, indexReads: r.indexReads });
    if (state === known) return;
    folder.files.set(rel, state);
    publishUnopened(session, folder, rel);
    return;
  }
  const text = readDisk(folder, rel);
  if (!known || text === undefined) return;
  // Facts given when indexed: this re-check must not update the index (which would queue its dependents again).
  const state = checkText(session, folder, rel, text, null, known.stamp, outline ? extractFacts(rel, text) : undefined);
  if (state) publishUnopened(session, folder, rel);
}

/** Recomputes the workspace-level findings and re-publishes the files they are on (push mode). */
export function refreshWorkspaceLevel(session: Session, folder: Folder): void {
  if (!folder.project.index) return;
  const before = folder.workspaceViolations;
  let next: Violation[];
  try {
    next = checkWorkspaceLevel(folder.project);
  } catch (err) {
    session.error(`ssot-lint: workspace rules failed: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  if (JSON.stringify(next) === JSON.stringify(before)) return;
  folder.workspaceViolations = next;
  folder.viewGen++;
  const files = new Set([...before, ...next].map((v) => v.file));
  for (const file of files) publishFile(session, folder, file);
}

/**
 * Everything ssot-lint shows on one file: its own results (when it is a checked file),
 * the workspace-level findings on it, and config errors when it is the config file.
 */
export function publishFile(session: Session, folder: Folder, rel: string): void {
  if (session.support.pullDiagnostics && folder.files.has(rel)) return;
  const uri = folder.uriOf(rel);
  const doc = session.documents.get(uri);
  const diagnostics: Diagnostic[] = [];
  const state = folder.files.get(rel);
  if (state && (doc || folder.settings.workspaceDiagnostics)) diagnostics.push(...diagnosticsOf(folder, state));
  diagnostics.push(...workspaceDiagnosticsOn(folder, rel, doc?.version ?? null));
  if (pathToFileURL(folder.configFile()).href === uri) {
    diagnostics.push(...configDiagnostics(folder.configErrors, doc?.getText() ?? readDisk(folder, rel) ?? ''));
  }
  void session.connection.sendDiagnostics({ uri, version: doc?.version, diagnostics });
}

export function workspaceDiagnosticsOn(folder: Folder, rel: string, version: number | null): Diagnostic[] {
  if (!folder.settings.enable) return [];
  return folder.workspaceViolations.filter((v) => v.file === rel).map((v) => toDiagnostic(folder, v, version));
}
