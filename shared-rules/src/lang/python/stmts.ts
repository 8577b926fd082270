/**
 * Statement structure over the token stream: significant tokens only, bracket
 * matching, and simple statements / compound headers split out of logical lines.
 * The fact extractors work on this instead of a syntax tree, asking it what ctx-read.ts
 * answers.
 */
import { codeUnits } from './code-units';
import { LexError, T, tokenize, TokenSink } from './lexer';
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
  /** The lexer's errors (syntax errors of the file). */
  errors: LexError[];
  /** Significant tokens (NAME, NUMBER, STRING, OP, ERRORTOKEN): kind, start, end. */
  n: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Matching bracket of an opening/closing bracket token, else -1. */
  match: Int32Array;
  /** Statement containing each significant token. */
  stmtOf: Int32Array;
  /**
   * The statements as parallel arrays by statement index (the fields of Stmt; flags holds
   * header / ownLine / inline as STMT_* bits). The stdlib has ~1 statement per 80 bytes,
   * and an object for each was the front end's largest throwaway allocation. stmtAt
   * builds a Stmt for the few places that want one.
   */
  nStmts: number;
  stmtFirst: Int32Array;
  stmtLast: Int32Array;
  stmtDepth: Int32Array;
  stmtLogical: Int32Array;
  stmtFlags: Uint8Array;
  lineStarts: number[];
  /** The comments' spans, in order (suppressions read only these). */
  commentStart: number[];
  commentEnd: number[];
}

/** Line starts with Python's readlines() semantics (the engine's one implementation). */
export const lineStartsOf = computeLineStarts;

export const STMT_HEADER = 1;
export const STMT_OWN_LINE = 2;
export const STMT_INLINE = 4;

/** Statement si as an object. */
export function stmtAt(ctx: Ctx, si: number): Stmt {
  const f = ctx.stmtFlags[si];
  return {
    first: ctx.stmtFirst[si],
    last: ctx.stmtLast[si],
    header: (f & STMT_HEADER) !== 0,
    ownLine: (f & STMT_OWN_LINE) !== 0,
    inline: (f & STMT_INLINE) !== 0,
    depth: ctx.stmtDepth[si],
    logical: ctx.stmtLogical[si],
  };
}

export function lineOf(ctx: { lineStarts: number[] }, offset: number): number {
  return lineOfOffset(ctx.lineStarts, offset);
}

/**
 * Builds a Ctx from the lexer's tokens as they arrive (a TokenSink): copies the
 * significant ones, matches brackets, and splits each logical line into statements as soon
 * as the next one starts (its brackets are all matched by then). Per-line side arrays and
 * a second scan over the lines cost more than the split itself.
 *
 * The arrays are reused from file to file: a Ctx lives only inside one extractPythonFacts
 * call (synchronous, and the facts hold no typed array), so the next file may overwrite
 * them; fresh arrays per file cost ~6 bytes allocated and zeroed per source character. A
 * parse nested inside another file's (f-string fields) needs a builder of its own.
 */
const NO_UNITS: Buffer = Buffer.alloc(0);

export class CtxBuilder implements TokenSink {
  private kind = new Uint8Array(0);
  private start = new Int32Array(0);
  private end = new Int32Array(0);
  private match = new Int32Array(0);
  private stmtOf = new Int32Array(0);
  // A statement has at least one token: token capacity bounds the statement count.
  private stmtFirst = new Int32Array(0);
  private stmtLast = new Int32Array(0);
  private stmtDepth = new Int32Array(0);
  private stmtLogical = new Int32Array(0);
  private stmtFlags = new Uint8Array(0);
  /** Tokens up to here have room and a `match` of -1 (set ahead in bulk, not per token). */
  private ready = 0;
  /** The Ctx being built, on the full arrays until build() cuts them to size. */
  private ctx = this.begin('');
  private text = '';
  /** The text's code units while it is built (see tokenize). */
  private units: Buffer = NO_UNITS;
  /** Significant tokens so far. */
  private n = 0;
  private depth = 0;
  private newLogical = true;
  private lineFirst = -1;
  private lineDepth = 0;
  private lineSemi = false;
  private logical = 0;
  /**
   * Open brackets of the current logical line; `sp` is its height (setting an array's
   * length to clear it is a runtime call, and showed at ~9% of this loop).
   */
  private readonly stack: number[] = [];
  private sp = 0;

