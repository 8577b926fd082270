/**
 * Suppression comments in TS/JS. Comments are found by scanning the text for `//`
 * and `/*` while skipping the literal tokens (strings, templates, regexes, JSX text)
 * that the parser located, so `'// ssot-lint-ignore-line'` inside a string never
 * counts; a plain lexer cannot tell a regex from a division or JSX text from code.
 */
import type * as ts from 'typescript';
import { tsc } from './compiler';
import type { Suppression } from '../../facts';
import { isLineBreak, lineOf } from './text';

export const MARKER = 'ssot-lint-ignore';

const DIRECTIVE = /^[\s*]*ssot-lint-ignore-(next-line|line|file)(?![\w-])([\s\S]*)$/;
const SEPARATOR = /(^|\s)--(\s|$)/;

/** Comment ranges as flat [start, end, ...], in text order, skipping the given literal ranges (flat, any order). */
export function scanComments(text: string, literals: number[]): number[] {
  const lit = sortPairs(literals);
  const out: number[] = [];
  const n = text.length;
  let pos = text.startsWith('#!') ? lineEnd(text, 0) : 0;
  let r = 0;
  for (;;) {
    const i = text.indexOf('/', pos);
    if (i < 0 || i + 1 >= n) break;
    while (r < lit.length && lit[r + 1] <= i) r += 2;
    if (r < lit.length && lit[r] <= i) {
      pos = lit[r + 1];
      continue;
    }
    const c = text.charCodeAt(i + 1);
    if (c === 47) {
      const e = lineEnd(text, i);
      out.push(i, e);
      pos = e;
    } else if (c === 42) {
      const close = text.indexOf('*/', i + 2);
      const e = close < 0 ? n : close + 2;
      out.push(i, e);
      pos = e;
    } else {
      pos = i + 1;
    }
  }
  return out;
}

function lineEnd(text: string, p: number): number {
  while (p < text.length && !isLineBreak(text.charCodeAt(p))) p++;
  return p;
}

function sortPairs(flat: number[]): number[] {
  let sorted = true;
  for (let i = 2; i < flat.length; i += 2) if (flat[i] < flat[i - 2]) sorted = false;
  if (sorted) return flat;
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

/** Comments via the TS scanner, for input the parser could not handle (too deeply nested); templates and regexes are approximated. */
export function scanCommentsLexically(text: string, variant: ts.LanguageVariant): number[] {
  const scanner = tsc.createScanner(tsc.ScriptTarget.Latest, false, variant, text);
  const out: number[] = [];
  const braces: boolean[] = []; // true = the `{` opened a template substitution
  let prev: ts.SyntaxKind = tsc.SyntaxKind.Unknown;
  for (let guard = 0; guard <= text.length + 1; guard++) {
    let t = scanner.scan();
    if (t === tsc.SyntaxKind.EndOfFileToken) break;
    if (t === tsc.SyntaxKind.SingleLineCommentTrivia || t === tsc.SyntaxKind.MultiLineCommentTrivia) {
      out.push(scanner.getTokenStart(), scanner.getTokenEnd());
      continue;
    }
    if (t === tsc.SyntaxKind.WhitespaceTrivia || t === tsc.SyntaxKind.NewLineTrivia) continue;
    if (t === tsc.SyntaxKind.TemplateHead) braces.push(true);
    else if (t === tsc.SyntaxKind.OpenBraceToken) braces.push(false);
    else if (t === tsc.SyntaxKind.CloseBraceToken && braces.pop()) {
      t = scanner.reScanTemplateToken(false);
      if (t === tsc.SyntaxKind.TemplateMiddle) braces.push(true);
    } else if ((t === tsc.SyntaxKind.SlashToken || t === tsc.SyntaxKind.SlashEqualsToken) && !endsExpression(prev)) {
      t = scanner.reScanSlashToken();
    }
    prev = t;
  }
  return out;
}

/** After these tokens a `/` is a division; elsewhere it starts a regular expression. */
function endsExpression(k: ts.SyntaxKind): boolean {
  return (
    k === tsc.SyntaxKind.Identifier ||
    k === tsc.SyntaxKind.CloseParenToken ||
    k === tsc.SyntaxKind.CloseBracketToken ||
    k === tsc.SyntaxKind.CloseBraceToken ||
    k === tsc.SyntaxKind.NumericLiteral ||
    k === tsc.SyntaxKind.BigIntLiteral ||
    k === tsc.SyntaxKind.StringLiteral ||
    k === tsc.SyntaxKind.NoSubstitutionTemplateLiteral ||
    k === tsc.SyntaxKind.TemplateTail ||
    k === tsc.SyntaxKind.RegularExpressionLiteral ||
    k === tsc.SyntaxKind.ThisKeyword ||
    k === tsc.SyntaxKind.PlusPlusToken ||
    k === tsc.SyntaxKind.MinusMinusToken ||
    (k >= tsc.SyntaxKind.FirstKeyword && k <= tsc.SyntaxKind.LastKeyword && k !== tsc.SyntaxKind.ReturnKeyword && k !== tsc.SyntaxKind.TypeOfKeyword && k !== tsc.SyntaxKind.InKeyword && k !== tsc.SyntaxKind.CaseKeyword && k !== tsc.SyntaxKind.DeleteKeyword && k !== tsc.SyntaxKind.VoidKeyword && k !== tsc.SyntaxKind.NewKeyword && k !== tsc.SyntaxKind.ThrowKeyword && k !== tsc.SyntaxKind.InstanceOfKeyword && k !== tsc.SyntaxKind.YieldKeyword && k !== tsc.SyntaxKind.AwaitKeyword)
  );
}

/** Suppressions among the comments (flat ranges in text order). */
export function parseSuppressions(text: string, lineStarts: readonly number[], comments: number[]): Suppression[] {
  const out: Suppression[] = [];
  for (let c = 0; c < comments.length; c += 2) {
    const start = comments[c];
    const end = comments[c + 1];
    const block = text.charCodeAt(start + 1) === 42;
    const body = text.slice(start + 2, block && text.endsWith('*/', end) && end - start >= 4 ? end - 2 : end);
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    const scope = m[1] as Suppression['scope'];
    const rest = m[2];
    const sep = SEPARATOR.exec(rest);
    const rulesText = sep ? rest.slice(0, sep.index) : rest;
    const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
    const rules = rulesText.split(/[\s,]+/).filter((r) => r.length > 0);
    const line = lineOf(lineStarts, start);
    const targetLine = scope === 'file' ? -1 : scope === 'line' ? line : nextCodeLine(text, lineStarts, comments, c);
    out.push({ scope, rules, reason, span: { start, end }, line, targetLine });
  }
  return out;
}

/** The first line after comment `c` that holds something other than whitespace and comments (the plain next line at EOF). */
function nextCodeLine(text: string, lineStarts: readonly number[], comments: number[], c: number): number {
  const end = comments[c + 1];
  const first = lineOf(lineStarts, end > 0 ? end - 1 : 0) + 1;
  let line = first;
  let next = c + 2; // index of the next comment that may start on a later line
  while (line < lineStarts.length) {
    let p = lineStarts[line];
    let lineLimit = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    for (;;) {
      while (p < lineLimit && /\s/.test(text[p])) p++;
      if (p >= lineLimit) break;
      while (next < comments.length && comments[next] < p) next += 2;
      if (next < comments.length && comments[next] === p) {
        p = comments[next + 1];
        next += 2;
        const l = lineOf(lineStarts, p > 0 ? p - 1 : 0);
        if (l > line) {
          line = l;
          lineLimit = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
        }
        continue;
      }
      return line;
    }
    line++;
  }
  return first;
}
