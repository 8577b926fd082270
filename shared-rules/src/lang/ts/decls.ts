/**
 * Declarations for TS/JS: classes, interfaces, type aliases and enums (ClassFact),
 * and every function-like with a body (FunctionFact). Interfaces and type aliases
 * are taken from the AST, so the forms the reference's regexes miss (`extends`,
 * generics, `export default`, `declare`, `$` names) are all found.
 */
import type * as ts from 'typescript';
import { K, whenLoaded } from './compiler';
import type { BaseClassRef, ClassFact, DecoratorFact, FunctionFact, Span } from '../../facts';
import { type Ctx, type FnHint, type State, lineAt, propName, spanOf, startOf, unwrap } from './state';
import { endLineOf, lineIndent, normalizeWs, skipTrivia } from './text';


type WithModifiers = ts.Node & { readonly modifiers?: ts.NodeArray<ts.ModifierLike> };

function modifiersOf(node: ts.Node): ts.NodeArray<ts.ModifierLike> | undefined {
  return (node as WithModifiers).modifiers;
}

export function decoratorsOf(st: State, node: ts.Node): DecoratorFact[] {
  const mods = modifiersOf(node);
  const out: DecoratorFact[] = [];
  if (!mods) return out;
  for (const m of mods) {
    if (m.kind !== K.Decorator) continue;
    const span = spanOf(st, m);
    const e = (m as ts.Decorator).expression;
    out.push({ text: normalizeWs(st.text.slice(startOf(st, e), e.end)), span, line: lineAt(st, span.start) });
  }
  return out;
}

/** Start of a declaration without its decorators: the first other modifier, else the token after the last decorator. */
function declStart(st: State, node: ts.Node): number {
  const mods = modifiersOf(node);
  if (!mods || mods.length === 0) return startOf(st, node);
  let lastDecoratorEnd = -1;
  for (const m of mods) {
    if (m.kind === K.Decorator) lastDecoratorEnd = m.end;
    else return startOf(st, m);
  }
  return skipTrivia(st.text, lastDecoratorEnd);
}

/** The declaration keyword (`class`, `interface`, ...), after all modifiers. */
function keywordStart(st: State, node: ts.Node): number {
  const mods = modifiersOf(node);
  return mods && mods.length ? skipTrivia(st.text, mods.end) : startOf(st, node);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): ts.ModifierLike | undefined {
  const mods = modifiersOf(node);
  if (mods) for (const m of mods) if (m.kind === kind) return m;
  return undefined;
}

type ClassLike = ts.ClassDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

let CLASS_KIND: Partial<Record<ts.SyntaxKind, ClassFact['kind']>>;
whenLoaded(() => {
  CLASS_KIND = {
    [K.ClassDeclaration]: 'class',
    [K.InterfaceDeclaration]: 'interface',
    [K.TypeAliasDeclaration]: 'type',
    [K.EnumDeclaration]: 'enum',
  };
});

/** Adds the ClassFact and returns its index; class members get their FnHint here. */
export function classFact(st: State, node: ClassLike, ctx: Ctx): number {
  const kind = CLASS_KIND[node.kind]!;
  const start = declStart(st, node);
  let name: string;
  let nameSpan: Span;
  if (node.name) {
    name = node.name.text;
    nameSpan = spanOf(st, node.name);
  } else {
    // `export default class {}`: named after the export, as the module system sees it.
    const def = hasModifier(node, K.DefaultKeyword);
    name = 'default';
    nameSpan = def ? spanOf(st, def) : { start, end: start };
  }
  const bases: BaseClassRef[] = [];
  let basesSpan: Span = { start: nameSpan.end, end: nameSpan.end };
  const heritage = (node as ts.ClassDeclaration | ts.InterfaceDeclaration).heritageClauses;
  if (heritage && heritage.length && (kind === 'class' || kind === 'interface')) {
    basesSpan = { start: startOf(st, heritage[0]), end: heritage[heritage.length - 1].end };
    for (const clause of heritage) {
      for (const t of clause.types) {
        const span = spanOf(st, t);
        bases.push({ text: normalizeWs(st.text.slice(span.start, span.end)), span });
      }
    }
  }
  const index = st.facts.classes.length;
  const fact: ClassFact = {
    name,
    nameSpan,
    span: { start, end: node.end },
    line: lineAt(st, keywordStart(st, node)),
    endLine: endLineOf(st.lineStarts, { start, end: node.end }),
    bases,
    basesSpan,
    decorators: decoratorsOf(st, node),
    selfAttributes: [],
    superCalls: [],
    parentClass: ctx.cls,
    kind,
  };
  if (hasModifier(node, K.ExportKeyword)) fact.exported = true;
  st.facts.classes.push(fact);
  st.selfAttrs.push(new Set());
  if (kind === 'class') hintMembers(st, node as ts.ClassDeclaration, index);
  return index;
}

