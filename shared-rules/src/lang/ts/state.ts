/**
 * Shared state of one TS/JS facts extraction: the walker, the declaration, import
 * and environment collectors all append to the same arrays and read the same
 * context, so it lives here rather than in any one of them (no import cycles).
 */
import type * as ts from 'typescript';
import { K } from './compiler';
import type { EnvAccess, FileFacts, Span } from '../../facts';
import { lineIndent, lineOf, skipTrivia } from './text';

// Bound once: under esModuleInterop every `ts.x` access is a getter call, and these run per node.

/** Lexical context of a node during the walk. Immutable; shared by siblings. */
export interface Ctx {
  /** Innermost statement-like ancestor (or the node itself when it is one). */
  readonly stmt: ts.Node | undefined;
  /** `stmt` is a direct child of the source file. */
  readonly stmtTop: boolean;
  /** The node being visited is a direct child of the source file. */
  readonly fileLevel: boolean;
  /** Index of the enclosing function in facts.functions, or -1. */
  readonly fn: number;
  /** Innermost lexically enclosing class (facts.classes index), or -1. */
  readonly cls: number;
  /** Class that `this` and `super` refer to here (arrow functions inherit it, function expressions reset it). */
  readonly thisClass: number;
}

/** Name and owning class for a function, decided by the node that contains it (variable, property, class member). */
export interface FnHint {
  name: string;
  nameSpan: Span;
  classIndex: number;
}

export interface State {
  readonly text: string;
  readonly sf: ts.SourceFile;
  /** The file's top-level statements without the stale copies the parser can leave behind (see topLevelStatements). */
  readonly statements: readonly ts.Statement[];
  readonly lineStarts: number[];
  readonly facts: FileFacts;
  /** Nodes whose facts a parent already emitted (e.g. the `process.env.X` of `process.env.X = v`). */
  readonly consumed: Set<ts.Node>;
  readonly hints: Map<ts.Node, FnHint>;
  /** Flat [start, end, ...] of literal tokens, so the comment scan can skip them; null when the file has no suppression marker. */
  readonly literals: number[] | null;
  /** Local names bound to the `process` object (`process` itself and imports of 'process'). */
  readonly processNames: Set<string>;
  /** Local names bound to `process.env` (`import { env } from 'process'`). */
  readonly envNames: Set<string>;
  /** False when the text never says `env`, so no node can be an environment access. */
  readonly envPossible: boolean;
  /** Per class: `this.X` names in first-seen order. */
  readonly selfAttrs: Set<string>[];
}

/**
 * `sf.statements` minus any statement that starts inside an earlier one. TypeScript
 * re-parses statements that may contain a top-level `await`; when a re-parsed statement
 * runs on to the end of the file (broken input), the parser still appends the original
 * statements that follow, so they overlap the re-parsed one and their text would be
 * walked twice: every environment access, import or call in it reported twice, and a fix
 * elsewhere could change which copy survives (found by token-soup fuzzing). The re-parsed
 * statement covers that text already.
 */
export function topLevelStatements(sf: ts.SourceFile): readonly ts.Statement[] {
  const all = sf.statements;
  let end = -1;
  let kept: ts.Statement[] | undefined;
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    if (s.pos < end) {
      kept ??= all.slice(0, i);
      continue;
    }
    kept?.push(s);
    end = s.end;
  }
  return kept ?? all;
}

export function startOf(st: State, node: ts.Node): number {
  if (node.kind === K.JsxText) return node.pos;
  // A node the parser invented to recover (a missing name) is zero-width: skipping the
  // trivia after it would put its start past its end. TS's own getStart returns pos there.
  return Math.min(skipTrivia(st.text, node.pos), node.end);
}

export function spanOf(st: State, node: ts.Node): Span {
  return { start: startOf(st, node), end: node.end };
}

export function lineAt(st: State, offset: number): number {
  return lineOf(st.lineStarts, offset);
}

/** Removes wrappers that do not change the value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    switch (e.kind) {
      case K.ParenthesizedExpression:
      case K.AsExpression:
      case K.SatisfiesExpression:
      case K.NonNullExpression:
      case K.TypeAssertionExpression:
        e = (e as ts.ParenthesizedExpression).expression;
        break;
      default:
        return e;
    }
  }
}

/** Property/element name as a string: identifiers, private names, string and numeric literals; computed names as written. */
export function propName(st: State, name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  switch (name.kind) {
    case K.Identifier:
    case K.PrivateIdentifier:
    case K.StringLiteral:
    case K.NumericLiteral:
    case K.NoSubstitutionTemplateLiteral:
      return (name as ts.Identifier).text;
    default:
      return st.text.slice(startOf(st, name), name.end).replace(/\s+/g, ' ');
  }
}

/** A string literal or a template without substitutions (both have a literal value). */
export function isStringLike(n: ts.Node | undefined): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return !!n && (n.kind === K.StringLiteral || n.kind === K.NoSubstitutionTemplateLiteral);
}

type EnvExtra = Partial<Pick<EnvAccess, 'key' | 'keySpan' | 'defaultSpan' | 'valueSpan' | 'negated'>>;

/** Appends an EnvAccess with the enclosing-statement fields filled from the context. */
export function emitEnv(st: State, ctx: Ctx, kind: EnvAccess['kind'], via: string, span: Span, extra: EnvExtra, statement = false): void {
  const stmtSpan = statement ? span : ctx.stmt ? spanOf(st, ctx.stmt) : span;
  const { indent, ownLine } = lineIndent(st.text, st.lineStarts, stmtSpan.start);
  // Built in field order so serialised facts read naturally; the required tail is set below.
  const a = { kind, via, span } as EnvAccess;
  if (extra.key !== undefined) a.key = extra.key;
  if (extra.keySpan) a.keySpan = extra.keySpan;
  if (extra.defaultSpan) a.defaultSpan = extra.defaultSpan;
  if (extra.valueSpan) a.valueSpan = extra.valueSpan;
  if (extra.negated) a.negated = true;
  if (statement) a.statement = true;
  a.stmtSpan = stmtSpan;
  a.stmtOwnLine = ownLine;
  a.indent = indent;
  st.facts.envAccesses.push(a);
}
