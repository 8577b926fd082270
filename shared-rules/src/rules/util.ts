import type { Span } from '../facts';
import type { ReportInput, SourceFile } from '../types';
import { lineStartsOf } from '../text';

/** File-level findings point at the first line, so editors show them at the top. */
export function firstLineSpan(file: SourceFile): Span {
  const starts = lineStartsOf(file);
  let end = starts.length > 1 ? starts[1] : file.text.length;
  while (end > 0 && (file.text[end - 1] === '\n' || file.text[end - 1] === '\r')) end--;
  return { start: 0, end: Math.max(0, end) };
}

/** From the start of the line holding `span.start` to after the line break ending `span.end`, when nothing else shares those lines. */
export function wholeLines(text: string, span: Span, trailing: RegExp = /^[ \t]*$/): Span | undefined {
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  if (text.slice(start, span.start).trim() !== '') return undefined;
  let end = text.indexOf('\n', span.end);
  end = end < 0 ? text.length : end + 1;
  if (!trailing.test(text.slice(span.end, end).replace(/\r?\n$/, ''))) return undefined;
  return { start, end };
}

/** A definition as an outline has it: name, where the name is, and its line and column. */
interface NamedDefinition {
  name: string;
  nameSpan: Span;
  nameLine: number;
  nameColumn: number;
}

/**
 * The span and `at` of a finding on a definition's name, from the outline alone (see
 * ReportInput.at). Without `at` when the name is not the text of its span (a TS name
 * written with unicode escapes is longer in the source): then the text decides.
 */
export function nameFinding(def: NamedDefinition): Pick<ReportInput, 'span' | 'at'> {
  const { nameSpan: span } = def;
  if (span.end - span.start !== def.name.length) return { span };
  return { span, at: { line: def.nameLine, character: def.nameColumn, code: def.name } };
}
