/**
 * Hand-written Python tokenizer (CPython 3.11 `tokenize` token boundaries, plus PEP 701
 * same-quote nesting inside f-string replacement fields).
 *
 * Tokens are (kind, UTF-16 start, end) triples handed to a TokenSink as they are found, no
 * object and no substring per token: lex() keeps them all in parallel typed arrays, the
 * front end's CtxBuilder (stmts.ts) only what it reads.
 *
 * Why one file over ~400 lines: this is a single state machine (strings, f-string nesting,
 * brackets, indentation and continuation share the same position and error state in one
 * pass); splitting it would put the hot loop's shared state behind calls or globals. The
 * number and operator scanners at the end are called from that loop per token: imported
 * from another module, each call would load a property of the module object (the cost
 * measured for the token kinds, see T). What is not the lexer's loop, making its code
 * units, lives in code-units.ts.
 */

import { codeUnits } from './code-units';

// A const enum: tsc writes each kind as a number literal at its use. The hot loops of
// stmts, defs and scan read kinds per token, and a property load of an imported object
// there cost 7% of buildCtx (measured).
export const enum T {
  ENDMARKER = 0,
  NAME = 1,
  NUMBER = 2,
  STRING = 3,
  OP = 4,
  COMMENT = 5,
  NEWLINE = 6,
  NL = 7,
  INDENT = 8,
  DEDENT = 9,
  ERRORTOKEN = 10,
}

export const TOKEN_NAMES = ['ENDMARKER', 'NAME', 'NUMBER', 'STRING', 'OP', 'COMMENT', 'NEWLINE', 'NL', 'INDENT', 'DEDENT', 'ERRORTOKEN'];

export interface LexError {
  message: string;
  start: number;
  end: number;
}

export interface PyTokens {
  text: string;
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  errors: LexError[];
}

export function tokenText(toks: PyTokens, i: number): string {
  return toks.text.slice(toks.start[i], toks.end[i]);
}

// Character classes for ASCII: 1 = identifier start, 2 = identifier continue only (digit).
// 256 entries, 0 above 127: a code unit byte (see tokenize) is never read out of bounds.
const ID = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) ID[c] = 1;
  else if (c >= 48 && c <= 57) ID[c] = 2;
}

// CPython 3.11 tokenize matches names with `\w`, i.e. str.isalnum() or '_'.
const WORD_RE = /[\p{L}\p{N}]/u;
function isWordCodePoint(cp: number): boolean {
  return WORD_RE.test(String.fromCodePoint(cp));
}

// Keywords that can never occur inside brackets: seeing one first on a line means a
// bracket was left open, and recovering there keeps the rest of the file usable.
const RESET_KEYWORDS = new Set(['def', 'class', 'import', 'return', 'pass', 'raise', 'try', 'while', 'with', 'del', 'global', 'nonlocal', 'assert', 'break', 'continue', 'elif', 'except', 'finally']);

const MAX_FSTRING_NESTING = 150;

/** String prefix flags: 1 = raw, 2 = f-string, 4 = bytes; -1 when `s[a,b)` is no valid prefix. */
function prefixFlags(s: Uint8Array, a: number, b: number): number {
  let flags = 0;
  let seenU = false;
  for (let i = a; i < b; i++) {
    const c = s[i] | 0x20;
    if (c === 114 /* r */) { if (flags & 1) return -1; flags |= 1; }
    else if (c === 102 /* f */) { if (flags & 6) return -1; flags |= 2; }
    else if (c === 98 /* b */) { if (flags & 6) return -1; flags |= 4; }
    else if (c === 117 /* u */) { if (b - a !== 1) return -1; seenU = true; }
    else return -1;
  }
  return seenU ? 0 : flags;
}

/**
 * Where the lexer puts each token, in order. lex collects them all into arrays; buildCtx
 * (stmts.ts) keeps only what the fact extractors read, as the tokens arrive: copying the
 * significant ones out of a full token array afterwards was a second loop over every
 * token, and cost a fifth of the front end (measured).
 */
export interface TokenSink {
  token(kind: T, start: number, end: number): void;
}

/** Every token, as parallel arrays (grown by doubling). */
class TokenArrays implements TokenSink {
  count = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;