function hintMembers(st: State, node: ts.ClassDeclaration, classIndex: number): void {
  for (const m of node.members) {
    switch (m.kind) {
      case K.MethodDeclaration:
      case K.GetAccessor:
      case K.SetAccessor:
        st.hints.set(m, { name: propName(st, m.name) ?? '<anonymous>', nameSpan: spanOf(st, m.name!), classIndex });
        break;
      case K.Constructor:
        st.hints.set(m, { name: 'constructor', nameSpan: constructorKeyword(st, m), classIndex });
        break;
      case K.PropertyDeclaration: {
        // `handle = () => {...}` is a method in all but syntax.
        const p = m as ts.PropertyDeclaration;
        const fn = p.initializer && functionValue(p.initializer);
        if (fn) st.hints.set(fn, { name: propName(st, p.name) ?? '<anonymous>', nameSpan: spanOf(st, p.name), classIndex });
        break;
      }
    }
  }
}

function constructorKeyword(st: State, m: ts.ClassElement): Span {
  const p = keywordStart(st, m);
  const q = st.text.charCodeAt(p);
  if (q === 34 || q === 39) {
    const close = st.text.indexOf(String.fromCharCode(q), p + 1);
    return { start: p, end: close < 0 ? p : close + 1 };
  }
  return { start: p, end: p + 'constructor'.length };
}

/** The function an initializer evaluates to directly (through parentheses and type assertions). */
export function functionValue(e: ts.Expression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const u = unwrap(e);
  return u.kind === K.ArrowFunction || u.kind === K.FunctionExpression ? (u as ts.ArrowFunction) : undefined;
}

/** Names the function assigned by a variable, property, assignment or default export. */
export function hintAssignedFunction(st: State, target: ts.Node, value: ts.Expression | undefined): void {
  const fn = value && functionValue(value);
  if (!fn || st.hints.has(fn)) return;
  let nameNode: ts.Node | undefined;
  let name: string | undefined;
  if (target.kind === K.PropertyAccessExpression) nameNode = (target as ts.PropertyAccessExpression).name;
  else if (target.kind === K.ElementAccessExpression) nameNode = (target as ts.ElementAccessExpression).argumentExpression;
  else nameNode = target;
  if (nameNode && (nameNode.kind === K.Identifier || nameNode.kind === K.PrivateIdentifier || nameNode.kind === K.StringLiteral || nameNode.kind === K.NumericLiteral)) name = (nameNode as ts.Identifier).text;
  else if (nameNode && nameNode.kind === K.ComputedPropertyName) name = propName(st, nameNode);
  if (name === undefined) return;
  st.hints.set(fn, { name, nameSpan: spanOf(st, nameNode ?? target), classIndex: -1 });
}

/** `export default () => {}` is named `default`, like an anonymous `export default function`. */
export function hintDefaultExport(st: State, node: ts.ExportAssignment): void {
  const fn = functionValue(node.expression);
  if (!fn || st.hints.has(fn)) return;
  const kw = skipTrivia(st.text, startOf(st, node) + 'export'.length);
  const isDefault = st.text.startsWith('default', kw);
  st.hints.set(fn, { name: 'default', nameSpan: isDefault ? { start: kw, end: kw + 7 } : { start: kw, end: kw }, classIndex: -1 });
}

type FnLike = ts.FunctionLikeDeclaration;

