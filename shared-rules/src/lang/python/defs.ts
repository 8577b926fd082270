/**
 * Classes, functions (with spec 3.0 body line counts) and imports from the statement
 * list, tracking scopes by indentation depth instead of building a syntax tree.
 */
import type { BaseClassRef, ClassFact, DecoratorFact, FunctionFact, ImportFact, ImportedName } from '../../facts';
import { T } from './lexer';
import { indentAt, isName, normText, span, splitArgs, stringParts, word } from './ctx-read';
import { Ctx, isOp, lineOf, Stmt, STMT_HEADER, stmtAt } from './stmts';

interface Scope {
  isClass: boolean;
  index: number;
  depth: number;
  /** Logical line of a one-line body, else -1. */
  inlineLogical: number;
  /** 0: waiting for the first body statement, 1: first was a docstring, 2: counting from `from`. */
  stage: number;
  from: number;
  blockBody: boolean;
}

export interface DefsResult {
  classes: ClassFact[];
  functions: FunctionFact[];
  imports: ImportFact[];
  /** Statement index -> index of the innermost class containing it, or -1. */
  classOfStmt: Int32Array;
}

/** Expression statement made of a constant only (spec 3.0's docstring test: `Expr(Constant)`). */
export function isConstantStmt(ctx: Ctx, s: Stmt, stringsOnly = false): boolean {
  if (s.header) return false;
  let a = s.first;
  let b = s.last;
  while (isOp(ctx, a, '(') && ctx.match[a] === b && b - a > 1) { a++; b--; }
  if (ctx.kind[a] === T.STRING) {
    for (let j = a; j <= b; j++) if (ctx.kind[j] !== T.STRING || stringParts(ctx, j).flags & 2) return false;
    return true;
  }
  if (a !== b || stringsOnly) return false;
  if (ctx.kind[a] === T.NUMBER) return true;
  return isOp(ctx, a, '...') || isName(ctx, a, 'None') || isName(ctx, a, 'True') || isName(ctx, a, 'False');
}

