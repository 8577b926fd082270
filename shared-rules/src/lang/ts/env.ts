/**
 * Environment access in TS/JS: every form of `process.env` (and Vite's
 * `import.meta.env`) use. The walker visits parents before children, so the most
 * specific form is recognised at the outermost node (`process.env.X = v` at the
 * assignment) and the inner nodes are marked consumed, leaving a bare `process.env`
 * that nothing consumed to be reported as a plain reference.
 */
import type * as ts from 'typescript';
import { K, tsc } from './compiler';
import type { Span } from '../../facts';
import { type Ctx, type State, emitEnv, isStringLike, spanOf, startOf, unwrap } from './state';

const PROCESS_MODULES = new Set(['process', 'node:process']);
/** Globals through which `process` is reachable. */
const GLOBALS = new Set(['globalThis', 'global', 'window', 'self']);

/** Binds local names for `process` / `process.env` from top-level imports and requires of 'process'. */
export function collectEnvAliases(st: State): void {
  for (const s of st.statements) {
    if (tsc.isImportDeclaration(s)) {
      if (!isStringLike(s.moduleSpecifier) || !PROCESS_MODULES.has(s.moduleSpecifier.text)) continue;
      const clause = s.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) st.processNames.add(clause.name.text);
      const nb = clause.namedBindings;
      if (nb && tsc.isNamespaceImport(nb)) st.processNames.add(nb.name.text);
      if (nb && tsc.isNamedImports(nb)) {
        for (const el of nb.elements) {
          if (el.isTypeOnly) continue;
          const imported = (el.propertyName ?? el.name).text;
          if (imported === 'default') st.processNames.add(el.name.text);
          if (imported !== 'env') continue;
          st.envNames.add(el.name.text);
          // Same span as the ImportedName, so a fix can drop exactly this name.
          const stmt: Ctx = { stmt: s, stmtTop: true, fileLevel: false, fn: -1, cls: -1, thisClass: -1 };
          emitEnv(st, stmt, 'import', `import { env } from '${s.moduleSpecifier.text}'`, spanOf(st, el), {});
        }
      }
    } else if (tsc.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!init || !tsc.isCallExpression(init) || !isRequireOf(init, PROCESS_MODULES)) continue;
        if (tsc.isIdentifier(d.name)) st.processNames.add(d.name.text);
        else if (tsc.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            const prop = el.propertyName ?? el.name;
            if (tsc.isIdentifier(prop) && prop.text === 'env' && tsc.isIdentifier(el.name)) st.envNames.add(el.name.text);
          }
        }
      }
    }
  }
}

function isRequireOf(call: ts.CallExpression, modules: Set<string>): boolean {
  const a = call.arguments[0];
  return tsc.isIdentifier(call.expression) && call.expression.text === 'require' && isStringLike(a) && modules.has(a.text);
}

/** `process`, `globalThis.process`, `globalThis['process']` and local aliases of the process module. */
function isProcess(st: State, e: ts.Expression): boolean {
  e = unwrap(e);
  if (e.kind === K.Identifier) return st.processNames.has((e as ts.Identifier).text);
  if (tsc.isPropertyAccessExpression(e)) {
    const o = unwrap(e.expression);
    return e.name.text === 'process' && tsc.isIdentifier(o) && GLOBALS.has(o.text);
  }
  if (tsc.isElementAccessExpression(e)) {
    const o = unwrap(e.expression);
    return isStringLike(e.argumentExpression) && e.argumentExpression.text === 'process' && tsc.isIdentifier(o) && GLOBALS.has(o.text);
  }
  return false;
}

interface EnvObj {
  /** The node that is the environment object itself (wrappers removed). */
  node: ts.Expression;
  base: 'process.env' | 'import.meta.env';
}

/** Recognises an expression that evaluates to the environment object. */
export function envObject(st: State, expr: ts.Expression): EnvObj | undefined {
  const e = unwrap(expr);
  switch (e.kind) {
    case K.PropertyAccessExpression: {
      const pa = e as ts.PropertyAccessExpression;
      if (pa.name.text !== 'env') return undefined;
      const o = unwrap(pa.expression);
      if (o.kind === K.MetaProperty && (o as ts.MetaProperty).keywordToken === K.ImportKeyword) return { node: e, base: 'import.meta.env' };
      return isProcess(st, o) ? { node: e, base: 'process.env' } : undefined;
    }
    case K.ElementAccessExpression: {
      const ea = e as ts.ElementAccessExpression;
      const arg = ea.argumentExpression;
      return isStringLike(arg) && arg.text === 'env' && isProcess(st, ea.expression) ? { node: e, base: 'process.env' } : undefined;
    }
    case K.Identifier:
      return st.envNames.size && st.envNames.has((e as ts.Identifier).text) ? { node: e, base: 'process.env' } : undefined;
    default:
      return undefined;
  }
}

interface Member {
  node: ts.Expression;
  obj: EnvObj;
  key?: string;
  keySpan: Span;
  via: string;
}