/** Adds the FunctionFact and returns its index, or -1 for a signature without a body (overloads, abstract, ambient). */
export function functionFact(st: State, node: FnLike, ctx: Ctx): number {
  const body = node.body;
  if (!body) return -1;
  const hint: FnHint | undefined = st.hints.get(node);
  const start = declStart(st, node);
  let name: string;
  let nameSpan: Span;
  const own = node.name;
  if (own && (node.kind === K.FunctionDeclaration || node.kind === K.FunctionExpression || !hint)) {
    name = propName(st, own) ?? '<anonymous>';
    nameSpan = spanOf(st, own);
  } else if (hint) {
    name = hint.name;
    nameSpan = hint.nameSpan;
  } else if (node.kind === K.FunctionDeclaration && hasModifier(node, K.DefaultKeyword)) {
    name = 'default';
    nameSpan = spanOf(st, hasModifier(node, K.DefaultKeyword)!);
  } else {
    name = '<anonymous>';
    nameSpan = { start, end: start };
  }
  let bodyLines = 0;
  let bodyStart = -1;
  let bodyIndent = '';
  if (body.kind === K.Block) {
    const stmts = (body as ts.Block).statements;
    if (stmts.length) {
      bodyStart = startOf(st, stmts[0]);
      bodyLines = endLineOf(st.lineStarts, { start: bodyStart, end: stmts[stmts.length - 1].end }) - lineAt(st, bodyStart) + 1;
      const ind = lineIndent(st.text, st.lineStarts, bodyStart);
      if (ind.ownLine) bodyIndent = ind.indent;
    }
  } else {
    bodyStart = startOf(st, body);
    bodyLines = endLineOf(st.lineStarts, { start: bodyStart, end: body.end }) - lineAt(st, bodyStart) + 1;
  }
  const fact: FunctionFact = {
    name,
    nameSpan,
    isAsync: !!hasModifier(node, K.AsyncKeyword),
    span: { start, end: node.end },
    defLine: lineAt(st, start),
    paramsSpan: paramsSpan(st, node),
    decorators: decoratorsOf(st, node),
    bodyLines,
    bodyStart,
    bodyIndent,
    classIndex: hint ? hint.classIndex : -1,
    parentFunction: ctx.fn,
  };
  st.facts.functions.push(fact);
  return st.facts.functions.length - 1;
}

/** Between the parentheses; an unparenthesised arrow parameter is its own span. */
function paramsSpan(st: State, node: FnLike): Span {
  const params = node.parameters;
  if (st.text.charCodeAt(params.pos - 1) === 40 /* ( */) {
    const close = skipTrivia(st.text, params.end);
    return { start: params.pos, end: st.text.charCodeAt(close) === 41 ? close : params.end };
  }
  if (params.length) return { start: startOf(st, params[0]), end: params[params.length - 1].end };
  return { start: params.pos, end: params.pos };
}

/** `this.X` / `this['X']` inside the class `this` refers to. */
export function selfAttribute(st: State, node: ts.PropertyAccessExpression | ts.ElementAccessExpression, ctx: Ctx): void {
  if (ctx.thisClass < 0 || node.expression.kind !== K.ThisKeyword) return;
  let name: string | undefined;
  if (node.kind === K.PropertyAccessExpression) name = node.name.text;
  else {
    const a = node.argumentExpression;
    if (a.kind === K.StringLiteral || a.kind === K.NoSubstitutionTemplateLiteral) name = (a as ts.StringLiteral).text;
  }
  if (name !== undefined) st.selfAttrs[ctx.thisClass].add(name);
}

/** `super.m(...)`, and `super(...)` recorded as `constructor` (the analogue of `super().__init__()`). */
export function superCall(st: State, c: ts.CallExpression, ctx: Ctx): void {
  if (ctx.thisClass < 0) return;
  const e = c.expression;
  let method: string | undefined;
  if (e.kind === K.SuperKeyword) method = 'constructor';
  else if (e.kind === K.PropertyAccessExpression && (e as ts.PropertyAccessExpression).expression.kind === K.SuperKeyword) method = (e as ts.PropertyAccessExpression).name.text;
  if (method !== undefined) st.facts.classes[ctx.thisClass].superCalls.push({ method, span: spanOf(st, c) });
}
