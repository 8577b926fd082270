/**
 * Text helpers for the TS front end: line tables counted the way the reference
 * checker counts (Python universal newlines), and trivia skipping that does not
 * depend on TypeScript internals.
 */
import { lineOfOffset } from '../../text';
import type { Span } from '../../facts';

export interface LineTable {
  /** Offsets where each line starts; one extra entry after a final terminator so offset<->position works at EOF. */
  lineStarts: number[];
  /** `readlines()` count: terminated lines, +1 for an unterminated last line. */
  lineCount: number;
  eol: string;
}

/** `\n`, `\r\n` and a lone `\r` each end a line (Python's universal newlines), nothing else. */
export function computeLines(text: string): LineTable {
  const lineStarts = [0];
  let eol = '';
  const n = text.length;
  let i = 0;
  // Next known positions of each terminator, re-searched only once passed (a file without
  // any `\r` would otherwise be rescanned to the end for every line).
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  if (nl < 0) nl = n;
  if (cr < 0) cr = n;
  while (i < n) {
    if (nl < i) nl = (nl = text.indexOf('\n', i)) < 0 ? n : nl;
    if (cr < i) cr = (cr = text.indexOf('\r', i)) < 0 ? n : cr;
    const at = nl < cr ? nl : cr;
    if (at >= n) break;
    // `nl === n` is the not-found sentinel: a `\r` that ends the text is a lone CR, not CRLF.
    if (at === cr && nl === at + 1 && nl < n) {
      if (!eol) eol = '\r\n';
      i = at + 2;
    } else {
      if (!eol) eol = at === cr ? '\r' : '\n';
      i = at + 1;
    }
    lineStarts.push(i);
  }
  const last = lineStarts[lineStarts.length - 1];
  const lineCount = lineStarts.length - 1 + (last < n ? 1 : 0);
  return { lineStarts, lineCount, eol: eol || '\n' };
}

/** 0-based line containing `offset` (the engine's one binary search). */
export const lineOf = lineOfOffset;

/** Line of the last character of a half-open span (the end offset itself may sit on the next line). */
export function endLineOf(lineStarts: readonly number[], span: Span): number {
  return lineOf(lineStarts, span.end > span.start ? span.end - 1 : span.start);
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680;
}

export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** First offset at or after `pos` that is not whitespace, a line break or a comment (what `node.getStart()` computes from `node.pos`). */
export function skipTrivia(text: string, pos: number): number {
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (isWs(c) || isLineBreak(c)) {
      pos++;
    } else if (c === 47 /* / */ && text.charCodeAt(pos + 1) === 47) {
      pos += 2;
      while (pos < n && !isLineBreak(text.charCodeAt(pos))) pos++;
    } else if (c === 47 && text.charCodeAt(pos + 1) === 42 /* * */) {
      const close = text.indexOf('*/', pos + 2);
      pos = close < 0 ? n : close + 2;
    } else if (c === 35 /* # */ && pos === 0 && text.charCodeAt(1) === 33 /* ! */) {
      while (pos < n && !isLineBreak(text.charCodeAt(pos))) pos++;
    } else {
      break;
    }
  }
  return pos;
}

/** Leading whitespace of the line that contains `offset`, and whether only whitespace precedes `offset` on it. */
export function lineIndent(text: string, lineStarts: readonly number[], offset: number): { indent: string; ownLine: boolean } {
  const ls = lineStarts[lineOf(lineStarts, offset)];
  let p = ls;
  while (p < offset && isWs(text.charCodeAt(p))) p++;
  return { indent: text.slice(ls, p), ownLine: p === offset };
}

/** Collapses whitespace runs, for decorator and base texts that may wrap lines. */
export function normalizeWs(s: string): string {
  return /\s\s|[\t\r\n]/.test(s) ? s.replace(/\s+/g, ' ') : s;
}
