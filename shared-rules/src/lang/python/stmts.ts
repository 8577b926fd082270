/**
 * Statement structure over the token stream: significant tokens only, bracket
 * matching, and simple statements / compound headers split out of logical lines.
 * The fact extractors work on this instead of a syntax tree.
 */
import type { Span } from '../../facts';
import { lex, LexScratch, PyTokens, T } from './lexer';
import { computeLineStarts, lineOfOffset } from '../../text';

export interface Stmt {
  /** Index of the first / last significant token (inclusive). */
  first: number;
  last: number;
  /** A compound statement header (`if x:`, `def f():`); `last` is its colon. */
  header: boolean;
  /** Starts its logical line (not after `:` or `;`). */
  ownLine: boolean;
  /** Part of a one-line body after a header colon on the same logical line. */
  inline: boolean;
  /** Indentation depth (number of INDENTs) of the logical line. */
  depth: number;
  /** Logical line number (0-based count of logical lines). */
  logical: number;
}

export interface Ctx {
  text: string;
  toks: PyTokens;
  /** Significant tokens (NAME, NUMBER, STRING, OP, ERRORTOKEN): kind, start, end. */
  n: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Index into toks of each significant token. */
  tokIndex: Int32Array;
  /** Matching bracket of an opening/closing bracket token, else -1. */
  match: Int32Array;
  /** Statement containing each significant token. */
  stmtOf: Int32Array;
  stmts: Stmt[];
  lineStarts: number[];
}

