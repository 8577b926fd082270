/**
 * Python front end: FileFacts from the token stream (no parser). Strings and comments
 * are single tokens, so nothing inside them can produce a fact.
 */
import type { CallFact, ClassFact, EnvAccess, FileFacts, ImportFact, StringLiteralFact, Suppression } from '../../facts';
import { extractDefs, isConstantStmt } from './defs';
import { extractEnv } from './env';
import { extractEnvInFStrings } from './fstring-env';
import { T } from './lexer';
import { buildCtx, Ctx, isName, isOp, lineOf, lineStartsOf, span, stringParts, word } from './stmts';

export const CALLS_OF_INTEREST: ReadonlySet<string> = new Set([
  'main', 'Mock', 'MagicMock', 'AsyncMock', 'PropertyMock', 'patch', 'object', 'dict', 'multiple',
  'run_tests', 'execute_tests', 'run_test_suite', 'create_async_engine', 'sessionmaker', 'async_sessionmaker', 'AsyncSession',
  // Process launches: direct-test-runner looks for pytest in their arguments (reference C2).
  'run', 'call', 'check_call', 'check_output', 'Popen', 'system',
]);

const CALL_MIN_LEN = Math.min(...[...CALLS_OF_INTEREST].map((c) => c.length));
const CALL_MAX_LEN = Math.max(...[...CALLS_OF_INTEREST].map((c) => c.length));
const CALL_FIRST_CHARS = new Set([...CALLS_OF_INTEREST].map((c) => c.charCodeAt(0)));

export function extractPythonFacts(text: string, knownLineStarts?: number[]): FileFacts {
  const ctx = buildCtx(text, knownLineStarts);
  const defs = extractDefs(ctx);
  addClassMembers(ctx, defs.classes, defs.classOfStmt);
  const lineStarts = ctx.lineStarts;
  const n = text.length;
  return {
    language: 'python',
    lineCount: lineCountOf(lineStarts, n),
    lineStarts: trimLineStarts(lineStarts, n),
    imports: defs.imports,
    classes: defs.classes,
    functions: defs.functions,
    envAccesses: envAccessesOf(ctx, defs.imports),
    suppressions: suppressions(ctx),
    calls: calls(ctx),
    strings: strings(ctx),
    importInsertOffset: importInsertOffset(ctx),
    eol: eolOf(text),
    syntaxErrors: ctx.toks.errors.map((e) => ({ message: e.message, span: { start: e.start, end: e.end } })),
  };
}

function lineCountOf(lineStarts: number[], n: number): number {
  if (n === 0) return 0;
  return lineStarts[lineStarts.length - 1] === n ? lineStarts.length - 1 : lineStarts.length;
}

function trimLineStarts(lineStarts: number[], n: number): number[] {
  return n > 0 && lineStarts[lineStarts.length - 1] === n && lineStarts.length > 1 ? lineStarts.slice(0, -1) : lineStarts;
}

/**
 * The same facts, each field computed on first read (for checkFile without given facts).
 * A rule run alone (env-access) reads few fields, and for most files those are answered
 * by a substring test without lexing at all. The first read of any field that needs
 * tokens computes every field at once (extractPythonFacts), so nothing keeps the token
 * arrays alive afterwards. Own enumerable keys and their order are those of
 * extractPythonFacts, so JSON, spreads and structured clones see the same object.
 * Not for the workspace index: an unread getter keeps `text` reachable.
 */
export function lazyPythonFacts(text: string): FileFacts {
  let starts: number[] | undefined;
  const rawStarts = (): number[] => (starts ??= lineStartsOf(text));
  const n = text.length;
  const facts = {} as FileFacts;
  const settle = (key: keyof FileFacts, value: unknown): void => {
    Object.defineProperty(facts, key, { value, writable: true, enumerable: true, configurable: true });
  };
  const all = (key: keyof FileFacts): unknown => {
    const full = extractPythonFacts(text, starts);
    for (const k of KEYS) if (Object.getOwnPropertyDescriptor(facts, k)?.get) settle(k, full[k]);
    return facts[key];
  };
  const cheap: Partial<{ [K in keyof FileFacts]: () => FileFacts[K] | undefined }> = {
    language: () => 'python',
    lineCount: () => lineCountOf(rawStarts(), n),
    lineStarts: () => trimLineStarts(rawStarts(), n),
    // extractEnv's and suppressions()'s own first tests: without the substring there is nothing.
    envAccesses: () => (text.indexOf('env') < 0 ? [] : undefined),
    suppressions: () => (text.indexOf('ssot-lint') < 0 ? [] : undefined),
    eol: () => eolOf(text),
  };
  for (const key of KEYS) {
    Object.defineProperty(facts, key, {
      enumerable: true,
      configurable: true,
      get() {
        const v = cheap[key]?.();
        if (v === undefined) return all(key);
        settle(key, v);
        return v;
      },
      set(value: unknown) { settle(key, value); },
    });
  }
  return facts;
}