export function extractDefs(ctx: Ctx): DefsResult {
  const classes: ClassFact[] = [];
  const functions: FunctionFact[] = [];
  const imports: ImportFact[] = [];
  const nStmts = ctx.nStmts;
  const classOfStmt = new Int32Array(nStmts).fill(-1);
  const { stmtFirst, stmtLast, stmtDepth, stmtLogical, stmtFlags } = ctx;
  const stack: Scope[] = [];
  let decorators: DecoratorFact[] = [];
  let prevLast = -1;

  const close = (sc: Scope, last: number): void => {
    const endOff = ctx.end[last];
    if (sc.isClass) {
      const c = classes[sc.index];
      c.span.end = Math.max(c.span.end, endOff);
      c.endLine = lineOf(ctx, c.span.end - 1);
      return;
    }
    const f = functions[sc.index];
    f.span.end = Math.max(f.span.end, endOff);
    if (sc.stage === 2) {
      f.bodyLines = lineOf(ctx, endOff - 1) - lineOf(ctx, ctx.start[sc.from]) + 1;
      if (sc.blockBody) {
        f.bodyStart = ctx.start[sc.from];
        f.bodyIndent = indentAt(ctx, f.bodyStart);
      }
    }
  };

  for (let si = 0; si < nStmts; si++) {
    // The statement's fields straight from ctx's arrays; a Stmt object only where one is passed on.
    const first = stmtFirst[si];
    const last = stmtLast[si];
    const header = (stmtFlags[si] & STMT_HEADER) !== 0;
    const logical = stmtLogical[si];
    const depth = stmtDepth[si];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const inside = top.inlineLogical >= 0 ? logical === top.inlineLogical : depth > top.depth;
      if (inside) break;
      close(top, prevLast);
      stack.pop();
    }
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    // A decorated statement starts at its `def`/`class` line for ast, not at the decorator.
    if (top && !top.isClass && !(isOp(ctx, first, '@') && !header)) {
      if (top.stage === 0) {
        if (isConstantStmt(ctx, stmtAt(ctx, si))) {
          top.stage = 1;
          if (top.blockBody) functions[top.index].bodyIndent = indentAt(ctx, ctx.start[first]);
        } else { top.stage = 2; top.from = first; }
      } else if (top.stage === 1) { top.stage = 2; top.from = first; }
    }
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].isClass) { classOfStmt[si] = stack[k].index; break; }

    const f0 = first;
    if (isOp(ctx, f0, '@') && !header) {
      if (f0 < last) decorators.push({ text: normText(ctx, f0 + 1, last), span: span(ctx, f0 + 1, last), line: lineOf(ctx, ctx.start[f0]) });
    } else if (header && (isName(ctx, f0, 'def') || isName(ctx, f0, 'class') || (isName(ctx, f0, 'async') && isName(ctx, f0 + 1, 'def')))) {
      const s = stmtAt(ctx, si);
      const blockBody = last + 1 >= ctx.n || stmtLogical[ctx.stmtOf[last + 1]] !== logical;
      const scope: Scope = { isClass: isName(ctx, f0, 'class'), index: 0, depth, inlineLogical: blockBody ? -1 : logical, stage: 0, from: -1, blockBody };
      let parentClass = -1;
      let parentFunction = -1;
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].isClass) { if (parentClass < 0) parentClass = stack[k].index; }
        else if (parentFunction < 0) parentFunction = stack[k].index;
      }
      if (scope.isClass) {
        scope.index = classes.length;
        classes.push(classFact(ctx, s, decorators, parentClass));
      } else {
        scope.index = functions.length;
        const direct = top && top.isClass ? top.index : -1;
        functions.push(functionFact(ctx, s, decorators, direct, parentFunction));
      }
      stack.push(scope);
      decorators = [];
    } else {
      // A fresh list only when one is pending: every plain statement used to allocate one.
      if (decorators.length > 0) decorators = [];
      if (isName(ctx, f0, 'import') || isName(ctx, f0, 'from')) imports.push(...importFacts(ctx, stmtAt(ctx, si)));
    }
    prevLast = last;
  }
  while (stack.length > 0) close(stack.pop()!, prevLast);
  return { classes, functions, imports, classOfStmt };
}

function classFact(ctx: Ctx, s: Stmt, decorators: DecoratorFact[], parentClass: number): ClassFact {
  const nameTok = s.first + 1;
  const hasName = ctx.kind[nameTok] === T.NAME && nameTok < s.last;
  const nameSpan = hasName ? span(ctx, nameTok, nameTok) : { start: ctx.end[s.first], end: ctx.end[s.first] };
  const bases: BaseClassRef[] = [];
  let basesSpan = { start: nameSpan.end, end: nameSpan.end };
  const open = nameTok + 1;
  if (hasName && isOp(ctx, open, '(') && ctx.match[open] > open) {
    const close = ctx.match[open];
    basesSpan = span(ctx, open, close);
    for (const [a, b] of splitArgs(ctx, open + 1, close - 1)) {
      const ref: BaseClassRef = { text: normText(ctx, a, b), span: span(ctx, a, b) };
      if ((ctx.kind[a] === T.NAME && isOp(ctx, a + 1, '=')) || isOp(ctx, a, '**')) ref.keyword = true;
      bases.push(ref);
    }
  }
  const line = lineOf(ctx, ctx.start[s.first]);
  return {
    name: hasName ? word(ctx, nameTok) : '',
    nameSpan,
    span: span(ctx, s.first, s.last),
    line,
    endLine: line,
    bases,
    basesSpan,
    decorators,
    selfAttributes: [],
    superCalls: [],
    parentClass,
    kind: 'class',
  };
}