  constructor(cap: number) {
    this.kind = new Uint8Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
  }

  token(k: T, s: number, e: number): void {
    const i = this.count;
    if (i === this.kind.length) this.grow();
    this.kind[i] = k; this.start[i] = s; this.end[i] = e;
    this.count = i + 1;
  }

  private grow(): void {
    const cap = this.kind.length * 2;
    const k2 = new Uint8Array(cap); k2.set(this.kind); this.kind = k2;
    const s2 = new Int32Array(cap); s2.set(this.start); this.start = s2;
    const e2 = new Int32Array(cap); e2.set(this.end); this.end = e2;
  }
}

/** The whole token stream of `text`, as CPython's tokenize would split it. */
export function lex(text: string): PyTokens {
  const sink = new TokenArrays(Math.max(64, (text.length >> 2) + 16));
  const errors = tokenize(text, sink);
  return { text, count: sink.count, kind: sink.kind, start: sink.start, end: sink.end, errors };
}

/**
 * Tokenizes `text` into `sink`; returns the errors found on the way.
 *
 * The lexer reads the text's UTF-16 code units from `units`, a byte per unit: the unit
 * itself when it is ASCII, any value from 128 up otherwise (every non-ASCII decision reads
 * the text's code point). Indexing a Buffer is a bounds check and a load; the string's
 * charCodeAt also dispatches on the string's representation at every read: the lexer ran
 * 15-19% faster on bytes over the 5k tree's files (measured). A caller that has the file's
 * bytes passes them when they are exactly that (code-units.ts); else codeUnits makes them.
 */
