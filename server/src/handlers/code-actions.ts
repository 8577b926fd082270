/**
 * textDocument/codeAction, built statelessly from what each diagnostic carries (its
 * `data`: fingerprint, document version, fixes as offsets). Every edit is a versioned
 * TextDocumentEdit for the exact version it was computed on; when the diagnostic is
 * older than the buffer, the file is re-checked and the actions are built for the
 * current version (matched by fingerprint), never from stale offsets.
 */
import { checkFile, fixAll, languageOf, type Violation } from '@ssot-lint/shared-rules';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { OpenRuleDocCommand, type DiagnosticData, type DiagnosticFix } from '../protocol';
import { LineIndex, minimalEdit } from '../positions';
import type { Folder, Session } from '../session';
import { ruleDocUrl, SOURCE } from './diagnostics';

export const FixAllKind = `${CodeActionKind.SourceFixAll}.ssot-lint`;
export const FIX_ALL_TITLE = 'Fix all auto-fixable ssot-lint problems';

/** One of our diagnostics as it stands against the current text. */
interface Current {
  diagnostic: Diagnostic;
  rule: string;
  line: number;
  fixes: DiagnosticFix[];
}

export function codeActions(session: Session, params: CodeActionParams): CodeAction[] {
  const doc = session.documents.get(params.textDocument.uri);
  const loc = session.locate(params.textDocument.uri);
  if (!doc || !loc || !loc.folder.settings.enable) return [];
  const { folder, rel } = loc;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const index = new LineIndex(doc.getText());
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const c of current(folder, rel, doc, params.context.diagnostics)) actions.push(...quickFixes(folder, doc, index, c));
  }
  if (wants(FixAllKind) && folder.project.scope.isIncluded(rel)) {
    const all = fixAllAction(folder, rel, doc, index);
    if (all) actions.push(all);
  }
  return dedupe(actions);
}

/**
 * Our diagnostics from the request, valid for the document's current version: taken
 * as they are when their version matches, else re-derived from a fresh check.
 */
function current(folder: Folder, rel: string, doc: TextDocument, diagnostics: Diagnostic[]): Current[] {
  const ours = diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string' && d.code !== 'internal-error');
  const out: Current[] = [];
  let fresh: Violation[] | undefined;
  const recheck = () => (fresh ??= checkFile(folder.project, rel, doc.getText()).violations);
  for (const d of ours) {
    const data = d.data as DiagnosticData | undefined;
    if (data && data.version === doc.version && Array.isArray(data.fixes)) {
      out.push({ diagnostic: d, rule: d.code as string, line: d.range.start.line, fixes: data.fixes });
      continue;
    }
    // Stale (or a client that dropped `data`): find the same violation in the current
    // text, by fingerprint when known, else by rule and the range the client shows.
    const v = recheck().find((x) =>
      data?.fingerprint ? x.fingerprint === data.fingerprint : x.rule === d.code && sameRange(x.range, d.range),
    );
    if (!v) continue;
    out.push({
      diagnostic: { ...d, range: v.range, data: { ...data, fingerprint: v.fingerprint, version: doc.version, fixes: [] } },
      rule: v.rule,
      line: v.range.start.line,
      fixes: v.fixes.map((f) => ({ title: f.title, edits: f.edits, safe: f.safe, preferred: f.preferred ?? false })),
    });
  }
  return out;
}

function quickFixes(folder: Folder, doc: TextDocument, index: LineIndex, c: Current): CodeAction[] {
  const out: CodeAction[] = c.fixes.map((f) => ({
    title: f.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [c.diagnostic],
    isPreferred: f.preferred,
    edit: versionedEdit(doc, f.edits.map((e) => index.textEdit(e))),
  }));
  out.push({
    title: `Suppress ${c.rule} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [c.diagnostic],
    edit: versionedEdit(doc, [suppressEdit(doc, index, c.rule, c.line)]),
  });
  const href = ruleDocUrl(folder, c.rule);
  out.push({
    title: `Open documentation for ${c.rule}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [c.diagnostic],
    command: { title: `Open documentation for ${c.rule}`, command: OpenRuleDocCommand, arguments: [href] },
  });
  return out;
}

export const SUPPRESS_REASON = 'TODO: reason';

/**
 * Python: a trailing `# ssot-lint: ignore[rule] -- reason` on the flagged line; TS/JS: a
 * `// ssot-lint-ignore-next-line rule -- reason` line above it, at its indentation. The
 * reason is a placeholder the user is expected to replace (a reason is mandatory).
 */
export function suppressEdit(doc: TextDocument, index: LineIndex, rule: string, line: number): TextEdit {
  if (isPython(doc)) {
    const end = index.lineEnd(line);
    const text = index.lineText(line);
    const pad = text.length === 0 || /\s$/.test(text) ? '' : '  ';
    return { range: { start: index.position(end), end: index.position(end) }, newText: `${pad}# ssot-lint: ignore[${rule}] -- ${SUPPRESS_REASON}` };
  }
  const indent = /^[ \t]*/.exec(index.lineText(line))![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}// ssot-lint-ignore-next-line ${rule} -- ${SUPPRESS_REASON}${index.eol()}` };
}

function fixAllAction(folder: Folder, rel: string, doc: TextDocument, index: LineIndex): CodeAction | undefined {
  const text = doc.getText();
  const result = fixAll(folder.project, rel, text);
  const edit = minimalEdit(text, result.text);
  if (!edit) return undefined;
  return { title: FIX_ALL_TITLE, kind: FixAllKind, edit: versionedEdit(doc, [index.textEdit(edit)]) };
}

function versionedEdit(doc: TextDocument, edits: TextEdit[]): CodeAction['edit'] {
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
}

function isPython(doc: TextDocument): boolean {
  // The engine decides the language by extension; the client's languageId may differ.
  return languageOf(new URL(doc.uri).pathname) === 'python';
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The same suppress or docs action offered once per rule and line, even for several diagnostics. */
function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.title}\0${JSON.stringify(a.edit ?? a.command)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