/** FileFacts keys in extractPythonFacts's order (a test pins the two together). */
export const PYTHON_FACT_KEYS: readonly (keyof FileFacts)[] = [
  'language', 'lineCount', 'lineStarts', 'imports', 'classes', 'functions', 'envAccesses',
  'suppressions', 'calls', 'strings', 'importInsertOffset', 'eol', 'syntaxErrors',
];
const KEYS = PYTHON_FACT_KEYS;

/** Accesses in code and inside f-string replacement fields, in source order. */
function envAccessesOf(ctx: Ctx, imports: ImportFact[]): EnvAccess[] {
  const inFields = extractEnvInFStrings(ctx, imports);
  const all = extractEnv(ctx, imports);
  return inFields.length === 0 ? all : [...all, ...inFields].sort((a, b) => a.span.start - b.span.start);
}

function eolOf(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

function addClassMembers(ctx: Ctx, classes: ClassFact[], classOfStmt: Int32Array): void {
  if (classes.length === 0) return;
  const seen = classes.map(() => new Set<string>());
  const { kind, start, end, text } = ctx;
  for (let j = 0; j < ctx.n; j++) {
    // Only `self` and `super` matter: reject by kind, length and first letter before anything else.
    const len = end[j] - start[j];
    if (kind[j] !== T.NAME || (len !== 4 && len !== 5) || text.charCodeAt(start[j]) !== 115 /* s */) continue;
    const ci = classOfStmt[ctx.stmtOf[j]];
    if (ci < 0 || isOp(ctx, j - 1, '.')) continue;
    if (isName(ctx, j, 'self') && isOp(ctx, j + 1, '.') && ctx.kind[j + 2] === T.NAME) {
      const attr = word(ctx, j + 2);
      if (!seen[ci].has(attr)) { seen[ci].add(attr); classes[ci].selfAttributes.push(attr); }
    } else if (isName(ctx, j, 'super') && isOp(ctx, j + 1, '(') && ctx.match[j + 1] > j) {
      const m = ctx.match[j + 1];
      if (isOp(ctx, m + 1, '.') && ctx.kind[m + 2] === T.NAME && isOp(ctx, m + 3, '(') && ctx.match[m + 3] > m) {
        classes[ci].superCalls.push({ method: word(ctx, m + 2), span: span(ctx, j, ctx.match[m + 3]) });
      }
    }
  }
}

const DIRECTIVE_RE = /#\s*ssot-lint:\s*(ignore-file|ignore)(?![\w-])\s*(?:\[([^\]]*)\])?\s*(?:--(.*))?$/;

function suppressions(ctx: Ctx): Suppression[] {
  const out: Suppression[] = [];
  const { toks, text } = ctx;
  if (text.indexOf('ssot-lint') < 0) return out; // the common case: no directive anywhere
  let nextSig = 0;
  for (let i = 0; i < toks.count; i++) {
    if (toks.kind[i] !== T.COMMENT) continue;
    const c = text.slice(toks.start[i], toks.end[i]);
    if (c.indexOf('ssot-lint') < 0) continue;
    const m = DIRECTIVE_RE.exec(c);
    if (!m) continue;
    const line = lineOf(ctx, toks.start[i]);
    let codeBefore = false;
    for (let p = toks.start[i] - 1; p >= ctx.lineStarts[line]; p--) {
      const ch = text.charCodeAt(p);
      if (ch !== 32 && ch !== 9 && ch !== 12 && ch !== 0xfeff) { codeBefore = true; break; }
    }
    let targetLine = -1;
    if (m[1] === 'ignore') {
      if (codeBefore) targetLine = line;
      else {
        while (nextSig < ctx.n && ctx.start[nextSig] < toks.end[i]) nextSig++;
        targetLine = nextSig < ctx.n ? lineOf(ctx, ctx.start[nextSig]) : line + 1;
      }
    }
    out.push({
      scope: m[1] === 'ignore-file' ? 'file' : codeBefore ? 'line' : 'next-line',
      rules: (m[2] ?? '').split(',').map((r) => r.trim()).filter((r) => r.length > 0),
      reason: (m[3] ?? '').trim(),
      span: { start: toks.start[i], end: toks.end[i] },
      line,
      targetLine,
    });
  }
  return out;
}

function calls(ctx: Ctx): CallFact[] {
  const out: CallFact[] = [];
  for (let j = 0; j < ctx.n; j++) {
    if (ctx.kind[j] !== T.NAME) continue;
    const len = ctx.end[j] - ctx.start[j];
    // Reject by length and first letter before allocating the name: most calls are not of interest.
    if (len < CALL_MIN_LEN || len > CALL_MAX_LEN || !CALL_FIRST_CHARS.has(ctx.text.charCodeAt(ctx.start[j]))) continue;
    if (!isOp(ctx, j + 1, '(') || !CALLS_OF_INTEREST.has(word(ctx, j))) continue;
    let s = j;
    while (isOp(ctx, s - 1, '.') && ctx.kind[s - 2] === T.NAME) s -= 2;
    if (isOp(ctx, s - 1, '.') || isName(ctx, s - 1, 'def') || isName(ctx, s - 1, 'class')) continue;
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
  return out;
}

const IPV4_RE = /(?:^|[^\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.]*\d)/;

function strings(ctx: Ctx): StringLiteralFact[] {
  const out: StringLiteralFact[] = [];
  for (let j = 0; j < ctx.n; j++) {
    if (ctx.kind[j] !== T.STRING || !mayHoldAddress(ctx.text, ctx.start[j], ctx.end[j])) continue;
    const p = stringParts(ctx, j);
    if (p.flags & 2) continue;
    if (p.value.indexOf('://') < 0 && !(p.value.indexOf('.') >= 0 && IPV4_RE.test(p.value))) continue;
    out.push({ value: p.value, span: span(ctx, j, j), line: lineOf(ctx, ctx.start[j]) });
  }
  return out;
}

/** Cheap scan for `://` or a digit-dot-digit run, so ordinary strings are never sliced. */
function mayHoldAddress(text: string, start: number, end: number): boolean {
  for (let i = start + 1; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */ && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) return true;
    if (c === 46 /* . */) {
      const a = text.charCodeAt(i - 1);
      const b = text.charCodeAt(i + 1);
      if (a >= 48 && a <= 57 && b >= 48 && b <= 57) return true;
    }
  }
  return false;
}

const CODING_RE = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;

/** Start of the line after the shebang/cookie lines, the module docstring and `from __future__` imports. */
function importInsertOffset(ctx: Ctx): number {
  const { text, lineStarts } = ctx;
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineText = (l: number): string => text.slice(lineStarts[l], l + 1 < lineStarts.length ? lineStarts[l + 1] : text.length).replace(/^\ufeff/, '');
  const nextLine = (off: number): number => {
    const l = lineOf(ctx, off);
    return l + 1 < lineStarts.length ? lineStarts[l + 1] : text.length;
  };
  for (let l = 0; l < 2 && l < lineStarts.length; l++) {
    const t = lineText(l);
    if ((l === 0 && t.startsWith('#!')) || CODING_RE.test(t)) offset = nextLine(lineStarts[l]);
    else break;
  }
  let si = 0;
  const stmts = ctx.stmts;
  if (si < stmts.length && stmts[si].ownLine && isConstantStmt(ctx, stmts[si], true)) {
    offset = nextLine(ctx.end[stmts[si].last] - 1);
    si++;
  }
  while (si < stmts.length && isName(ctx, stmts[si].first, 'from') && isName(ctx, stmts[si].first + 1, '__future__')) {
    offset = nextLine(ctx.end[stmts[si].last] - 1);
    si++;
  }
  return offset;
}
