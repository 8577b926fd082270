/**
 * Environment accesses inside f-string replacement fields (`f"{os.getenv('HOST')}:{port}"`).
 * The lexer reads an f-string as one token (as CPython 3.11's tokenize does), so the fields'
 * code is invisible to the statement pass. Here each field's expression is kept in a copy of
 * the text where everything else is blanked (offsets and line breaks preserved), that copy is
 * parsed with its own scratch arrays (the file's Ctx must stay intact), and the env matcher
 * runs on it. A found access belongs to the real statement holding the f-string, and never
 * counts as a whole statement: only in-place expression rewrites can apply inside a string.
 */
import type { EnvAccess, ImportFact } from '../../facts';
import { extractEnv } from './env';
import { indentAt, span } from './ctx-read';
import { buildCtx, Ctx, CtxBuilder, stmtAt } from './stmts';

/** `fstrings`: significant token indices of the f-strings containing `env` (scanTokens). */
export function extractEnvInFStrings(ctx: Ctx, imports: ImportFact[], fstrings: readonly number[]): EnvAccess[] {
  if (fstrings.length === 0) return [];
  const { text } = ctx;
  const fields: [number, number][] = [];
  const owner: number[] = []; // significant token index of the f-string holding each field
  for (const j of fstrings) {
    for (const f of fieldExpressions(text, ctx.start[j], ctx.end[j])) {
      fields.push(f);
      owner.push(j);
    }
  }
  if (fields.length === 0) return [];
  const sub = buildCtx(blankOutside(text, fields), undefined, new CtxBuilder());
  const out: EnvAccess[] = [];
  for (const a of extractEnv(sub, imports, true)) {
    const k = fields.findIndex(([s, e]) => s <= a.span.start && a.span.end <= e);
    if (k < 0) continue;
    const stmt = stmtAt(ctx, ctx.stmtOf[owner[k]]);
    const stmtSpan = span(ctx, stmt.first, stmt.last);
    out.push({ ...a, statement: undefined, stmtSpan, stmtOwnLine: false, indent: indentAt(ctx, stmtSpan.start) });
  }
  return out;
}

/** [start, end) of each top-level replacement field's expression in the f-string token. */
export function fieldExpressions(text: string, start: number, end: number): [number, number][] {
  let p = start;
  while (/[rRbBfFuU]/.test(text[p])) p++;
  const quote = text[p];
  const q = text.startsWith(quote.repeat(3), p) ? 3 : 1;
  const bodyEnd = Math.max(p + q, end - q);
  const out: [number, number][] = [];
  for (let i = p + q; i < bodyEnd; i++) {
    if (text[i] !== '{') continue;
    if (text[i + 1] === '{') {
      i++;
      continue;
    }
    const exprEnd = expressionEnd(text, i + 1, bodyEnd);
    if (exprEnd > i + 1) out.push([i + 1, exprEnd]);
    i = closingBrace(text, exprEnd, bodyEnd);
  }
  return out;
}

/** End of a field's expression: the top-level `}`, `!` conversion, `:` format spec or `=` debug marker. */
function expressionEnd(text: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = stringEnd(text, i, limit) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || (c === '}' && depth > 0)) depth--;
    else if (depth === 0) {
      if (c === '}') return i;
      if (c === '!' && text[i + 1] !== '=') return i;
      if (c === ':') return i;
      if (c === '=' && text[i + 1] !== '=' && !'=!<>'.includes(text[i - 1])) return i;
    }
  }
  return limit;
}

/** Offset of the `}` closing a field whose expression ended at `from` (a format spec may nest fields). */
function closingBrace(text: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return limit;
}

function stringEnd(text: string, at: number, limit: number): number {
  const quote = text[at];
  const triple = text.startsWith(quote.repeat(3), at);
  const close = triple ? quote.repeat(3) : quote;
  for (let i = at + close.length; i < limit; i++) {
    if (text[i] === '\\') i++;
    else if (text.startsWith(close, i)) return i + close.length;
  }
  return limit;
}

/**
 * The text with everything outside `fields` blanked (line breaks kept, so offsets hold) and
 * a line break right after each field, so neighbouring fields are separate statements.
 */
function blankOutside(text: string, fields: [number, number][]): string {
  let out = '';
  let cursor = 0;
  for (const [s, e] of fields) {
    out += blank(text.slice(cursor, s)) + text.slice(s, e);
    cursor = e;
    if (cursor < text.length) {
      out += '\n';
      cursor++;
    }
  }
  return out + blank(text.slice(cursor));
}

/** Every code unit but line breaks as a space (a char loop: a per-character regex replace was ~10x slower). */
function blank(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) {
      out += ' '.repeat(i - from) + s[i];
      from = i + 1;
    }
  }
  return out + ' '.repeat(s.length - from);
}