export function tokenize(text: string, sink: TokenSink, units: Buffer = codeUnits(text)): LexError[] {
  const n = text.length;
  const errors: LexError[] = [];

  // Returns the end offset of the string whose opening quote is at q, or -(offset of the
  // point where it became unterminated) - 1.
  const scanString = (q: number, flags: number, nesting: number): number => {
    // Uncaptured copies, as in the main loop below.
    const u = units, len = n;
    const quote = u[q];
    const triple = u[q + 1] === quote && u[q + 2] === quote;
    let p = triple ? q + 3 : q + 1;
    if (triple && !(flags & 2)) return tripleEnd(p, quote);
    if (!(flags & 2)) {
      while (p < len) {
        const c = u[p];
        if (c === quote) {
          if (!triple) return p + 1;
          if (u[p + 1] === quote && u[p + 2] === quote) return p + 3;
          p++;
        } else if (c === 92) {
          p += u[p + 1] === 13 && u[p + 2] === 10 ? 3 : 2;
        } else if ((c === 10 || c === 13) && !triple) {
          return -p - 1;
        } else p++;
      }
      return -len - 1;
    }
    return scanFString(p, quote, triple, flags, nesting);
  };

  // Where the last backslash search started and what it found (n: none): the search is
  // reused while it stays ahead, so each stretch of text is searched once per file.
  let bsFrom = n + 1;
  let bsAt = n;
  const nextBackslash = (p: number): number => {
    if (p < bsFrom || p > bsAt) {
      bsFrom = p;
      const i = text.indexOf('\\', p);
      bsAt = i < 0 ? n : i;
    }
    return bsAt;
  };

  // End of a triple-quoted, non-f string body from p (as scanString). Docstrings are most
  // of the stdlib's string text: jumping between quotes and backslashes with the engine's
  // indexOf beats reading them a character at a time.
  const quoteChars = ['"', "'"];
  const tripleEnd = (p: number, quote: number): number => {
    const u = units;
    const qs = quoteChars[quote === 34 ? 0 : 1];
    for (;;) {
      const qi = text.indexOf(qs, p);
      if (qi < 0) return -n - 1;
      const bs = nextBackslash(p);
      if (bs < qi) {
        p = bs + (u[bs + 1] === 13 && u[bs + 2] === 10 ? 3 : 2);
        continue;
      }
      if (u[qi + 1] === quote && u[qi + 2] === quote) return qi + 3;
      p = qi + 1;
    }
  };

  // f-string body: literal text, `{expr!conv:spec}` fields with nested strings (PEP 701).
  const scanFString = (p: number, quote: number, triple: boolean, flags: number, nesting: number): number => {
    const u = units;
    // Stack of field states: 0 = literal, 1 = expression, 2 = format spec; brackets per expression.
    const modes: number[] = [0];
    const brackets: number[] = [0];
    while (p < n) {
      const c = u[p];
      const mode = modes[modes.length - 1];
      if ((c === 10 || c === 13) && !triple) return -p - 1;
      if (mode !== 1) {
        if (c === quote) {
          if (!triple) return p + 1;
          if (u[p + 1] === quote && u[p + 2] === quote) return p + 3;
          p++;
        } else if (c === 92) {
          const d = u[p + 1];
          if (d === 123 || d === 125) p++;
          else if (d === 78 && !(flags & 1) && u[p + 2] === 123) {
            const close = text.indexOf('}', p + 3);
            p = close < 0 ? n : close + 1;
          } else p += d === 13 && u[p + 2] === 10 ? 3 : 2;
        } else if (c === 123) {
          if (mode === 0 && u[p + 1] === 123) p += 2;
          else { modes.push(1); brackets.push(0); p++; }
        } else if (c === 125) {
          if (mode === 2) { modes.pop(); brackets.pop(); }
          else if (u[p + 1] === 125) p++;
          p++;
        } else p++;
        continue;
      }
      // Expression part.
      const depth = brackets[brackets.length - 1];
      if (c === 40 || c === 91 || c === 123) { brackets[brackets.length - 1] = depth + 1; p++; }
      else if (c === 41 || c === 93) { if (depth > 0) brackets[brackets.length - 1] = depth - 1; p++; }
      else if (c === 125) {
        if (depth > 0) { brackets[brackets.length - 1] = depth - 1; p++; }
        else { modes.pop(); brackets.pop(); p++; }
      } else if (c === 58 /* : */ && depth === 0) {
        modes[modes.length - 1] = 2; p++;
      } else if (c === 34 || c === 39) {
        if (nesting >= MAX_FSTRING_NESTING) return -p - 1;
        const e = scanString(p, 0, nesting + 1);
        if (e < 0) return e;
        p = e;
      } else if (c < 128 && ID[c] === 1) {
        const s = p;
        while (p < n) { const d = u[p]; if (d < 128 && ID[d] !== 0) p++; else break; }
        const d = u[p];
        if ((d === 34 || d === 39) && p - s <= 2) {
          const f = prefixFlags(u, s, p);
          if (f >= 0) {
            if (nesting >= MAX_FSTRING_NESTING) return -p - 1;
            const e = scanString(p, f, nesting + 1);
            if (e < 0) return e;
            p = e;
          }
        }
      } else if (c === 35 /* # */) {
        while (p < n) { const d = u[p]; if (d === 10 || d === 13) break; p++; }
      } else if (c === 92) {
        p += 2;
      } else p++;
    }
    return -n - 1;
  };

  const indents: number[] = [0];
  const bracketStack: number[] = [];
  let pos = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atLineStart = true;
  let lineHasTokens = false;

  // Without a \r anywhere (nearly every file) a line ends at the next \n: indexOf finds it.
  const lfOnly = text.indexOf('\r') < 0;
  const lineEnd = (p: number): number => {
    if (lfOnly) {
      const i = text.indexOf('\n', p);
      return i < 0 ? n : i;
    }
    const u = units;
    while (p < n) { const c = u[p]; if (c === 10 || c === 13) break; p++; }
    return p;
  };

  // The main loop reads its own uncaptured copies of what the closures above also use:
  // a variable a closure captures lives in the function's context object, and V8 reloads
  // and re-checks it at each read in the loop (the string's type at each charCodeAt). The
  // copies stay in registers: 18% fewer instructions for the lexer (measured).
  const src = text, u = units, len = n, ids = ID, out = sink;
  while (pos < len || atLineStart) {
    if (atLineStart) {
      atLineStart = false;
      let col = 0;
      let p = pos;
      for (; p < len; p++) {
        const c = u[p];
        if (c === 32) col++;
        else if (c === 9) col = ((col >> 3) + 1) << 3;
        else if (c === 12) col = 0;
        else break;
      }
      if (p >= len) { pos = p; break; }
      const c = u[p];
      if (bracketStack.length > 0 && c >= 97 && c <= 122) {
        let q = p + 1;
        while (q < len && ids[u[q]] !== 0 && u[q] < 128) q++;
        if (q - p <= 8 && RESET_KEYWORDS.has(text.slice(p, q)) && !(q < len && u[q] >= 128)) {
          for (const b of bracketStack) errors.push({ message: "'" + text[b] + "' was never closed", start: b, end: b + 1 });
          bracketStack.length = 0;
          out.token(T.NEWLINE, pos, pos);
          lineHasTokens = false;
        }
      }
      if (bracketStack.length === 0 && c !== 35 && c !== 10 && c !== 13) {
        const top = indents[indents.length - 1];
        if (col > top) { indents.push(col); out.token(T.INDENT, pos, p); }
        else if (col < top) {
          while (indents.length > 1 && indents[indents.length - 1] > col) { indents.pop(); out.token(T.DEDENT, p, p); }
          if (indents[indents.length - 1] !== col) {
            errors.push({ message: 'unindent does not match any outer indentation level', start: pos, end: p });
            indents.push(col);
            out.token(T.INDENT, pos, p);
          }
        }
      }
      pos = p;
      continue;
    }
    const c = u[pos];
    if (c === 32 || c === 9 || c === 12) { pos++; continue; }
    if (c < 128 && ids[c] === 1) {
      const s = pos++;
      while (pos < len) {
        const d = u[pos];
        if (d < 128) { if (ids[d] !== 0) pos++; else break; }
        else { const cp = src.codePointAt(pos)!; if (isWordCodePoint(cp)) pos += cp > 0xffff ? 2 : 1; else break; }
      }
      const d = u[pos];
      if ((d === 34 || d === 39) && pos - s <= 2) {
        const f = prefixFlags(u, s, pos);
        if (f >= 0) { pos = stringToken(s, pos, f); lineHasTokens = true; continue; }
      }
      out.token(T.NAME, s, pos);
      lineHasTokens = true;
      continue;
    }
    if (c === 10 || c === 13) {
      const e = c === 13 && u[pos + 1] === 10 ? pos + 2 : pos + 1;
      if (bracketStack.length === 0 && lineHasTokens) { out.token(T.NEWLINE, pos, e); lineHasTokens = false; }
      else out.token(T.NL, pos, e);
      pos = e;
      atLineStart = true;
      continue;
    }
    if (c === 35) {
      const e = lineEnd(pos);
      out.token(T.COMMENT, pos, e);
      pos = e;
      continue;
    }
    if (c === 34 || c === 39) { pos = stringToken(pos, pos, 0); lineHasTokens = true; continue; }
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(u[pos + 1]))) {
      const e = scanNumber(u, pos);
      out.token(T.NUMBER, pos, e);
      lineHasTokens = true;
      pos = e;
      continue;
    }
    if (c === 92) {
      const d = u[pos + 1];
      if (d === 10) { pos += 2; continue; }
      if (d === 13) { pos += u[pos + 2] === 10 ? 3 : 2; continue; }
      errors.push({ message: 'unexpected character after line continuation character', start: pos, end: pos + 1 });
      out.token(T.ERRORTOKEN, pos, pos + 1);
      pos++;
      continue;
    }
    if (c >= 128) {
      const cp = src.codePointAt(pos)!;
      const w = cp > 0xffff ? 2 : 1;
      if (isWordCodePoint(cp)) {
        const s = pos;
        pos += w;
        while (pos < len) {
          const d = u[pos];
          if (d < 128) { if (ids[d] !== 0) pos++; else break; }
          else { const cp2 = src.codePointAt(pos)!; if (isWordCodePoint(cp2)) pos += cp2 > 0xffff ? 2 : 1; else break; }
        }
        out.token(T.NAME, s, pos);
        lineHasTokens = true;
        continue;
      }
      errors.push({ message: 'invalid character', start: pos, end: pos + w });
      out.token(T.ERRORTOKEN, pos, pos + w);
      lineHasTokens = true;
      pos += w;
      continue;
    }
    const e = scanOp(u, pos, c);
    if (e === pos) {
      errors.push({ message: 'invalid character', start: pos, end: pos + 1 });
      out.token(T.ERRORTOKEN, pos, pos + 1);
      pos++;
      lineHasTokens = true;
      continue;
    }
    if (e === pos + 1) {
      if (c === 40 || c === 91 || c === 123) bracketStack.push(pos);
      else if (c === 41 || c === 93 || c === 125) {
        if (bracketStack.length === 0) errors.push({ message: "unmatched '" + text[pos] + "'", start: pos, end: e });
        else bracketStack.pop();
      }
    }
    out.token(T.OP, pos, e);
    lineHasTokens = true;
    pos = e;
  }

  function stringToken(s: number, q: number, f: number): number {
    const u = units;
    const e = scanString(q, f, 0);
    if (e >= 0) { sink.token(T.STRING, s, e); return e; }
    const le = lineEnd(q);
    const triple = u[q + 1] === u[q] && u[q + 2] === u[q];
    errors.push({ message: triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal', start: s, end: le });
    sink.token(T.ERRORTOKEN, s, le);
    return le;
  }

  if (lineHasTokens) sink.token(T.NEWLINE, n, n);
  for (const b of bracketStack) errors.push({ message: "'" + text[b] + "' was never closed", start: b, end: b + 1 });
  for (let i = indents.length - 1; i > 0; i--) sink.token(T.DEDENT, n, n);
  sink.token(T.ENDMARKER, n, n);
  return errors;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Digits with single underscores between them, as the tokenize regexes allow.
function digits(s: Uint8Array, p: number, ok: (c: number) => boolean): number {
  if (!ok(s[p])) return p;
  p++;
  for (;;) {
    const c = s[p];
    if (ok(c)) p++;
    else if (c === 95 && ok(s[p + 1])) p += 2;
    else return p;
  }
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
const isOct = (c: number): boolean => c >= 48 && c <= 55;
const isBin = (c: number): boolean => c === 48 || c === 49;

function exponent(s: Uint8Array, p: number): number {
  if ((s[p] | 0x20) !== 101) return p;
  let q = p + 1;
  const c = s[q];
  if (c === 43 || c === 45) q++;
  const e = digits(s, q, isDigit);
  return e === q ? p : e;
}

/** Number literal end, following the alternation order of CPython 3.11 tokenize's regexes. */
function scanNumber(s: Uint8Array, p: number): number {
  const c0 = s[p];
  if (c0 === 48) {
    const x = s[p + 1] | 0x20;
    const pred = x === 120 ? isHex : x === 111 ? isOct : x === 98 ? isBin : null;
    if (pred) {
      let q = p + 2;
      if (s[q] === 95) q++;
      const e = digits(s, q, pred);
      if (e > q) return e;
    }
  }
  let e: number;
  if (c0 === 46) e = exponent(s, digits(s, p + 1, isDigit));
  else {
    const intEnd = digits(s, p, isDigit);
    e = intEnd;
    if (s[intEnd] === 46) e = exponent(s, digits(s, intEnd + 1, isDigit));
    else e = exponent(s, intEnd);
  }
  if ((s[e] | 0x20) === 106) e++;
  return e;
}

// Longest operator at p (3, 2 or 1 characters); p itself when c is no operator.
function scanOp(s: Uint8Array, p: number, c: number): number {
  const d = s[p + 1];
  switch (c) {
    case 40: case 41: case 91: case 93: case 123: case 125: case 44: case 59: case 126:
      return p + 1;
    case 46:
      return d === 46 && s[p + 2] === 46 ? p + 3 : p + 1;
    case 58:
      return d === 61 ? p + 2 : p + 1;
    case 45:
      return d === 61 || d === 62 ? p + 2 : p + 1;
    case 42: case 47: case 60: case 62:
      if (d === c) return s[p + 2] === 61 ? p + 3 : p + 2;
      if (d === 61) return p + 2;
      return p + 1;
    case 61: case 33: case 43: case 37: case 38: case 124: case 94: case 64:
      if (d === 61) return p + 2;
      return c === 33 ? p : p + 1;
    default:
      return p;
  }
}
