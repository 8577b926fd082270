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

/**
 * A growing set of mutually compatible edits, for choosing fixes greedily (fixAll).
 * `tryAdd` answers what `editsConflict(chosen, edits)` would, in O(log n) per edit rather
 * than O(n): a file with 50,000 fixable violations would otherwise take minutes.
 */
export class EditSet {
  /** Chosen edits, distinct, sorted by (start, end); they never overlap, so their ends are sorted too. */
  private readonly sorted: OffsetEdit[] = [];

  get edits(): readonly OffsetEdit[] {
    return this.sorted;
  }

  /** Adds all of `edits` and returns true, or adds none and returns false when one conflicts. */
  tryAdd(edits: readonly OffsetEdit[]): boolean {
    for (const e of edits) if (this.conflicts(e)) return false;
    for (const e of edits) {
      const i = this.upperBound(e.start, e.end);
      const prev = this.sorted[i - 1];
      if (prev && prev.start === e.start && prev.end === e.end && prev.newText === e.newText) continue;
      this.sorted.splice(i, 0, e);
    }
    return true;
  }

  private conflicts(e: OffsetEdit): boolean {
    // Only edits starting at or before e.end and ending at or after e.start can touch it.
    for (let i = this.upperBound(e.end, Infinity) - 1; i >= 0 && this.sorted[i].end >= e.start; i--) {
      if (editsConflict([this.sorted[i]], [e])) return true;
    }
    return false;
  }

  /** First index whose (start, end) is greater than the given pair. */
  private upperBound(start: number, end: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.sorted[mid];
      if (m.start < start || (m.start === start && m.end <= end)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

/**
 * A replacement written where the source had no space must not merge with the word
 * next to it: `not"X" in os.environ` -> `not get_env()...`, not `notget_env()...`;
 * `process.env["A"]in x` -> `....environment in x`.
 */
export function keepTokensApart(text: string, edit: OffsetEdit): OffsetEdit {
  let newText = edit.newText;
  if (newText && WORD.test(newText[newText.length - 1]) && WORD.test(text[edit.end] ?? '')) newText += ' ';
  if (newText && WORD.test(newText[0]) && edit.start > 0 && WORD.test(text[edit.start - 1])) newText = ` ${newText}`;
  return newText === edit.newText ? edit : { ...edit, newText };
}