  /** Statement structure of `text` (`units`: its code units, see tokenize). The Ctx's arrays are reused by the next call: do not keep it. */
  build(text: string, lineStarts?: number[], units?: Buffer): Ctx {
    this.text = text;
    this.units = units ?? codeUnits(text);
    this.n = 0; this.ready = 0; this.depth = 0; this.newLogical = true; this.lineFirst = -1; this.lineSemi = false; this.logical = 0;
    // The stdlib has a significant token per ~6 characters; a file with more grows the arrays.
    this.reserve(Math.max(1024, text.length >> 2));
    const ctx = (this.ctx = this.begin(text));
    ctx.errors = tokenize(text, this, this.units);
    this.units = NO_UNITS;
    const n = (ctx.n = this.n);
    if (this.lineFirst >= 0) splitLogicalLine(ctx, this.lineFirst, n - 1, this.lineDepth, this.logical, this.lineSemi);
    // Views of exactly n tokens: a read past the last token is undefined, never another file's data.
    ctx.kind = ctx.kind.subarray(0, n); ctx.start = ctx.start.subarray(0, n); ctx.end = ctx.end.subarray(0, n);
    ctx.match = ctx.match.subarray(0, n); ctx.stmtOf = ctx.stmtOf.subarray(0, n);
    const ns = ctx.nStmts;
    ctx.stmtFirst = ctx.stmtFirst.subarray(0, ns); ctx.stmtLast = ctx.stmtLast.subarray(0, ns);
    ctx.stmtDepth = ctx.stmtDepth.subarray(0, ns); ctx.stmtLogical = ctx.stmtLogical.subarray(0, ns);
    ctx.stmtFlags = ctx.stmtFlags.subarray(0, ns);
    ctx.lineStarts = lineStarts ?? lineStartsOf(text);
    return ctx;
  }

  token(k: T, s: number, e: number): void {
    if ((k >= T.NAME && k <= T.OP) || k === T.ERRORTOKEN) {
      if (this.newLogical) this.startLogical();
      const n = this.n;
      if (n === this.ready) this.prepare(n);
      // stmtOf needs no value here: splitting the line gives every one of its tokens one.
      this.kind[n] = k; this.start[n] = s; this.end[n] = e;
      if (k === T.OP && e - s === 1) this.bracket(this.units[s], n);
      this.n = n + 1;
    } else if (k === T.INDENT) this.depth++;
    else if (k === T.DEDENT) this.depth--;
    else if (k === T.NEWLINE) this.newLogical = true;
    else if (k === T.COMMENT) { this.ctx.commentStart.push(s); this.ctx.commentEnd.push(e); }
  }

  /** The first significant token of a logical line: the line before is split into statements. */
  private startLogical(): void {
    if (this.lineFirst >= 0) {
      // The tokens so far, for isOp / isName's bounds test (a split reads none past its line).
      this.ctx.n = this.n;
      splitLogicalLine(this.ctx, this.lineFirst, this.n - 1, this.lineDepth, this.logical++, this.lineSemi);
    }
    this.lineFirst = this.n; this.lineDepth = this.depth; this.lineSemi = false;
    this.sp = 0;
    this.newLogical = false;
  }

