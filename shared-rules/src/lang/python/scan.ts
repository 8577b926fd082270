/**
 * One pass over the significant tokens for every fact found token by token: calls of
 * interest, address-like string literals, `self.<attr>` / `super().<m>(` per class, and
 * the evidence the env extractors need before they run. Each used to be its own pass; the
 * stdlib has ~20M significant tokens, so the loop and kind test alone cost more than the
 * work, and slicing each candidate name to look it up in a Set made garbage.
 */
import type { CallFact, ClassFact, StringLiteralFact } from '../../facts';
import { ENV_NAMES } from './env';
import { T } from './lexer';
import { isName, isOneOf, span, stringParts, word } from './ctx-read';
import { Ctx, isOp, lineOf } from './stmts';

export const CALLS_OF_INTEREST: ReadonlySet<string> = new Set([
  'main', 'Mock', 'MagicMock', 'AsyncMock', 'PropertyMock', 'patch', 'object', 'dict', 'multiple',
  'run_tests', 'execute_tests', 'run_test_suite', 'create_async_engine', 'sessionmaker', 'async_sessionmaker', 'AsyncSession',
  // Process launches: direct-test-runner looks for pytest in their arguments (reference C2).
  'run', 'call', 'check_call', 'check_output', 'Popen', 'system',
]);

/** Names by length, to compare a token's characters in place instead of slicing it. */
function byLength(names: Iterable<string>): string[][] {
  const out: string[][] = [];
  for (const nm of names) (out[nm.length] ??= []).push(nm);
  return out;
}

const CALL_NAMES = byLength(CALLS_OF_INTEREST);
const ENV_NAME_LIST = byLength(ENV_NAMES);

// Filter for NAME tokens by length and first character, so most names cost one table read:
// 1 = may be a call of interest, 2 = may be an env name, 4 = may be `self` / `super`.
// Non-ASCII first characters and longer names match nothing.
const MAX_LEN = 31;
const FILTER = new Uint8Array((MAX_LEN + 1) << 7);
const mark = (nm: string, bit: number): void => { FILTER[(nm.length << 7) | nm.charCodeAt(0)] |= bit; };
for (const nm of CALLS_OF_INTEREST) mark(nm, 1);
for (const nm of ENV_NAMES) mark(nm, 2);
mark('self', 4);
mark('super', 4);
if ([...CALLS_OF_INTEREST, ...ENV_NAMES].some((nm) => nm.length > MAX_LEN || nm.charCodeAt(0) >= 128)) throw new Error('scan: name outside FILTER');

export interface TokenFacts {
  calls: CallFact[];
  strings: StringLiteralFact[];
  /**
   * Significant token indices, in order, of the NAMEs in ENV_NAMES and the short strings
   * holding `env` (the `'os.environ'` of patch.dict): every access extractEnv finds starts
   * at one of them or two tokens before one (`os.environ`), unless a `from os import ...
   * as` alias names it. Empty: extractEnv finds nothing whatever the rest of the text.
   */
  envTokens: number[];
  /** Significant token indices of f-strings containing `env`, in order. */
  envFStrings: number[];
}

/** Significant token j is the one-character operator with char code c. */
function isOp1(ctx: Ctx, j: number, c: number): boolean {
  return j >= 0 && j < ctx.n && ctx.kind[j] === T.OP && ctx.end[j] - ctx.start[j] === 1 && ctx.text.charCodeAt(ctx.start[j]) === c;
}

export function scanTokens(ctx: Ctx, classes: ClassFact[], classOfStmt: Int32Array): TokenFacts {
  const { kind, start, end, text, n } = ctx;
  const out: TokenFacts = { calls: [], strings: [], envTokens: [], envFStrings: [] };
  const members = classes.length > 0 ? new MemberSet() : undefined;
  const colon = new Finder(text, ':');
  const dot = new Finder(text, '.');
  for (let j = 0; j < n; j++) {
    const k = kind[j];
    if (k === T.NAME) {
      const s = start[j];
      const len = end[j] - s;
      const c0 = text.charCodeAt(s);
      if (len > MAX_LEN || c0 >= 128) continue;
      const f = FILTER[(len << 7) | c0];
      if (f === 0) continue;
      if (f & 1 && isOp1(ctx, j + 1, 40) && isOneOf(text, s, len, CALL_NAMES[len])) addCall(ctx, j, out.calls);
      if (f & 2 && isOneOf(text, s, len, ENV_NAME_LIST[len])) out.envTokens.push(j);
      if (f & 4 && members !== undefined) addMember(ctx, j, classes, classOfStmt, members);
    } else if (k === T.STRING) {
      const s = start[j];
      const e = end[j];
      const fstr = isFString(text, s);
      if ((fstr || e - s <= 16) && hasEnv(text, s, e)) {
        if (fstr) out.envFStrings.push(j);
        if (e - s <= 16) out.envTokens.push(j);
      }
      // An address (`://`, or a dotted quad) is three characters at least, five with quotes:
      // the generated tree's `{"k": v}` keys never reach the search below.
      if (e - s >= 5 && mayHoldAddress(text, s, e, colon, dot)) addString(ctx, j, out.strings);
    }
  }
  return out;
}

function hasEnv(text: string, s: number, e: number): boolean {
  for (let i = s; i + 2 < e; i++) {
    if (text.charCodeAt(i) === 101 && text.charCodeAt(i + 1) === 110 && text.charCodeAt(i + 2) === 118) return true;
  }
  return false;
}

/** The string token starting at `start` has an `f` in its prefix. */
export function isFString(text: string, start: number): boolean {
  for (let p = start; p < start + 3; p++) {
    const c = text.charCodeAt(p) | 0x20;
    if (c === 102) return true; // f
    if (c !== 114 && c !== 98 && c !== 117) return false; // r, b, u
  }
  return false;
}

