/**
 * Reading a built Ctx (stmts.ts): a token's text, whether it is a given name, spans,
 * normalised source text, indentation, call arguments and string contents. The fact
 * extractors (defs, env, scan, facts) ask these; building the Ctx needs none of them.
 */
import type { Span } from '../../facts';
import { T } from './lexer';
import { Ctx, isOp, lineOf } from './stmts';

export function word(ctx: Ctx, j: number): string {
  return ctx.text.slice(ctx.start[j], ctx.end[j]);
}

/** Significant token j is the NAME `name`. */
export function isName(ctx: Ctx, j: number, name: string): boolean {
  if (j < 0 || j >= ctx.n || ctx.kind[j] !== T.NAME || ctx.end[j] - ctx.start[j] !== name.length) return false;
  return ctx.text.startsWith(name, ctx.start[j]);
}

/** `text[s, s + len)` is one of `names`, compared in place (no slice per candidate token). */
export function isOneOf(text: string, s: number, len: number, names: readonly string[] | undefined): boolean {
  if (names === undefined) return false;
  for (let i = 0; i < names.length; i++) if (names[i].length === len && text.startsWith(names[i], s)) return true;
  return false;
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

