/**
 * Python front end: FileFacts from the token stream (no parser). Strings and comments
 * are single tokens, so nothing inside them can produce a fact.
 */
import type { EnvAccess, FileFacts, ImportFact, Suppression } from '../../facts';
import { extractDefs, isConstantStmt } from './defs';
import { extractEnv } from './env';
import { extractEnvInFStrings } from './fstring-env';
import { scanTokens, TokenFacts } from './scan';
import { isName } from './ctx-read';
import { buildCtx, Ctx, lineOf, lineStartsOf, STMT_OWN_LINE, stmtAt } from './stmts';

// The calls the rules look at; re-exported from the token pass that finds them.
export { CALLS_OF_INTEREST } from './scan';

export function extractPythonFacts(text: string, knownLineStarts?: number[], units?: Buffer): FileFacts {
  const ctx = buildCtx(text, knownLineStarts, undefined, units);
  const defs = extractDefs(ctx);
  // Fills the classes' selfAttributes and superCalls too.
  const tf = scanTokens(ctx, defs.classes, defs.classOfStmt);
  const lineStarts = ctx.lineStarts;
  const n = text.length;
  return {
    language: 'python',
    lineCount: lineCountOf(lineStarts, n),
    lineStarts: trimLineStarts(lineStarts, n),
    imports: defs.imports,
    classes: defs.classes,
    functions: defs.functions,
    envAccesses: envAccessesOf(ctx, defs.imports, tf),
    suppressions: suppressions(ctx),
    calls: tf.calls,
    strings: tf.strings,
    importInsertOffset: importInsertOffset(ctx),
    eol: eolOf(text),
    syntaxErrors: ctx.errors.map((e) => ({ message: e.message, span: { start: e.start, end: e.end } })),
  };
}

function lineCountOf(lineStarts: number[], n: number): number {
  if (n === 0) return 0;
  return lineStarts[lineStarts.length - 1] === n ? lineStarts.length - 1 : lineStarts.length;
}

function trimLineStarts(lineStarts: number[], n: number): number[] {
  return n > 0 && lineStarts[lineStarts.length - 1] === n && lineStarts.length > 1 ? lineStarts.slice(0, -1) : lineStarts;
}

/** FileFacts keys in extractPythonFacts's order (a test pins the two together). */
export const PYTHON_FACT_KEYS: readonly (keyof FileFacts)[] = [
  'language', 'lineCount', 'lineStarts', 'imports', 'classes', 'functions', 'envAccesses',
  'suppressions', 'calls', 'strings', 'importInsertOffset', 'eol', 'syntaxErrors',
];
const KEYS = PYTHON_FACT_KEYS;

/**
 * The same facts, each field computed on first read (for checkFile without given facts).
 * A rule run alone (env-access) reads few fields, and for most files those are answered
 * by a substring test without lexing at all. The first read of any field that needs
 * tokens computes every field at once (extractPythonFacts), so nothing keeps the token
 * arrays alive afterwards. Own enumerable keys and their order are those of
 * extractPythonFacts, so JSON, spreads and structured clones see the same object.
 * Not for the workspace index: an unread getter keeps `text` reachable.
 *
 * Every such object gets the same accessors (LAZY_FIELDS), its text in a symbol-keyed
 * field: accessors made per object (closures over its text) gave each object a hidden
 * class of its own, which kept the text alive through every scavenge (see the same
 * change to engine/lazy-source.ts).
 */
export function lazyPythonFacts(text: string): FileFacts {
  const facts = {} as LazyFacts;
  Object.defineProperty(facts, PENDING, { value: { text, starts: undefined }, writable: true });
  for (const key of KEYS) Object.defineProperty(facts, key, LAZY_FIELDS[key]);
  return facts;
}

const PENDING = Symbol('pending facts');
type LazyFacts = FileFacts & { [PENDING]: { text: string; starts: number[] | undefined } };

const settle = (facts: LazyFacts, key: keyof FileFacts, value: unknown): void => {
  Object.defineProperty(facts, key, { value, writable: true, enumerable: true, configurable: true });
};

