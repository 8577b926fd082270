import type { Span } from '../facts';
import type { SourceFile } from '../types';
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
