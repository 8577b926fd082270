/**
 * Environment accesses (`os.environ`, `os.getenv`, `os.putenv` and their `from os import`
 * aliases) classified by the tokens around each use.
 */
import type { EnvAccess, EnvAccessKind, ImportFact, Span } from '../../facts';
import { T } from './lexer';
import { indentAt, isName, isOneOf, span, splitArgs, stringParts, word } from './ctx-read';
import { Ctx, isOp, stmtAt } from './stmts';

const CALL_KINDS: Record<string, EnvAccessKind> = { get: 'read', pop: 'pop', setdefault: 'setdefault', update: 'update', clear: 'clear', copy: 'copy' };
/** A Map, not an object: `toString in {...}` is true, and `from os import toString` crashed the front end. */
const FUNCS = new Map<string, { kind: EnvAccessKind; via: string }>([
  ['getenv', { kind: 'read', via: 'getenv()' }],
  ['putenv', { kind: 'write', via: 'putenv()' }],
  ['unsetenv', { kind: 'delete', via: 'unsetenv()' }],
]);
/** Every name an access is made through: a file with none of them as a NAME token has no access (see scanTokens). */
export const ENV_NAMES: ReadonlySet<string> = new Set(['environ', ...FUNCS.keys()]);
const ITER_STOP = new Set(['if', 'elif', 'while', 'and', 'or', 'not', 'return', 'yield', 'assert', 'lambda', 'else', 'in', 'is', 'await', 'del', 'with', 'as', 'from', 'import']);
const BINARY_OPS = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '|', '&', '^', '<<', '>>', '.', '~']);

/**
 * `fieldsOnly`: ctx is the blanked text of f-string replacement fields (fstring-env.ts):
 * imports only supply the aliases there; their statements are not in that text.
 * `envTokens`: scanTokens' of this ctx, when known: then only the tokens where an access
 * can start are visited, not every token of the file.
 */
export function extractEnv(ctx: Ctx, imports: ImportFact[], fieldsOnly = false, envTokens?: readonly number[]): EnvAccess[] {
  // Every form names `environ`, `getenv`, `putenv` or `unsetenv` somewhere in the file (in
  // the import or at the use), so a file without `env` in it has no access: most files.
  if (ctx.text.indexOf('env') < 0) return [];
  const osNames = new Set(['os']);
  const aliases = new Map<string, string>(); // local name -> os attribute (environ/getenv/putenv/unsetenv)
  const out: EnvAccess[] = [];
  const importStmts = new Set<number>();
  for (const im of imports) {
    if (!fieldsOnly) importStmts.add(ctx.stmtOf[firstTokAt(ctx, im.span.start)]);
    if (im.kind === 'import') {
      for (const nm of im.names) {
        if (nm.name === 'os' && nm.alias) osNames.add(nm.alias);
        else if ((nm.name === 'os' || nm.name.startsWith('os.')) && !nm.alias) osNames.add('os');
      }
    } else if (im.module === 'os' && im.level === 0) {
      for (const nm of im.names) {
        if (nm.name !== 'environ' && !FUNCS.has(nm.name)) continue;
        aliases.set(nm.alias ?? nm.name, nm.name);
        if (!fieldsOnly) out.push(withStmt(ctx, ctx.stmtOf[firstTokAt(ctx, im.span.start)], { kind: 'import', via: `from os import ${nm.name}`, span: nm.span }));
      }
    }
  }

  // Names that can start an access: `os` (or its alias) and the `from os import` aliases.
  // Most tokens are other names; a length mask and an in-place comparison skip them
  // without a Set lookup or a slice each (this loop was 11% of the front end on issue 7's
  // generated tree, where most files touch the environment).
  const starters = [...osNames, ...aliases.keys()];
  let lengths = 0;
  for (const nm of starters) lengths |= nm.length < 31 ? 1 << nm.length : 1 << 31;
  const { text, kind, start, end } = ctx;
  // The access starting at token j, if any: the last token it covers (j itself when none).
  const accessAt = (j: number): number => {
    const k = kind[j];
    if (k === T.STRING) {
      // 'os.environ' as a string is at most 16 code units with prefix and quotes; check that before slicing.
      if (end[j] - start[j] <= 16 && isOp(ctx, j - 1, '(') && stringParts(ctx, j).value === 'os.environ') {
        const p = patchCall(ctx, j);
        if (p) out.push(withStmt(ctx, ctx.stmtOf[j], { kind: 'patch', via: "patch.dict('os.environ')", span: p }));
      }
      return j;
    }
    if (k !== T.NAME) return j;
    const len = end[j] - start[j];
    if ((lengths & (len < 31 ? 1 << len : 1 << 31)) === 0 || !isOneOf(text, start[j], len, starters)) return j;
    if (isOp(ctx, j - 1, '.') || importStmts.has(ctx.stmtOf[j])) return j;
    let attr: string | undefined;
    let e = j;
    let base: string;
    const w = word(ctx, j);
    if (osNames.has(w) && isOp(ctx, j + 1, '.') && ctx.kind[j + 2] === T.NAME) {
      attr = word(ctx, j + 2);
      if (attr !== 'environ' && !FUNCS.has(attr)) return j;
      e = j + 2;
      base = `os.${attr}`;
    } else if (aliases.has(w) && !isOp(ctx, j + 1, '=') && !isName(ctx, j - 1, 'def') && !isName(ctx, j - 1, 'class')) {
      attr = aliases.get(w)!;
      base = attr;
    } else return j;
    const access = attr === 'environ' ? classifyEnviron(ctx, j, e, base) : classifyFunc(ctx, j, e, attr);
    out.push(withStmt(ctx, ctx.stmtOf[j], access));
    return e;
  };
  // An alias under another name (`from os import environ as env`) can start an access at a
  // token that names no ENV_NAMES entry: then every token is visited.
  const renamed = [...aliases].some(([local, attr]) => local !== attr);
  if (envTokens && !renamed) {
    for (let j = 0, at = 0; at < envTokens.length; ) {
      // The next candidate in token order: two tokens before an env NAME (`os.environ`), or the token itself.
      const i = envTokens[at];
      const c = kind[i] === T.NAME && i - 2 >= j ? i - 2 : i;
      if (c === i) at++;
      if (c >= j) j = accessAt(c) + 1;
    }
  } else for (let j = 0; j < ctx.n; j++) j = accessAt(j);
  return out;
}

