/**
 * Import facts for TS/JS: ES imports (kind 'from', as the FileFacts contract maps
 * them), re-exports ('export-from'), and CommonJS / dynamic loads ('require').
 */
import type * as ts from 'typescript';
import { tsc } from './compiler';
import type { ImportedName, ImportFact, Span } from '../../facts';
import { type Ctx, type State, isStringLike, spanOf, startOf, lineAt, unwrap } from './state';
import { skipTrivia } from './text';

function isTopLevel(ctx: Ctx): boolean {
  return ctx.stmtTop && ctx.fn === -1;
}

function push(st: State, kind: ImportFact['kind'], spec: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, names: ImportedName[], span: Span, ctx: Ctx, typeOnly: boolean): void {
  const fact: ImportFact = { kind, module: spec.text, level: 0, names, span, moduleSpan: spanOf(st, spec), line: lineAt(st, span.start), topLevel: isTopLevel(ctx) };
  if (typeOnly) fact.typeOnly = true;
  st.facts.imports.push(fact);
}

export function importDeclaration(st: State, d: ts.ImportDeclaration, ctx: Ctx): void {
  if (!isStringLike(d.moduleSpecifier)) return;
  const names: ImportedName[] = [];
  const clause = d.importClause;
  if (clause?.name) names.push({ name: 'default', alias: clause.name.text, span: spanOf(st, clause.name) });
  const nb = clause?.namedBindings;
  if (nb && tsc.isNamespaceImport(nb)) names.push({ name: '*', alias: nb.name.text, span: spanOf(st, nb) });
  if (nb && tsc.isNamedImports(nb)) for (const el of nb.elements) names.push(specifierName(st, el));
  push(st, 'from', d.moduleSpecifier, names, spanOf(st, d), ctx, !!clause?.isTypeOnly);
}

export function exportDeclaration(st: State, d: ts.ExportDeclaration, ctx: Ctx): void {
  if (!d.moduleSpecifier || !isStringLike(d.moduleSpecifier)) return;
  const names: ImportedName[] = [];
  const ec = d.exportClause;
  if (!ec) names.push({ name: '*', span: starSpan(st, d) });
  else if (tsc.isNamespaceExport(ec)) names.push({ name: '*', alias: ec.name.text, span: spanOf(st, ec) });
  else for (const el of ec.elements) names.push(specifierName(st, el));
  push(st, 'export-from', d.moduleSpecifier, names, spanOf(st, d), ctx, d.isTypeOnly);
}

function specifierName(st: State, el: ts.ImportSpecifier | ts.ExportSpecifier): ImportedName {
  const local = el.name.text;
  if (!el.propertyName) return { name: local, span: spanOf(st, el) };
  return { name: el.propertyName.text, alias: local, span: spanOf(st, el) };
}

/** The `*` token of `export * from 'm'` / `export type * from 'm'` (it has no node of its own). */
function starSpan(st: State, d: ts.ExportDeclaration): Span {
  let p = skipTrivia(st.text, startOf(st, d) + 'export'.length);
  if (d.isTypeOnly && st.text.startsWith('type', p)) p = skipTrivia(st.text, p + 4);
  return st.text.charCodeAt(p) === 42 ? { start: p, end: p + 1 } : { start: p, end: p };
}

/** `import x = require('m')`. */
export function importEquals(st: State, d: ts.ImportEqualsDeclaration, ctx: Ctx): void {
  const ref = d.moduleReference;
  if (!tsc.isExternalModuleReference(ref) || !isStringLike(ref.expression)) return;
  push(st, 'require', ref.expression, [{ name: '*', alias: d.name.text, span: spanOf(st, d.name) }], spanOf(st, d), ctx, d.isTypeOnly);
}

/** The module of `require('m')` or `import('m')`, when the call is one. */
export function loadedModule(c: ts.CallExpression): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | undefined {
  const a = c.arguments[0];
  if (!isStringLike(a)) return undefined;
  const e = c.expression;
  if (e.kind === tsc.SyntaxKind.ImportKeyword) return a;
  return e.kind === tsc.SyntaxKind.Identifier && (e as ts.Identifier).text === 'require' && c.arguments.length === 1 ? a : undefined;
}

/** `const x = require('m')`, `const { a, b: c } = await import('m')`: names from the binding, span = the statement. */
export function requireDeclaration(st: State, d: ts.VariableDeclaration, ctx: Ctx): void {
  if (!d.initializer) return;
  let init = unwrap(d.initializer);
  if (tsc.isAwaitExpression(init)) init = unwrap(init.expression);
  if (!tsc.isCallExpression(init)) return;
  const spec = loadedModule(init);
  if (!spec) return;
  st.consumed.add(init);
  const names: ImportedName[] = [];
  if (tsc.isIdentifier(d.name)) names.push({ name: '*', alias: d.name.text, span: spanOf(st, d.name) });
  else if (tsc.isObjectBindingPattern(d.name)) {
    for (const el of d.name.elements) {
      if (el.dotDotDotToken || !tsc.isIdentifier(el.name)) continue;
      const prop = el.propertyName;
      const imported = prop && (tsc.isIdentifier(prop) || isStringLike(prop)) ? prop.text : undefined;
      if (prop && imported === undefined) continue;
      names.push(imported === undefined ? { name: el.name.text, span: spanOf(st, el) } : { name: imported, alias: el.name.text, span: spanOf(st, el) });
    }
  }
  const stmt = ctx.stmt;
  const whole = stmt && tsc.isVariableStatement(stmt) && stmt.declarationList.declarations.length === 1 ? stmt : d;
  push(st, 'require', spec, names, spanOf(st, whole), ctx, false);
}

/** Any other `require('m')` / `import('m')`: no bound names, span = the call. */
export function requireCall(st: State, c: ts.CallExpression, ctx: Ctx): void {
  const spec = loadedModule(c);
  if (spec) push(st, 'require', spec, [], spanOf(st, c), ctx, false);
}