  /** A one-character operator `c` as token n: brackets matched, a `;` noted. */
  private bracket(c: number, n: number): void {
    if (c === 40 || c === 91 || c === 123) this.stack[this.sp++] = n;
    else if (c === 41 || c === 93 || c === 125) {
      if (this.sp > 0) { const o = this.stack[--this.sp]; this.match[o] = n; this.match[n] = o; }
    } else if (c === 59) this.lineSemi = true;
  }

  /** A Ctx on this builder's full arrays, no tokens yet. */
  private begin(text: string): Ctx {
    return {
      text, errors: [], n: 0, kind: this.kind, start: this.start, end: this.end, match: this.match, stmtOf: this.stmtOf,
      nStmts: 0, stmtFirst: this.stmtFirst, stmtLast: this.stmtLast, stmtDepth: this.stmtDepth, stmtLogical: this.stmtLogical, stmtFlags: this.stmtFlags,
      lineStarts: [], commentStart: [], commentEnd: [],
    };
  }

  /** Token n is the first without room or a cleared `match`: both, for a stretch of tokens. */
  private prepare(n: number): void {
    if (n === this.kind.length) this.reserve(n * 2);
    this.ready = Math.min(this.kind.length, n + 4096);
    this.match.fill(-1, n, this.ready);
  }

  /** Room for `cap` tokens, keeping what is there (the Ctx being built moves to the new arrays). */
  private reserve(cap: number): void {
    if (this.kind.length >= cap) return;
    this.kind = grown(this.kind, new Uint8Array(cap)); this.start = grown(this.start, new Int32Array(cap));
    this.end = grown(this.end, new Int32Array(cap)); this.match = grown(this.match, new Int32Array(cap));
    this.stmtOf = grown(this.stmtOf, new Int32Array(cap));
    this.stmtFirst = grown(this.stmtFirst, new Int32Array(cap)); this.stmtLast = grown(this.stmtLast, new Int32Array(cap));
    this.stmtDepth = grown(this.stmtDepth, new Int32Array(cap)); this.stmtLogical = grown(this.stmtLogical, new Int32Array(cap));
    this.stmtFlags = grown(this.stmtFlags, new Uint8Array(cap));
    Object.assign(this.ctx, {
      kind: this.kind, start: this.start, end: this.end, match: this.match, stmtOf: this.stmtOf,
      stmtFirst: this.stmtFirst, stmtLast: this.stmtLast, stmtDepth: this.stmtDepth, stmtLogical: this.stmtLogical, stmtFlags: this.stmtFlags,
    });
  }
}

function grown<A extends Uint8Array | Int32Array>(old: A, into: A): A {
  into.set(old);
  return into;
}

const shared = new CtxBuilder();

/** Statement structure of `text` (`units`: its code units, see tokenize). The Ctx's arrays are reused by the next call: do not keep it. */
export function buildCtx(text: string, lineStarts?: number[], builder: CtxBuilder = shared, units?: Buffer): Ctx {
  return builder.build(text, lineStarts, units);
}

function addStmt(ctx: Ctx, first: number, last: number, header: boolean, ownLine: boolean, inline: boolean, depth: number, logical: number): void {
  const idx = ctx.nStmts++;
  ctx.stmtFirst[idx] = first;
  ctx.stmtLast[idx] = last;
  ctx.stmtDepth[idx] = depth;
  ctx.stmtLogical[idx] = logical;
  ctx.stmtFlags[idx] = (header ? STMT_HEADER : 0) | (ownLine ? STMT_OWN_LINE : 0) | (inline ? STMT_INLINE : 0);
  // A loop, not stmtOf.fill: statements are a few tokens, and the builtin call costs more.
  const stmtOf = ctx.stmtOf;
  for (let j = first; j <= last; j++) stmtOf[j] = idx;
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
    else ctx.stmtOf[q] = Math.max(0, ctx.nStmts - 1);
    if (q <= b) ctx.stmtOf[q] = Math.max(0, ctx.nStmts - 1);
    p = q + 1;
    ownLine = false;
  }
}

