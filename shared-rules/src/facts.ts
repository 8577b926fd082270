/**
 * FileFacts: what the front ends extract from one file and what rules read.
 *
 * Plain data only (no functions, no AST nodes) so that facts can be serialised and
 * cached by content hash. All positions are UTF-16 code-unit offsets into the file's
 * text as a JS string (the same unit LSP uses for columns); lines are 0-based.
 */

export type Language = 'python' | 'typescript' | 'javascript';

/** Half-open range of UTF-16 offsets into the text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface ImportedName {
  /** Imported name: `x` in `from m import x`, the dotted module in `import a.b`; `*` for star imports; `default` for TS default imports. */
  name: string;
  /** Local alias (`as y`), when given. */
  alias?: string;
  span: Span;
}

export interface ImportFact {
  /** `import a.b` (python) | `from m import x` (python) / ES `import ... from 'm'` | `export ... from 'm'` | `require('m')`, `import x = require('m')`, `import('m')`. */
  kind: 'import' | 'from' | 'export-from' | 'require';
  /** Module as written, without the leading dots of a Python relative import; for TS the specifier string. */
  module: string;
  /** Python: number of leading dots (0 = absolute). TS: always 0. */
  level: number;
  names: ImportedName[];
  /** Whole statement. */
  span: Span;
  /** The module part (`..a.b` / the specifier including quotes). */
  moduleSpan: Span;
  /** 0-based line of the statement start. */
  line: number;
  /** TS `import type`. */
  typeOnly?: boolean;
  /** Python: the import is at module top level (not inside a def/class/if/try). */
  topLevel: boolean;
}

export interface BaseClassRef {
  /** Source text of the base expression, whitespace-normalised (`unittest.TestCase`, `Generic[T]`, `metaclass=ABCMeta`). */
  text: string;
  span: Span;
  /** `metaclass=...` and other keyword arguments. */
  keyword?: boolean;
}

export interface DecoratorFact {
  /** Source text after `@`, whitespace-normalised (`patch('x.y')`, `pytest.mark.asyncio`). */
  text: string;
  span: Span;
  line: number;
}

export interface FunctionFact {
  name: string;
  nameSpan: Span;
  isAsync: boolean;
  /** Span of the `def` keyword (or `async`) to the end of the last body token. */
  span: Span;
  /** 0-based line of `def` (python: `node.lineno - 1`). */
  defLine: number;
  /** Python: the parameter list between the parentheses (exclusive). */
  paramsSpan: Span;
  decorators: DecoratorFact[];
  /**
   * Lines counted the way the reference checker counts (spec 3.0): from the first
   * body statement that is not a docstring to the end line of the last body
   * statement, inclusive; 0 when the body is only a docstring.
   */
  bodyLines: number;
  /** Offset where the first non-docstring body statement starts (python), or -1 for a one-line body. */
  bodyStart: number;
  /** Indentation string of the body statements (python), '' for a one-line body. */
  bodyIndent: string;
  /** Index into FileFacts.classes of the class this is a method of (directly), or -1. */
  classIndex: number;
  /** Index into FileFacts.functions of the enclosing function, or -1. */
  parentFunction: number;
}

export interface ClassFact {
  name: string;
  nameSpan: Span;
  span: Span;
  /** 0-based line of the `class` keyword. */
  line: number;
  endLine: number;
  bases: BaseClassRef[];
  /** The parenthesised base list including parentheses, or an empty span right after the name when there is none. */
  basesSpan: Span;
  decorators: DecoratorFact[];
  /** Attribute names used on `self` inside the class body (`self.addCleanup(...)` gives `addCleanup`). */
  selfAttributes: string[];
  /** `super().name(...)` calls inside the class body. */
  superCalls: { method: string; span: Span }[];
  /** Index into FileFacts.classes of the enclosing class, or -1. */
  parentClass: number;
  /** TS: `interface` / `type` alias / `class` / `enum`; python: `class`. */
  kind: 'class' | 'interface' | 'type' | 'enum';
  exported?: boolean;
}