function addCall(ctx: Ctx, j: number, out: CallFact[]): void {
  let s = j;
  while (isOp(ctx, s - 1, '.') && ctx.kind[s - 2] === T.NAME) s -= 2;
  if (isOp(ctx, s - 1, '.') || isName(ctx, s - 1, 'def') || isName(ctx, s - 1, 'class')) return;
  const close = ctx.match[j + 1];
  const end = close > j ? close : j + 1;
  out.push({
    callee: ctx.text.slice(ctx.start[s], ctx.end[j]).replace(/\s+/g, ''),
    span: span(ctx, s, end),
    argsSpan: span(ctx, j + 1, end),
    line: lineOf(ctx, ctx.start[s]),
    empty: close === j + 2,
  });
}

/** `self.<attr>` (first use per class, in order) and `super().<m>(...)` inside a class. */
function addMember(ctx: Ctx, j: number, classes: ClassFact[], classOfStmt: Int32Array, seen: MemberSet): void {
  const ci = classOfStmt[ctx.stmtOf[j]];
  if (ci < 0 || isOp1(ctx, j - 1, 46)) return;
  if (isName(ctx, j, 'self') && isOp1(ctx, j + 1, 46) && ctx.kind[j + 2] === T.NAME) {
    if (seen.add(ctx.text, ci, ctx.start[j + 2], ctx.end[j + 2])) classes[ci].selfAttributes.push(word(ctx, j + 2));
  } else if (isName(ctx, j, 'super') && isOp1(ctx, j + 1, 40) && ctx.match[j + 1] > j) {
    const m = ctx.match[j + 1];
    if (isOp1(ctx, m + 1, 46) && ctx.kind[m + 2] === T.NAME && isOp1(ctx, m + 3, 40) && ctx.match[m + 3] > m) {
      classes[ci].superCalls.push({ method: word(ctx, m + 2), span: span(ctx, j, ctx.match[m + 3]) });
    }
  }
}

/**
 * Set of (class index, text range) pairs compared by content, so a repeated `self.x`
 * (most are) is recognised without slicing its name. Open addressing over Int32Arrays.
 */
class MemberSet {
  private cls = new Int32Array(64).fill(-1);
  private at = new Int32Array(64);
  private len = new Int32Array(64);
  private hash = new Int32Array(64);
  private size = 0;

  /** Adds the pair; false when an equal one is already there. */
  add(text: string, ci: number, s: number, e: number): boolean {
    let h = Math.imul(ci + 1, 0x9e3779b1);
    for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    const mask = this.cls.length - 1;
    const l = e - s;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const c = this.cls[slot];
      if (c < 0) break;
      if (c === ci && this.hash[slot] === h && this.len[slot] === l && sameText(text, this.at[slot], s, l)) return false;
    }
    if ((this.size + 1) * 2 > this.cls.length) this.grow(text);
    this.put(h, ci, s, l);
    this.size++;
    return true;
  }

  private put(h: number, ci: number, s: number, l: number): void {
    const mask = this.cls.length - 1;
    let slot = h & mask;
    while (this.cls[slot] >= 0) slot = (slot + 1) & mask;
    this.cls[slot] = ci; this.hash[slot] = h; this.at[slot] = s; this.len[slot] = l;
  }

  private grow(_text: string): void {
    const { cls, hash, at, len } = this;
    const size = cls.length * 2;
    this.cls = new Int32Array(size).fill(-1);
    this.hash = new Int32Array(size);
    this.at = new Int32Array(size);
    this.len = new Int32Array(size);
    for (let i = 0; i < cls.length; i++) if (cls[i] >= 0) this.put(hash[i], cls[i], at[i], len[i]);
  }
}

function sameText(text: string, a: number, b: number, l: number): boolean {
  for (let i = 0; i < l; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

const IPV4_RE = /(?:^|[^\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.]*\d)/;

function addString(ctx: Ctx, j: number, out: StringLiteralFact[]): void {
  const p = stringParts(ctx, j);
  if (p.flags & 2) return;
  if (p.value.indexOf('://') < 0 && !(p.value.indexOf('.') >= 0 && IPV4_RE.test(p.value))) return;
  out.push({ value: p.value, span: span(ctx, j, j), line: lineOf(ctx, ctx.start[j]) });
}

/**
 * Next occurrence of one character at or after a position, remembering the last search:
 * while queries stay between where it started and what it found, no new search is needed,
 * so the text between string tokens is searched at most once.
 */
class Finder {
  private from = 1;
  private at = 0;
  constructor(private readonly text: string, private readonly ch: string) {}
  find(p: number): number {
    if (p < this.from || p > this.at) {
      this.from = p;
      const i = this.text.indexOf(this.ch, p);
      this.at = i < 0 ? this.text.length : i;
    }
    return this.at;
  }
}

/**
 * `://` or a digit-dot-digit run inside the string token [start, end), so ordinary strings
 * are never sliced. Strings are ~30% of the stdlib's text (docstrings): jumping between `:`
 * and `.` with indexOf beats reading every character.
 */
function mayHoldAddress(text: string, start: number, end: number, colon: Finder, dot: Finder): boolean {
  // Offsets start + 1 .. end - 2: the first and last characters are a prefix or quote.
  for (let i = colon.find(start + 1); i < end - 1; i = colon.find(i + 1)) {
    if (text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) return true;
  }
  for (let i = dot.find(start + 1); i < end - 1; i = dot.find(i + 1)) {
    const a = text.charCodeAt(i - 1);
    const b = text.charCodeAt(i + 1);
    if (a >= 48 && a <= 57 && b >= 48 && b <= 57) return true;
  }
  return false;
}