/** `E.X` / `E['X']` / `E[k]` on the environment object E. */
function envMember(st: State, expr: ts.Expression): Member | undefined {
  const e = unwrap(expr);
  if (e.kind === K.PropertyAccessExpression) {
    const pa = e as ts.PropertyAccessExpression;
    const obj = envObject(st, pa.expression);
    if (!obj || pa.name.kind !== K.Identifier) return undefined;
    return { node: e, obj, key: pa.name.text, keySpan: spanOf(st, pa.name), via: `${obj.base}.X` };
  }
  if (e.kind === K.ElementAccessExpression) {
    const ea = e as ts.ElementAccessExpression;
    const obj = envObject(st, ea.expression);
    if (!obj) return undefined;
    const arg = ea.argumentExpression;
    if (isStringLike(arg)) return { node: e, obj, key: arg.text, keySpan: spanOf(st, arg), via: `${obj.base}['X']` };
    return { node: e, obj, keySpan: spanOf(st, arg), via: `${obj.base}[...]` };
  }
  return undefined;
}

function consume(st: State, m: Member | EnvObj): void {
  st.consumed.add(m.node);
  if ('obj' in m) st.consumed.add(m.obj.node);
}

/** The statement itself when `node` is the whole expression of an expression statement. */
function ownStatement(ctx: Ctx, node: ts.Node): ts.Node | undefined {
  const s = ctx.stmt;
  return s && s.kind === K.ExpressionStatement && (s as ts.ExpressionStatement).expression === node ? s : undefined;
}

function isAssignmentOp(op: ts.SyntaxKind): boolean {
  return op >= K.FirstAssignment && op <= K.LastAssignment;
}

/** Entry point from the walker for the node kinds that can start an environment form. */
export function visitEnv(st: State, node: ts.Node, ctx: Ctx): void {
  if (!st.envPossible || st.consumed.has(node)) return;
  switch (node.kind) {
    case K.PropertyAccessExpression:
    case K.ElementAccessExpression: {
      const obj = envObject(st, node as ts.Expression);
      if (obj && obj.node === node) {
        consume(st, obj);
        emitEnv(st, ctx, 'reference', obj.base, spanOf(st, node), {});
        return;
      }
      const m = envMember(st, node as ts.Expression);
      if (m && m.node === node) {
        consume(st, m);
        emitEnv(st, ctx, 'read', m.via, spanOf(st, node), { key: m.key, keySpan: m.keySpan });
      }
      return;
    }
    case K.BinaryExpression:
      return binary(st, node as ts.BinaryExpression, ctx);
    case K.DeleteExpression: {
      const m = envMember(st, (node as ts.DeleteExpression).expression);
      if (!m) return;
      consume(st, m);
      const own = ownStatement(ctx, node);
      emitEnv(st, ctx, 'delete', `delete ${m.via}`, spanOf(st, own ?? node), { key: m.key, keySpan: m.keySpan }, !!own);
      return;
    }
    case K.PrefixUnaryExpression: {
      const p = node as ts.PrefixUnaryExpression;
      const inner = p.operator === K.ExclamationToken ? unwrap(p.operand) : undefined;
      if (inner && tsc.isBinaryExpression(inner) && inner.operatorToken.kind === K.InKeyword && containsForm(st, inner, ctx, spanOf(st, node), true)) st.consumed.add(inner);
      return;
    }
    case K.VariableDeclaration:
      return destructuring(st, node as ts.VariableDeclaration, ctx);
    case K.SpreadAssignment:
    case K.JsxSpreadAttribute: {
      const obj = envObject(st, (node as ts.SpreadAssignment).expression);
      if (!obj) return;
      consume(st, obj);
      emitEnv(st, ctx, 'copy', `{ ...${obj.base} }`, spanOf(st, node), {});
      return;
    }
    case K.CallExpression:
      return call(st, node as ts.CallExpression, ctx);
  }
}

function binary(st: State, b: ts.BinaryExpression, ctx: Ctx): void {
  const op = b.operatorToken.kind;
  if (isAssignmentOp(op)) {
    const m = envMember(st, b.left);
    if (!m) return;
    consume(st, m);
    const own = ownStatement(ctx, b);
    emitEnv(st, ctx, 'write', `${m.via} = ...`, spanOf(st, own ?? b), { key: m.key, keySpan: m.keySpan, valueSpan: spanOf(st, b.right) }, !!own);
  } else if (op === K.InKeyword) {
    containsForm(st, b, ctx, spanOf(st, b), false);
  } else if (op === K.QuestionQuestionToken || op === K.BarBarToken) {
    // `process.env.X ?? 'd'` is the TS spelling of a read with a default.
    const m = envMember(st, b.left);
    if (!m) return;
    consume(st, m);
    emitEnv(st, ctx, 'read', m.via, spanOf(st, m.node), { key: m.key, keySpan: m.keySpan, defaultSpan: spanOf(st, b.right) });
  }
}