function functionFact(ctx: Ctx, s: Stmt, decorators: DecoratorFact[], classIndex: number, parentFunction: number): FunctionFact {
  const isAsync = isName(ctx, s.first, 'async');
  const defTok = isAsync ? s.first + 1 : s.first;
  const nameTok = defTok + 1;
  const hasName = ctx.kind[nameTok] === T.NAME && nameTok < s.last;
  const nameSpan = hasName ? span(ctx, nameTok, nameTok) : { start: ctx.end[defTok], end: ctx.end[defTok] };
  const open = nameTok + 1;
  const paramsSpan = hasName && isOp(ctx, open, '(') && ctx.match[open] > open
    ? { start: ctx.end[open], end: ctx.start[ctx.match[open]] }
    : { start: nameSpan.end, end: nameSpan.end };
  return {
    name: hasName ? word(ctx, nameTok) : '',
    nameSpan,
    isAsync,
    span: span(ctx, s.first, s.last),
    defLine: lineOf(ctx, ctx.start[s.first]),
    paramsSpan,
    decorators,
    bodyLines: 0,
    bodyStart: -1,
    bodyIndent: '',
    classIndex,
    parentFunction,
  };
}

/** Dotted name starting at token a: [last token index, text], or undefined. */
function dotted(ctx: Ctx, a: number, b: number): [number, string] | undefined {
  if (a > b || ctx.kind[a] !== T.NAME) return undefined;
  let e = a;
  while (e + 2 <= b && isOp(ctx, e + 1, '.') && ctx.kind[e + 2] === T.NAME) e += 2;
  return [e, ctx.text.slice(ctx.start[a], ctx.end[e]).replace(/\s+/g, '')];
}

/** `name [as alias]` items of an import list (tokens a..b). */
function importNames(ctx: Ctx, a: number, b: number, dottedOk: boolean): ImportedName[] {
  const names: ImportedName[] = [];
  for (const [x, y] of splitArgs(ctx, a, b)) {
    if (isOp(ctx, x, '*')) { names.push({ name: '*', span: span(ctx, x, x) }); continue; }
    const d = dottedOk ? dotted(ctx, x, y) : ctx.kind[x] === T.NAME ? ([x, word(ctx, x)] as [number, string]) : undefined;
    if (!d) continue;
    const item: ImportedName = { name: d[1], span: span(ctx, x, d[0]) };
    if (isName(ctx, d[0] + 1, 'as') && d[0] + 2 <= y && ctx.kind[d[0] + 2] === T.NAME) {
      item.alias = word(ctx, d[0] + 2);
      item.span = span(ctx, x, d[0] + 2);
    }
    names.push(item);
  }
  return names;
}

function importFacts(ctx: Ctx, s: Stmt): ImportFact[] {
  const line = lineOf(ctx, ctx.start[s.first]);
  const topLevel = s.depth === 0 && !s.inline;
  const stmtSpan = span(ctx, s.first, s.last);
  if (isName(ctx, s.first, 'import')) {
    return importNames(ctx, s.first + 1, s.last, true).map((nm) => {
      const modEnd = nm.alias ? nm.span.start + nm.name.length : nm.span.end;
      return { kind: 'import', module: nm.name, level: 0, names: [nm], span: stmtSpan, moduleSpan: { start: nm.span.start, end: Math.min(modEnd, nm.span.end) }, line, topLevel };
    });
  }
  let j = s.first + 1;
  let level = 0;
  while (j <= s.last && (isOp(ctx, j, '.') || isOp(ctx, j, '...'))) { level += ctx.end[j] - ctx.start[j]; j++; }
  const modStart = j;
  let module = '';
  let modLast = j - 1;
  if (!isName(ctx, j, 'import')) {
    const d = dotted(ctx, j, s.last);
    if (!d) return [];
    module = d[1];
    modLast = d[0];
    j = d[0] + 1;
  }
  if (!isName(ctx, j, 'import') || modLast < s.first + 1) return [];
  let a = j + 1;
  let b = s.last;
  if (isOp(ctx, a, '(') && ctx.match[a] > a) { b = ctx.match[a] - 1; a++; }
  return [{
    kind: 'from',
    module,
    level,
    names: importNames(ctx, a, b, false),
    span: stmtSpan,
    moduleSpan: { start: ctx.start[s.first + 1], end: ctx.end[Math.max(modLast, modStart - 1)] },
    line,
    topLevel,
  }];
}
