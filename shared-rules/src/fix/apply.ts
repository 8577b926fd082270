import type { OffsetEdit } from '../types';

/**
 * Applies non-overlapping edits to a text. Identical edits (same range, same text,
 * e.g. two fixes that add the same import) collapse into one; any other overlap
 * is a bug in the caller and throws rather than corrupting the text.
 */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = dedupeEdits(edits);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (e.start < cursor) throw new Error(`overlapping edits at offset ${e.start}`);
    if (e.start > text.length || e.end > text.length || e.end < e.start) throw new Error(`edit out of range: ${e.start}-${e.end}`);
    out += text.slice(cursor, e.start) + e.newText;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

export function dedupeEdits(edits: readonly OffsetEdit[]): OffsetEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: OffsetEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === e.end && prev.newText === e.newText) continue;
    out.push(e);
  }
  return out;
}

/** True when two edit sets can be applied together (after collapsing identical edits). */
export function editsConflict(a: readonly OffsetEdit[], b: readonly OffsetEdit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.start === y.start && x.end === y.end && x.newText === y.newText) continue;
      // Two insertions at the same point would have an order-dependent result.
      if (x.start === x.end && y.start === y.end && x.start === y.start) return true;
      if (x.start < y.end && y.start < x.end) return true;
      if (x.start === x.end && x.start > y.start && x.start < y.end) return true;
      if (y.start === y.end && y.start > x.start && y.start < x.end) return true;
    }
  }
  return false;
}