export type EnvAccessKind =
  | 'read' // os.environ['X'], process.env.X, os.environ.get('X'), os.getenv('X')
  | 'write' // os.environ['X'] = v, os.putenv
  | 'delete' // del os.environ['X']
  | 'contains' // 'X' in os.environ
  | 'copy' // dict(os.environ), os.environ.copy()
  | 'pop' // os.environ.pop('X'[, d])
  | 'setdefault' // os.environ.setdefault('X', d)
  | 'update' // os.environ.update(m)
  | 'clear' // os.environ.clear()
  | 'import' // from os import environ / getenv
  | 'patch' // patch.dict(os.environ, ...)
  | 'reference'; // any other use of the environment object (passed along, iterated, destructured)

export interface EnvAccess {
  kind: EnvAccessKind;
  /** Human label of the source form, e.g. `os.environ[...]`, `os.getenv()`, `process.env.X`. */
  via: string;
  /** The expression to replace; for statement forms (write, delete, setdefault as a statement) the whole statement. */
  span: Span;
  /** Literal key when the key is a string literal (or a TS property name). */
  key?: string;
  /** Key expression as written (including quotes). */
  keySpan?: Span;
  /** Second argument of get/getenv/pop/setdefault. */
  defaultSpan?: Span;
  /** Assigned value (write, putenv), the mapping of update(). */
  valueSpan?: Span;
  /** `not in` for contains. */
  negated?: boolean;
  /** True when `span` is a whole simple statement on its own logical line. */
  statement?: boolean;
  /** Enclosing simple statement (same as span when statement is true). */
  stmtSpan: Span;
  /** True when the enclosing statement starts its own logical line (not after `:` or `;`). */
  stmtOwnLine: boolean;
  /** Indentation of the enclosing statement's line. */
  indent: string;
  /** Python `os.environ['X']` reads raise KeyError when absent; the canonical get does not. */
  raisesKeyError?: boolean;
}

export type SuppressionScope = 'line' | 'next-line' | 'file';

export interface Suppression {
  scope: SuppressionScope;
  /** Rule ids listed; empty means the comment named none (which is invalid). */
  rules: string[];
  /** Text after `--`, trimmed; '' when missing. */
  reason: string;
  /** The comment itself. */
  span: Span;
  /** 0-based line of the comment. */
  line: number;
  /** The 0-based line the suppression applies to (line scope: its own line; next-line: the next code line; file: -1). */
  targetLine: number;
}

/** A call of interest (direct test runners, mocks): callee text as written, e.g. `pytest.main`, `MagicMock`. */
export interface CallFact {
  callee: string;
  span: Span;
  /** Span of the argument list including parentheses. */
  argsSpan: Span;
  line: number;
  /** The call has no arguments. */
  empty: boolean;
}

export interface StringLiteralFact {
  /** Decoded-enough value (escapes left as written; no f-string parts). */
  value: string;
  span: Span;
  line: number;
}

export interface FileFacts {
  language: Language;
  /** Number of lines as Python's `readlines()` counts them (spec 3.0). */
  lineCount: number;
  /** Offsets where each line starts (line 0 starts at 0). Used for offset<->position conversion. */
  lineStarts: number[];
  imports: ImportFact[];
  classes: ClassFact[];
  functions: FunctionFact[];
  envAccesses: EnvAccess[];
  suppressions: Suppression[];
  calls: CallFact[];
  strings: StringLiteralFact[];
  /**
   * Offset where a new top-level import belongs: after a shebang / encoding line, the
   * module docstring and `from __future__` imports (python); after the leading
   * comments and directives such as 'use client' (TS).
   */
  importInsertOffset: number;
  /** Newline sequence used by the file (first one seen), '\n' when none. */
  eol: string;
  /** The front end recovered from a syntax error; facts may be partial. */
  syntaxErrors: { message: string; span: Span }[];
}
