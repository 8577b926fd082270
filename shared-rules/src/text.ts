/** Offset <-> position conversion over FileFacts.lineStarts (UTF-16 units, 0-based lines). */
import type { Span, Suppression } from './facts';
import type { Position, Range, SourceFile } from './types';

/** 0-based line containing `offset`: binary search over line starts. The one implementation. */
export function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function offsetToPosition(lineStarts: readonly number[], offset: number): Position {
  const line = lineOfOffset(lineStarts, offset);
  return { line, character: offset - (lineStarts[line] ?? 0) };
}

export function spanToRange(lineStarts: readonly number[], span: Span): Range {
  return { start: offsetToPosition(lineStarts, span.start), end: offsetToPosition(lineStarts, span.end) };
}

export function positionToOffset(lineStarts: readonly number[], textLength: number, pos: Position): number {
  if (pos.line >= lineStarts.length) return textLength;
  const start = lineStarts[pos.line];
  const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : textLength;
  return Math.min(start + pos.character, next);
}

/** Line starts with Python readlines() semantics: \n, \r\n and a lone \r each end a line. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // LF-only files (nearly all): the engine's native indexOf is several times faster than a char loop.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** A SourceFile that computes its parts on first use says which ones it has (engine/lazy-source.ts). */
interface PartsKnown {
  loaded(part: 'facts' | 'outline'): boolean;
}

/** Whether a file's part is already a value (given, or computed): not pending, not read back on demand. */
function loaded(file: SourceFile, part: 'facts' | 'outline'): boolean {
  if (typeof (file as Partial<PartsKnown>).loaded === 'function') return (file as unknown as PartsKnown).loaded(part);
  const d = Object.getOwnPropertyDescriptor(file, part);
  return d !== undefined && 'value' in d;
}

/**
 * The file's line starts without extracting facts that are not loaded yet: the text's own
 * table is the same one (both front ends count Python's universal newlines, see text.ts).
 * Not memoised: a scan's results keep their files, and a table per file kept with them
 * was ~40 MB on a 25k-file tree; callers ask once per batch of findings.
 */
export function lineStartsOf(file: SourceFile): readonly number[] {
  return loaded(file, 'facts') ? file.facts.lineStarts : computeLineStarts(file.text);
}

/**
 * The file's suppression comments from whichever of outline and facts is at hand, without
 * computing the other: a scan's phase 2 has only the outline, and checkFile with a lazy
 * front end (env-access alone) must not build an outline (every fact) just for these.
 */
export function suppressionsOf(file: SourceFile): readonly Suppression[] {
  return loaded(file, 'outline') || !loaded(file, 'facts') ? file.outline.suppressions : file.facts.suppressions;
}