/** Token p (a NAME) is the word w: compared in place, no slice. */
function is(ctx: Ctx, p: number, len: number, w: string): boolean {
  return len === w.length && ctx.text.startsWith(w, ctx.start[p]);
}

/** First letters of the words that can start a compound statement header (isCompoundStart). */
const HEADER_FIRST = new Uint8Array(128);
for (const w of ['if', 'for', 'try', 'def', 'elif', 'else', 'with', 'case', 'while', 'class', 'async', 'match', 'except', 'finally']) HEADER_FIRST[w.charCodeAt(0)] = 1;

/** Token p starts a compound statement header (`if`, `def`, `async with`, soft `match`/`case` ...). */
function isCompoundStart(ctx: Ctx, p: number, a: number, b: number): boolean {
  // Most lines start with another name, most of those with a letter no header word has.
  if (ctx.kind[p] !== T.NAME) return false;
  const c = ctx.text.charCodeAt(ctx.start[p]);
  if (c >= 128 || HEADER_FIRST[c] === 0) return false;
  const len = ctx.end[p] - ctx.start[p]; // keywords are 2-7 letters, each tested in place
  switch (len) {
    case 2: return is(ctx, p, len, 'if');
    case 3: return is(ctx, p, len, 'for') || is(ctx, p, len, 'try') || is(ctx, p, len, 'def');
    case 4:
      if (is(ctx, p, len, 'elif') || is(ctx, p, len, 'else') || is(ctx, p, len, 'with')) return true;
      return is(ctx, p, len, 'case') && isSoftKeyword(ctx, p, a, b);
    case 5:
      if (is(ctx, p, len, 'while') || is(ctx, p, len, 'class')) return true;
      if (is(ctx, p, len, 'async')) {
        if (p + 1 > b || ctx.kind[p + 1] !== T.NAME) return false;
        const l2 = ctx.end[p + 1] - ctx.start[p + 1];
        return is(ctx, p + 1, l2, 'def') || is(ctx, p + 1, l2, 'for') || is(ctx, p + 1, l2, 'with');
      }
      return is(ctx, p, len, 'match') && isSoftKeyword(ctx, p, a, b);
    case 6: return is(ctx, p, len, 'except');
    case 7: return is(ctx, p, len, 'finally');
    default: return false;
  }
}

/** `match` / `case` as a keyword: first on its line, the line ends with `:`, and a subject follows. */
function isSoftKeyword(ctx: Ctx, p: number, a: number, b: number): boolean {
  if (!(p === a && p < b && isOp(ctx, b, ':'))) return false;
  if (ctx.kind[p + 1] !== T.OP) return true;
  if (ctx.end[p + 1] - ctx.start[p + 1] !== 1) return false;
  const c = ctx.text.charCodeAt(ctx.start[p + 1]);
  return c === 40 || c === 91 || c === 123 || c === 45 || c === 42 || c === 126; // ( [ { - * ~
}

function headerColon(ctx: Ctx, p: number, b: number): number {
  let lambdas = 0;
  for (let q = p + 1; q <= b; q++) {
    if (ctx.match[q] > q) { q = ctx.match[q]; continue; }
    if (ctx.kind[q] === T.NAME && ctx.end[q] - ctx.start[q] === 6 && ctx.text.startsWith('lambda', ctx.start[q])) lambdas++;
    else if (isOp(ctx, q, ':')) {
      if (lambdas === 0) return q;
      lambdas--;
    }
  }
  return -1;
}

/** Significant token j is the operator `op` (compared without allocating). */
export function isOp(ctx: Ctx, j: number, op: string): boolean {
  if (j < 0 || j >= ctx.n || ctx.kind[j] !== T.OP || ctx.end[j] - ctx.start[j] !== op.length) return false;
  for (let i = 0; i < op.length; i++) if (ctx.text.charCodeAt(ctx.start[j] + i) !== op.charCodeAt(i)) return false;
  return true;
}