const COMPOUND = new Set(['if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'def', 'class']);

/** Line starts with Python's readlines() semantics (the engine's one implementation). */
export const lineStartsOf = computeLineStarts;

export function lineOf(ctx: { lineStarts: number[] }, offset: number): number {
  return lineOfOffset(ctx.lineStarts, offset);
}

/**
 * Arrays reused from file to file. A Ctx lives only inside one extractPythonFacts call
 * (synchronous, and the facts hold no typed array), so the next file may overwrite them;
 * fresh arrays per file cost ~6 bytes allocated and zeroed per source character.
 */
export type CtxScratch = ReturnType<typeof newScratch>;

/** Arrays for one Ctx at a time; a parse nested inside another file's (f-string fields) needs its own. */
export function newScratch() {
  return {
    lex: { kind: new Uint8Array(0), start: new Int32Array(0), end: new Int32Array(0) } as LexScratch,
    kind: new Uint8Array(0),
    start: new Int32Array(0),
    end: new Int32Array(0),
    tokIndex: new Int32Array(0),
    match: new Int32Array(0),
    stmtOf: new Int32Array(0),
  };
}

const shared = newScratch();

function reserve(scratch: CtxScratch, cap: number): void {
  if (scratch.kind.length >= cap) return;
  const size = Math.max(1024, cap + (cap >> 1));
  scratch.kind = new Uint8Array(size);
  scratch.start = new Int32Array(size);
  scratch.end = new Int32Array(size);
  scratch.tokIndex = new Int32Array(size);
  scratch.match = new Int32Array(size);
  scratch.stmtOf = new Int32Array(size);
}

/** Statement structure of `text`. The Ctx's arrays are reused by the next call: do not keep it. */
export function buildCtx(text: string, lineStarts?: number[], scratch: CtxScratch = shared): Ctx {
  const toks = lex(text, scratch.lex);
  const cap = toks.count;
  const tk = toks.kind;
  const ts = toks.start;
  const te = toks.end;
  reserve(scratch, cap);
  const { kind, start, end, tokIndex, match } = scratch;
  match.fill(-1, 0, cap);
  // One pass copies the significant tokens, matches brackets and records each logical
  // line's first token, depth and whether it holds a `;` (per-token side arrays and a
  // second scan for line boundaries cost more than the rest of the split).
  const lineFirst: number[] = [];
  const lineDepth: number[] = [];
  const lineSemi: boolean[] = [];
  const stack: number[] = [];
  let n = 0;
  let depth = 0;
  let newLogical = true;
  for (let i = 0; i < cap; i++) {
    const k = tk[i];
    if (k === T.NAME || k === T.OP || k === T.STRING || k === T.NUMBER || k === T.ERRORTOKEN) {
      const s = ts[i];
      const e = te[i];
      if (newLogical) {
        lineFirst.push(n); lineDepth.push(depth); lineSemi.push(false);
        stack.length = 0;
        newLogical = false;
      }
      kind[n] = k; start[n] = s; end[n] = e; tokIndex[n] = i;
      if (k === T.OP && e - s === 1) {
        const c = text.charCodeAt(s);
        if (c === 40 || c === 91 || c === 123) stack.push(n);
        else if (c === 41 || c === 93 || c === 125) {
          if (stack.length > 0) { const o = stack.pop()!; match[o] = n; match[n] = o; }
        } else if (c === 59) lineSemi[lineSemi.length - 1] = true;
      }
      n++;
    } else if (k === T.INDENT) depth++;
    else if (k === T.DEDENT) depth--;
    else if (k === T.NEWLINE) newLogical = true;
  }
  const stmtOf = scratch.stmtOf.subarray(0, n).fill(0);
  // Views of exactly n tokens: a read past the last token is undefined, never another file's data.
  const ctx: Ctx = {
    text, toks, n,
    kind: kind.subarray(0, n), start: start.subarray(0, n), end: end.subarray(0, n), tokIndex: tokIndex.subarray(0, n), match: match.subarray(0, n),
    stmtOf, stmts: [], lineStarts: lineStarts ?? lineStartsOf(text),
  };
  const lines = lineFirst.length;
  for (let l = 0; l < lines; l++) {
    const a = lineFirst[l];
    const b = l + 1 < lines ? lineFirst[l + 1] - 1 : n - 1;
    splitLogicalLine(ctx, a, b, lineDepth[l], l, lineSemi[l]);
  }
  return ctx;
}

function addStmt(ctx: Ctx, first: number, last: number, header: boolean, ownLine: boolean, inline: boolean, depth: number, logical: number): void {
  const idx = ctx.stmts.length;
  ctx.stmts.push({ first, last, header, ownLine, inline, depth, logical });
  ctx.stmtOf.fill(idx, first, last + 1);
}

function splitLogicalLine(ctx: Ctx, a: number, b: number, depth: number, logical: number, semi: boolean): void {
  // The common line: one simple statement, no `;` anywhere on it.
  if (!semi && !isCompoundStart(ctx, a, a, b)) {
    addStmt(ctx, a, b, false, true, false, depth, logical);
    return;
  }
  let p = a;
  let ownLine = true;
  let inline = false;
  while (p <= b) {
    if (isCompoundStart(ctx, p, a, b)) {
      const colon = headerColon(ctx, p, b);
      if (colon >= 0) {
        addStmt(ctx, p, colon, true, ownLine, inline, depth, logical);
        p = colon + 1;
        ownLine = false;
        inline = true;
        continue;
      }
    }
    let q = p;
    while (q <= b && !isOp(ctx, q, ';')) q = ctx.match[q] > q ? ctx.match[q] + 1 : q + 1;
    if (q > b) q = b + 1;
    if (q > p) addStmt(ctx, p, q - 1, false, ownLine, inline, depth, logical);
    else ctx.stmtOf[q] = Math.max(0, ctx.stmts.length - 1);
    if (q <= b) ctx.stmtOf[q] = Math.max(0, ctx.stmts.length - 1);
    p = q + 1;
    ownLine = false;
  }
}

function isCompoundStart(ctx: Ctx, p: number, a: number, b: number): boolean {
  // Keywords are 2-7 letters; longer names need no allocation to rule out.
  if (ctx.kind[p] !== T.NAME || ctx.end[p] - ctx.start[p] > 7) return false;
  const w = word(ctx, p);
  if (COMPOUND.has(w)) return true;
  if (w === 'async') return p + 1 <= b && ctx.kind[p + 1] === T.NAME && /^(def|for|with)$/.test(word(ctx, p + 1));
  if ((w === 'match' || w === 'case') && p === a && p < b && isOp(ctx, b, ':')) {
    return ctx.kind[p + 1] !== T.OP || /^[([{\-*~]$/.test(word(ctx, p + 1));
  }
  return false;
}

function headerColon(ctx: Ctx, p: number, b: number): number {
  let lambdas = 0;
  for (let q = p + 1; q <= b; q++) {
    if (ctx.match[q] > q) { q = ctx.match[q]; continue; }
    if (ctx.kind[q] === T.NAME && word(ctx, q) === 'lambda') lambdas++;
    else if (isOp(ctx, q, ':')) {
      if (lambdas === 0) return q;
      lambdas--;
    }
  }
  return -1;
}

export function word(ctx: Ctx, j: number): string {
  return ctx.text.slice(ctx.start[j], ctx.end[j]);
}

/** Significant token j is the operator `op` (compared without allocating). */
export function isOp(ctx: Ctx, j: number, op: string): boolean {
  if (j < 0 || j >= ctx.n || ctx.kind[j] !== T.OP || ctx.end[j] - ctx.start[j] !== op.length) return false;
  for (let i = 0; i < op.length; i++) if (ctx.text.charCodeAt(ctx.start[j] + i) !== op.charCodeAt(i)) return false;
  return true;
}

/** Significant token j is the NAME `name`. */
export function isName(ctx: Ctx, j: number, name: string): boolean {
  if (j < 0 || j >= ctx.n || ctx.kind[j] !== T.NAME || ctx.end[j] - ctx.start[j] !== name.length) return false;
  return ctx.text.startsWith(name, ctx.start[j]);
}

export function span(ctx: Ctx, a: number, b: number): Span {
  return { start: ctx.start[a], end: ctx.end[b] };
}

/** Source text of tokens a..b with whitespace runs collapsed, none after openers or before closers and commas. */
export function normText(ctx: Ctx, a: number, b: number): string {
  let out = '';
  for (let j = a; j <= b; j++) {
    if (j > a && ctx.start[j] > ctx.end[j - 1]) {
      const prev = ctx.text.charCodeAt(ctx.start[j - 1]);
      const cur = ctx.text.charCodeAt(ctx.start[j]);
      const afterOpener = ctx.kind[j - 1] === T.OP && (prev === 40 || prev === 91 || prev === 123) && ctx.end[j - 1] - ctx.start[j - 1] === 1;
      const beforeCloser = ctx.kind[j] === T.OP && (cur === 41 || cur === 93 || cur === 125 || cur === 44) && ctx.end[j] - ctx.start[j] === 1;
      if (!afterOpener && !beforeCloser) out += ' ';
    }
    out += ctx.text.slice(ctx.start[j], ctx.end[j]);
  }
  return out;
}

/** Indentation string of the physical line containing offset. */
export function indentAt(ctx: Ctx, offset: number): string {
  const ls = ctx.lineStarts[lineOf(ctx, offset)];
  let p = ls;
  while (p < ctx.text.length) {
    const c = ctx.text.charCodeAt(p);
    if (c === 32 || c === 9 || c === 12) p++;
    else break;
  }
  return ctx.text.slice(ls, p);
}

/** Split tokens a..b (inside brackets) at top-level commas into [first, last] pairs. */
export function splitArgs(ctx: Ctx, a: number, b: number): [number, number][] {
  const out: [number, number][] = [];
  let s = a;
  for (let q = a; q <= b; q++) {
    if (ctx.match[q] > q) { q = ctx.match[q]; continue; }
    if (isOp(ctx, q, ',')) {
      if (q > s) out.push([s, q - 1]);
      s = q + 1;
    }
  }
  if (b >= s) out.push([s, b]);
  return out;
}

/** String token j: prefix flags (1 raw, 2 f, 4 bytes), quote length and the raw content. */
export function stringParts(ctx: Ctx, j: number): { flags: number; value: string } {
  const t = ctx.text;
  let p = ctx.start[j];
  let flags = 0;
  for (;;) {
    const c = t.charCodeAt(p) | 0x20;
    if (c === 114) flags |= 1;
    else if (c === 102) flags |= 2;
    else if (c === 98) flags |= 4;
    else if (c !== 117) break;
    p++;
  }
  const q = t.charCodeAt(p);
  const ql = t.charCodeAt(p + 1) === q && t.charCodeAt(p + 2) === q && ctx.end[j] - p >= 6 ? 3 : 1;
  return { flags, value: t.slice(p + ql, ctx.end[j] - ql) };
}

export { lex };