/** A field's value when a cheap answer exists without tokens; undefined when it needs them all. */
function cheapField(facts: LazyFacts, key: keyof FileFacts): unknown {
  const p = facts[PENDING];
  const { text } = p;
  const rawStarts = (): number[] => (p.starts ??= lineStartsOf(text));
  switch (key) {
    case 'language':
      return 'python';
    case 'lineCount':
      return lineCountOf(rawStarts(), text.length);
    case 'lineStarts':
      return trimLineStarts(rawStarts(), text.length);
    // Without the substring there is nothing: every env access names `env`, every directive `ssot-lint`.
    case 'envAccesses':
      return text.indexOf('env') < 0 ? [] : undefined;
    case 'suppressions':
      return text.indexOf('ssot-lint') < 0 ? [] : undefined;
    case 'eol':
      return eolOf(text);
    default:
      return undefined;
  }
}

const LAZY_FIELDS = Object.fromEntries(
  KEYS.map((key): [keyof FileFacts, PropertyDescriptor] => [
    key,
    {
      enumerable: true,
      configurable: true,
      get(this: LazyFacts) {
        const v = cheapField(this, key);
        if (v !== undefined) {
          settle(this, key, v);
          return v;
        }
        const p = this[PENDING];
        const full = extractPythonFacts(p.text, p.starts);
        for (const k of KEYS) if (Object.getOwnPropertyDescriptor(this, k)?.get) settle(this, k, full[k]);
        p.text = '';
        return this[key];
      },
      set(this: LazyFacts, value: unknown) {
        settle(this, key, value);
      },
    },
  ]),
) as Record<keyof FileFacts, PropertyDescriptor>;

/** Accesses in code and inside f-string replacement fields, in source order. */
function envAccessesOf(ctx: Ctx, imports: ImportFact[], tf: TokenFacts): EnvAccess[] {
  const inFields = extractEnvInFStrings(ctx, imports, tf.envFStrings);
  // Without the evidence extractEnv finds nothing (ENV_NAMES), so skip even its text test.
  const all = tf.envTokens.length > 0 ? extractEnv(ctx, imports, false, tf.envTokens) : [];
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

const DIRECTIVE_RE = /#\s*ssot-lint:\s*(ignore-file|ignore)(?![\w-])\s*(?:\[([^\]]*)\])?\s*(?:--(.*))?$/;

/** `text[s, e)` contains `ssot-lint`. */
function mentionsDirective(text: string, s: number, e: number): boolean {
  for (let p = s; p + 9 <= e; p++) if (text.charCodeAt(p) === 115 /* s */ && text.startsWith('ssot-lint', p)) return true;
  return false;
}

function suppressions(ctx: Ctx): Suppression[] {
  const out: Suppression[] = [];
  const { text, commentStart, commentEnd } = ctx;
  let nextSig = 0;
  for (let ci = 0; ci < commentStart.length; ci++) {
    const cs = commentStart[ci];
    const ce = commentEnd[ci];
    // Comments only (a search of the whole text for the word cost ~3% of the front end).
    if (!mentionsDirective(text, cs, ce)) continue;
    const m = DIRECTIVE_RE.exec(text.slice(cs, ce));
    if (!m) continue;
    const line = lineOf(ctx, cs);
    let codeBefore = false;
    for (let p = cs - 1; p >= ctx.lineStarts[line]; p--) {
      const ch = text.charCodeAt(p);
      if (ch !== 32 && ch !== 9 && ch !== 12 && ch !== 0xfeff) { codeBefore = true; break; }
    }
    let targetLine = -1;
    if (m[1] === 'ignore') {
      if (codeBefore) targetLine = line;
      else {
        while (nextSig < ctx.n && ctx.start[nextSig] < ce) nextSig++;
        targetLine = nextSig < ctx.n ? lineOf(ctx, ctx.start[nextSig]) : line + 1;
      }
    }
    out.push({
      scope: m[1] === 'ignore-file' ? 'file' : codeBefore ? 'line' : 'next-line',
      rules: (m[2] ?? '').split(',').map((r) => r.trim()).filter((r) => r.length > 0),
      reason: (m[3] ?? '').trim(),
      span: { start: cs, end: ce },
      line,
      targetLine,
    });
  }
  return out;
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
  const ns = ctx.nStmts;
  if (si < ns && ctx.stmtFlags[si] & STMT_OWN_LINE && isConstantStmt(ctx, stmtAt(ctx, si), true)) {
    offset = nextLine(ctx.end[ctx.stmtLast[si]] - 1);
    si++;
  }
  while (si < ns && isName(ctx, ctx.stmtFirst[si], 'from') && isName(ctx, ctx.stmtFirst[si] + 1, '__future__')) {
    offset = nextLine(ctx.end[ctx.stmtLast[si]] - 1);
    si++;
  }
  return offset;
}