function containsForm(st: State, b: ts.BinaryExpression, ctx: Ctx, span: Span, negated: boolean): boolean {
  const obj = envObject(st, b.right);
  if (!obj) return false;
  consume(st, obj);
  const left = unwrap(b.left);
  const key = isStringLike(left) ? { key: left.text, keySpan: spanOf(st, left) } : { keySpan: spanOf(st, left) };
  emitEnv(st, ctx, 'contains', `'X' in ${obj.base}`, span, { ...key, negated });
  return true;
}

/** `const { A, B: b, C = 'd', ...rest } = process.env`: one access per key, each spanning the statement. */
function destructuring(st: State, d: ts.VariableDeclaration, ctx: Ctx): void {
  if (!d.initializer || !tsc.isObjectBindingPattern(d.name)) return;
  const obj = envObject(st, d.initializer);
  if (!obj) return;
  consume(st, obj);
  const stmt = ctx.stmt;
  const whole = stmt && tsc.isVariableStatement(stmt) && stmt.declarationList.declarations.length === 1 ? stmt : undefined;
  const span = spanOf(st, whole ?? d);
  const via = `destructuring from ${obj.base}`;
  for (const el of d.name.elements) {
    if (el.dotDotDotToken) {
      emitEnv(st, ctx, 'copy', via, span, {}, !!whole);
      continue;
    }
    const prop = el.propertyName ?? el.name;
    const extra: { key?: string; keySpan: Span; defaultSpan?: Span } = { keySpan: spanOf(st, prop) };
    if (tsc.isIdentifier(prop) || isStringLike(prop)) extra.key = prop.text;
    else if (tsc.isComputedPropertyName(prop)) {
      const inner = unwrap(prop.expression);
      if (isStringLike(inner)) extra.key = inner.text;
      extra.keySpan = spanOf(st, prop.expression);
    }
    if (el.initializer) extra.defaultSpan = spanOf(st, el.initializer);
    emitEnv(st, ctx, 'read', via, span, extra, !!whole);
  }
}

function calleeText(e: ts.Expression): string | undefined {
  if (tsc.isIdentifier(e)) return e.text;
  if (tsc.isPropertyAccessExpression(e)) {
    const left = calleeText(e.expression);
    return left && `${left}.${e.name.text}`;
  }
  return undefined;
}

/** Last names of the callees `call` handles; checked first so ordinary calls cost one set lookup. */
const ENV_CALLS = new Set(['hasOwnProperty', 'hasOwn', 'call', 'assign', 'structuredClone']);

function call(st: State, c: ts.CallExpression, ctx: Ctx): void {
  const callee = unwrap(c.expression);
  const last = callee.kind === K.Identifier ? (callee as ts.Identifier).text : callee.kind === K.PropertyAccessExpression ? (callee as ts.PropertyAccessExpression).name.text : '';
  if (!ENV_CALLS.has(last)) return;
  const args = c.arguments;
  // `process.env.hasOwnProperty('X')`
  if (tsc.isPropertyAccessExpression(callee) && last === 'hasOwnProperty') {
    const obj = envObject(st, callee.expression);
    if (obj && args.length === 1) {
      consume(st, obj);
      st.consumed.add(callee);
      emitEnv(st, ctx, 'contains', `${obj.base}.hasOwnProperty('X')`, spanOf(st, c), keyOf(st, args[0]));
    }
    return;
  }
  const name = calleeText(callee);
  if (name === 'Object.hasOwn' || name === 'Object.prototype.hasOwnProperty.call') {
    const obj = args.length === 2 ? envObject(st, args[0]) : undefined;
    if (!obj) return;
    consume(st, obj);
    emitEnv(st, ctx, 'contains', `${name}(${obj.base}, 'X')`, spanOf(st, c), keyOf(st, args[1]));
  } else if (name === 'Object.assign' && args.length > 0) {
    const target = envObject(st, args[0]);
    if (target) {
      consume(st, target);
      const valueSpan = args.length > 1 ? { start: startOf(st, args[1]), end: args[args.length - 1].end } : undefined;
      emitEnv(st, ctx, 'update', `Object.assign(${target.base}, ...)`, spanOf(st, c), { valueSpan });
      return;
    }
    for (let i = 1; i < args.length; i++) {
      const obj = envObject(st, args[i]);
      if (!obj) continue;
      consume(st, obj);
      emitEnv(st, ctx, 'copy', `Object.assign(..., ${obj.base})`, spanOf(st, c), {});
    }
  } else if (name === 'structuredClone' && args.length > 0) {
    const obj = envObject(st, args[0]);
    if (!obj) return;
    consume(st, obj);
    emitEnv(st, ctx, 'copy', `structuredClone(${obj.base})`, spanOf(st, c), {});
  }
}

function keyOf(st: State, arg: ts.Expression): { key?: string; keySpan: Span } {
  const a = unwrap(arg);
  return isStringLike(a) ? { key: a.text, keySpan: spanOf(st, a) } : { keySpan: spanOf(st, a) };
}