type Partial = Omit<EnvAccess, 'stmtSpan' | 'stmtOwnLine' | 'indent'>;

function withStmt(ctx: Ctx, si: number, a: Partial): EnvAccess {
  const s = stmtAt(ctx, si);
  const stmtSpan = span(ctx, s.first, s.last);
  const out: EnvAccess = { ...a, stmtSpan, stmtOwnLine: s.ownLine, indent: indentAt(ctx, stmtSpan.start) };
  if (!s.header && a.span.start === stmtSpan.start && a.span.end === stmtSpan.end) out.statement = true;
  return out;
}

function firstTokAt(ctx: Ctx, offset: number): number {
  let lo = 0;
  let hi = ctx.n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.start[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function literalKey(ctx: Ctx, a: number, b: number, into: Partial): void {
  if (a > b) return;
  into.keySpan = span(ctx, a, b);
  if (a === b && ctx.kind[a] === T.STRING) {
    const p = stringParts(ctx, a);
    if (!(p.flags & 6)) into.key = p.value;
  }
}

/** `<dotted>.patch.dict(` / `patch.dict(` whose `(` is at j - 1: span of the whole call. */
function patchCall(ctx: Ctx, j: number): Span | undefined {
  const open = j - 1;
  if (!isName(ctx, open - 1, 'dict') || !isOp(ctx, open - 2, '.') || !isName(ctx, open - 3, 'patch')) return undefined;
  let s = open - 3;
  while (isOp(ctx, s - 1, '.') && ctx.kind[s - 2] === T.NAME) s -= 2;
  const close = ctx.match[open];
  return { start: ctx.start[s], end: close > open ? ctx.end[close] : ctx.end[j] };
}

function classifyEnviron(ctx: Ctx, a: number, e: number, base: string): Partial {
  const stmt = stmtAt(ctx, ctx.stmtOf[a]);
  const ref: Partial = { kind: 'reference', via: base, span: span(ctx, a, e) };
  if (isOp(ctx, a - 1, '(')) {
    const close = ctx.match[a - 1];
    if (isName(ctx, a - 2, 'dict') && !isOp(ctx, a - 3, '.') && close === e + 1) return { kind: 'copy', via: `dict(${base})`, span: span(ctx, a - 2, close) };
    const p = patchCall(ctx, a);
    if (p) return { kind: 'patch', via: `patch.dict(${base})`, span: p };
  }
  if (isOp(ctx, e + 1, '[') && ctx.match[e + 1] > e) {
    const m = ctx.match[e + 1];
    let r: Partial;
    if (isName(ctx, stmt.first, 'del') && !stmt.header) {
      const whole = a === stmt.first + 1 && m === stmt.last;
      r = { kind: 'delete', via: `del ${base}[...]`, span: whole ? span(ctx, stmt.first, stmt.last) : span(ctx, a, m) };
    } else if (a === stmt.first && isOp(ctx, m + 1, '=') && m + 2 <= stmt.last) {
      r = { kind: 'write', via: `${base}[...] =`, span: span(ctx, stmt.first, stmt.last), valueSpan: span(ctx, m + 2, stmt.last) };
    } else if (a === stmt.first && isAugAssign(ctx, m + 1)) {
      r = { kind: 'write', via: `${base}[...] ${word(ctx, m + 1)}`, span: span(ctx, a, m) };
    } else {
      r = { kind: 'read', via: `${base}[...]`, span: span(ctx, a, m), raisesKeyError: true };
    }
    literalKey(ctx, e + 2, m - 1, r);
    return r;
  }
  if (isOp(ctx, e + 1, '.') && ctx.kind[e + 2] === T.NAME && isOp(ctx, e + 3, '(') && ctx.match[e + 3] > e) {
    const method = word(ctx, e + 2);
    const kind = CALL_KINDS[method];
    if (!kind) return ref;
    const close = ctx.match[e + 3];
    const args = splitArgs(ctx, e + 4, close - 1);
    const r: Partial = { kind, via: `${base}.${method}()`, span: span(ctx, a, close) };
    if (kind === 'update') {
      if (args.length > 0) r.valueSpan = span(ctx, e + 4, close - 1);
    } else if (kind === 'read' || kind === 'pop' || kind === 'setdefault') {
      if (args[0]) literalKey(ctx, args[0][0], args[0][1], r);
      if (args[1]) r.defaultSpan = span(ctx, args[1][0], args[1][1]);
    }
    return r;
  }
  if (isName(ctx, a - 1, 'in')) return containsAccess(ctx, a, e, base) ?? ref;
  return ref;
}

function isAugAssign(ctx: Ctx, j: number): boolean {
  if (j >= ctx.n || ctx.kind[j] !== T.OP) return false;
  const w = word(ctx, j);
  return w.length >= 2 && w.endsWith('=') && w !== '==' && w !== '<=' && w !== '>=' && w !== '!=' && w !== ':=';
}

function containsAccess(ctx: Ctx, a: number, e: number, base: string): Partial | undefined {
  const stmtFirst = ctx.stmtFirst[ctx.stmtOf[a]];
  const inTok = a - 1;
  const negated = isName(ctx, inTok - 1, 'not');
  const opStart = negated ? inTok - 1 : inTok;
  let r = opStart - 1;
  if (r < stmtFirst) return undefined;
  // Left operand: a string literal (implicit concatenation included), a dotted name, or another primary.
  let l = r;
  let known = false;
  if (ctx.kind[r] === T.STRING) {
    while (l - 1 >= stmtFirst && ctx.kind[l - 1] === T.STRING) l--;
    known = true;
  } else if (ctx.kind[r] === T.NAME) {
    while (isOp(ctx, l - 1, '.') && ctx.kind[l - 2] === T.NAME && l - 2 >= stmtFirst) l -= 2;
    known = true;
  } else {
    while (l >= stmtFirst) {
      if (ctx.match[l] >= 0 && ctx.match[l] < l) l = ctx.match[l];
      const prev = l - 1;
      if (prev >= stmtFirst && ((ctx.kind[prev] === T.NAME && !ITER_STOP.has(word(ctx, prev))) || isOp(ctx, prev, ')') || isOp(ctx, prev, ']'))) { l = prev; continue; }
      if (prev >= stmtFirst && isOp(ctx, prev, '.') && prev - 1 >= stmtFirst) { l = prev - 1; continue; }
      break;
    }
  }
  // A `for` target before `in` makes it iteration, not membership.
  for (let q = l - 1; q >= stmtFirst; q--) {
    if (ctx.match[q] >= 0 && ctx.match[q] < q) { q = ctx.match[q]; continue; }
    if (ctx.kind[q] === T.NAME) {
      const w = word(ctx, q);
      if (w === 'for') return undefined;
      if (ITER_STOP.has(w)) break;
      continue;
    }
    if (isOp(ctx, q, ',') || isOp(ctx, q, '*') || isOp(ctx, q, '.')) continue;
    break;
  }
  const before = l - 1;
  const ambiguous = before >= stmtFirst && ctx.kind[before] === T.OP && BINARY_OPS.has(word(ctx, before));
  const via = negated ? `'X' not in ${base}` : `'X' in ${base}`;
  if (ambiguous) return { kind: 'contains', via, span: span(ctx, opStart, e), negated };
  const out: Partial = { kind: 'contains', via, span: span(ctx, l, e), negated };
  if (known) literalKey(ctx, l, r, out);
  return out;
}

function classifyFunc(ctx: Ctx, a: number, e: number, attr: string): Partial {
  // Called only for attr in FUNCS (see the checks above).
  const f = FUNCS.get(attr)!;
  const via = a === e ? f.via : `os.${f.via}`;
  if (!isOp(ctx, e + 1, '(') || ctx.match[e + 1] < 0) return { kind: 'reference', via: via.slice(0, -2), span: span(ctx, a, e) };
  const close = ctx.match[e + 1];
  const args = splitArgs(ctx, e + 2, close - 1);
  const r: Partial = { kind: f.kind, via, span: span(ctx, a, close) };
  if (args[0]) literalKey(ctx, args[0][0], args[0][1], r);
  if (args[1]) {
    if (attr === 'putenv') r.valueSpan = span(ctx, args[1][0], args[1][1]);
    else r.defaultSpan = span(ctx, args[1][0], args[1][1]);
  }
  return r;
}
