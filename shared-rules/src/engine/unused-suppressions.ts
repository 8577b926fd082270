/**
 * suppression-unused is decided by the engine, not by a rule's check(): whether a
 * suppression hid anything is only known after every other rule has run on the file.
 * A suppression is judged only when every rule it names ran to completion here (a rule
 * that is off, out of scope, threw, or needs an index the project lacks might have used it).
 */
import type { Suppression } from '../facts';
import type { Severity } from '../config/types';
import type { OffsetEdit, ReportInput, SourceFile } from '../types';
import type { Project } from './check';
import { lineStartsOf, suppressionsOf } from '../text';

export const SUPPRESSION_UNUSED = 'suppression-unused';

const VALID = (s: Suppression) => s.rules.length > 0 && s.reason.length > 0;

export function unusedSuppressions(
  project: Project,
  file: SourceFile,
  used: readonly number[],
  ran: ReadonlySet<string>,
): { rule: string; severity: Severity; input: ReportInput }[] {
  const rule = project.rules.find((r) => r.meta.id === SUPPRESSION_UNUSED);
  if (!rule) return [];
  const severity = project.config.rules[SUPPRESSION_UNUSED]?.severity ?? rule.meta.defaultSeverity;
  if (severity === 'off' || !project.scope.ruleApplies(SUPPRESSION_UNUSED, file.path)) return [];
  const out: { rule: string; severity: Severity; input: ReportInput }[] = [];
  suppressionsOf(file).forEach((s, i) => {
    if (!VALID(s) || used.includes(i)) return;
    if (!s.rules.every((r) => ran.has(r) && r !== SUPPRESSION_UNUSED)) return;
    const names = s.rules.join(', ');
    const edits = removalEdits(file, s);
    const input: ReportInput = edits
      ? { span: s.span, message: `Suppression of ${names} suppresses nothing: remove it`, fixes: [{ title: 'Remove the unused suppression', edits, safe: true, preferred: true }] }
      : { span: s.span, message: `Suppression of ${names} suppresses nothing: remove it`, noFixReason: 'the comment holds other text besides the suppression' };
    out.push({ rule: SUPPRESSION_UNUSED, severity, input });
  });
  return out;
}

/** Deletes the comment (and its line when it stands alone, or the spaces before it after code). */
function removalEdits(file: SourceFile, s: Suppression): OffsetEdit[] | undefined {
  const { text } = file;
  const comment = text.slice(s.span.start, s.span.end);
  // A Python comment token runs to the end of the line; anything before the directive is someone else's.
  if (!/^(#\s*ssot-lint|\/\/\s*ssot-lint|\/\*\s*ssot-lint)/.test(comment)) return undefined;
  const lineStart = lineStartsOf(file)[s.line] ?? 0;
  let lineEnd = text.indexOf('\n', s.span.end);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  const before = text.slice(lineStart, s.span.start);
  const after = text.slice(s.span.end, lineEnd).replace(/\r?\n$/, '');
  if (before.trim() === '' && after.trim() === '') return [{ start: lineStart, end: lineEnd, newText: '' }];
  if (after.trim() !== '') return undefined;
  let from = s.span.start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return [{ start: from, end: s.span.end, newText: '' }];
}
