import type { Span } from '../facts';
import type { SourceFile } from '../types';

/** File-level findings point at the first line, so editors show them at the top. */
export function firstLineSpan(file: SourceFile): Span {
  const starts = file.facts.lineStarts;
  let end = starts.length > 1 ? starts[1] : file.text.length;
  while (end > 0 && (file.text[end - 1] === '\n' || file.text[end - 1] === '\r')) end--;
  return { start: 0, end: Math.max(0, end) };
}
