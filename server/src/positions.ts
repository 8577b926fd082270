/**
 * The one place where engine offsets become LSP positions and back. The engine counts
 * UTF-16 code units and 0-based lines with the same line breaks as LSP (\n, \r\n, \r),
 * so the conversion is exact as long as both sides use the same text; the server only
 * negotiates the default (utf-16) position encoding for that reason.
 */
import { computeLineStarts, offsetToPosition, positionToOffset, type OffsetEdit, type Span } from '@ssot-lint/shared-rules';
import type { Position, Range, TextEdit } from 'vscode-languageserver';

/** A text with its line index, computed once per text. */
export class LineIndex {
  readonly lineStarts: readonly number[];
  constructor(readonly text: string, lineStarts?: readonly number[]) {
    this.lineStarts = lineStarts ?? computeLineStarts(text);
  }

  position(offset: number): Position {
    return offsetToPosition(this.lineStarts, offset);
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  offset(pos: Position): number {
    return positionToOffset(this.lineStarts, this.text.length, pos);
  }

  textEdit(edit: OffsetEdit): TextEdit {
    return { range: this.range(edit), newText: edit.newText };
  }

  /** Offset where line `line` ends, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** The line break the file uses (first one seen), '\n' when it has none. */
  eol(): string {
    if (this.lineStarts.length < 2) return '\n';
    const end = this.lineStarts[1];
    return this.text.slice(end - 2, end) === '\r\n' ? '\r\n' : this.text[end - 1];
  }
}

/**
 * The smallest single edit that turns `before` into `after` (common prefix and suffix
 * kept), so a whole-file fix-all does not rewrite untouched lines or move the cursor.
 */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  if (endB < before.length && isLowSurrogate(before.charCodeAt(endB))) {
    endB++;
    endA++;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
