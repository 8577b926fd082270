/**
 * TypeScript/JavaScript front end: parses one file with the TypeScript parser (no
 * program, no type checker, no parent pointers) and fills FileFacts in a single
 * iterative walk, so arbitrarily deep ASTs cannot overflow the stack here. The
 * parser itself is recursive; input it cannot handle yields text-only facts plus a
 * syntax error instead of an exception.
 */
import type * as ts from 'typescript';
import { K, tsc, typescript, whenLoaded } from './compiler';
import type { CallFact, FileFacts, Language } from '../../facts';
import { MARKER, parseSuppressions, scanComments, scanCommentsLexically } from './comments';
import { classFact, functionFact, hintAssignedFunction, hintDefaultExport, selfAttribute, superCall } from './decls';
import { collectEnvAliases, visitEnv } from './env';
import { exportDeclaration, importDeclaration, importEquals, requireCall, requireDeclaration } from './imports';
import { type Ctx, type State, lineAt, spanOf, startOf, topLevelStatements } from './state';
import { computeLines, lineOf } from './text';

// Bound once: under esModuleInterop every `ts.x` access is a getter call.

const CALLS_OF_INTEREST = new Set([
  'main', 'Mock', 'MagicMock', 'AsyncMock', 'PropertyMock', 'patch', 'object', 'dict', 'multiple', 'run_tests', 'execute_tests',
  'run_test_suite', 'create_async_engine', 'sessionmaker', 'async_sessionmaker', 'AsyncSession', 'mock', 'fn', 'spyOn',
]);

const IPV4 = /(?:^|[^\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/;

let SCRIPT_KINDS: Record<string, [ts.ScriptKind, Language]>;
/** Node kinds that delimit "the enclosing statement" of an environment access (class fields included). */
let STATEMENT_LIKE: Uint8Array;
let forEachChild: typeof ts.forEachChild;

whenLoaded(() => {
  forEachChild = tsc.forEachChild;
  SCRIPT_KINDS = {
    ts: [tsc.ScriptKind.TS, 'typescript'],
    mts: [tsc.ScriptKind.TS, 'typescript'],
    cts: [tsc.ScriptKind.TS, 'typescript'],
    tsx: [tsc.ScriptKind.TSX, 'typescript'],
    js: [tsc.ScriptKind.JS, 'javascript'],
    mjs: [tsc.ScriptKind.JS, 'javascript'],
    cjs: [tsc.ScriptKind.JS, 'javascript'],
    jsx: [tsc.ScriptKind.JSX, 'javascript'],
  };
  STATEMENT_LIKE = new Uint8Array(K.Count);
  for (let k = K.FirstStatement; k <= K.LastStatement; k++) STATEMENT_LIKE[k] = 1;
  for (const k of [K.FunctionDeclaration, K.ClassDeclaration, K.InterfaceDeclaration, K.TypeAliasDeclaration, K.EnumDeclaration, K.ModuleDeclaration,
    K.ImportEqualsDeclaration, K.ImportDeclaration, K.ExportAssignment, K.ExportDeclaration, K.PropertyDeclaration]) STATEMENT_LIKE[k] = 1;
});

export function extractTsFacts(text: string, fileName: string): FileFacts {
  typescript();
  const dot = fileName.lastIndexOf('.');
  const [scriptKind, language] = SCRIPT_KINDS[fileName.slice(dot + 1).toLowerCase()] ?? SCRIPT_KINDS.ts;
  const lines = computeLines(text);
  const facts: FileFacts = {
    language,
    lineCount: lines.lineCount,
    lineStarts: lines.lineStarts,
    imports: [],
    classes: [],
    functions: [],
    envAccesses: [],
    suppressions: [],
    calls: [],
    strings: [],
    importInsertOffset: 0,
    eol: lines.eol,
    syntaxErrors: [],
  };
  const hasMarker = text.includes(MARKER);
  let sf: ts.SourceFile;
  try {
    // JSDoc bodies are never read here; skipping their parse makes doc-heavy files (.d.ts) ~40% faster.
    sf = tsc.createSourceFile(fileName, text, { languageVersion: tsc.ScriptTarget.Latest, jsDocParsingMode: tsc.JSDocParsingMode.ParseNone }, false, scriptKind);
  } catch (e) {
    // The parser recurses per nesting level; ~1000 nested parentheses exhaust the stack.
    facts.syntaxErrors.push({ message: `Could not parse (${e instanceof RangeError ? 'nesting too deep' : String(e)}); only line and comment facts are available`, span: { start: 0, end: text.length } });
    if (hasMarker) {
      const variant = scriptKind === tsc.ScriptKind.TS ? tsc.LanguageVariant.Standard : tsc.LanguageVariant.JSX;
      facts.suppressions = parseSuppressions(text, lines.lineStarts, scanCommentsLexically(text, variant));
    }
    return facts;
  }
  const st: State = {
    text, sf, statements: topLevelStatements(sf), lineStarts: lines.lineStarts, facts, consumed: new Set(), hints: new Map(), literals: hasMarker ? [] : null,
    processNames: new Set(['process']), envNames: new Set(), selfAttrs: [], envPossible: text.includes('env'),
  };
  if (st.envPossible) collectEnvAliases(st);
  walk(st);
  facts.classes.forEach((c, i) => (c.selfAttributes = [...st.selfAttrs[i]]));
  // Aliased imports are recorded before the walk; keep the list in text order.
  facts.envAccesses.sort((a, b) => a.span.start - b.span.start);
  if (st.literals) facts.suppressions = parseSuppressions(text, lines.lineStarts, scanComments(text, st.literals));
  facts.importInsertOffset = importInsertOffset(st);
  for (const d of (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? []) {
    facts.syntaxErrors.push({ message: tsc.flattenDiagnosticMessageText(d.messageText, '\n'), span: { start: d.start, end: d.start + d.length } });
  }
  return facts;
}

function walk(st: State): void {
  const nodes: ts.Node[] = [];
  const ctxs: Ctx[] = [];
  let childCtx: Ctx;
  // A closure allocated once; forEachChild stops early on a truthy return, so return nothing.
  const pushChild = (c: ts.Node): undefined => {
    nodes.push(c);
    ctxs.push(childCtx);
    return undefined;
  };
  const root: Ctx = { stmt: undefined, stmtTop: false, fileLevel: true, fn: -1, cls: -1, thisClass: -1 };
  const stmts = st.statements;
  for (let i = stmts.length - 1; i >= 0; i--) {
    nodes.push(stmts[i]);
    ctxs.push(root);
  }
  while (nodes.length) {
    const node = nodes.pop()!;
    const ctx = ctxs.pop()!;
    const k = node.kind;
    let here = ctx;
    if (STATEMENT_LIKE[k]) here = { stmt: node, stmtTop: ctx.fileLevel, fileLevel: false, fn: ctx.fn, cls: ctx.cls, thisClass: ctx.thisClass };
    childCtx = here;
    switch (k) {
      case K.ImportDeclaration:
        importDeclaration(st, node as ts.ImportDeclaration, here);
        break;
      case K.ExportDeclaration:
        exportDeclaration(st, node as ts.ExportDeclaration, here);
        break;
      case K.ImportEqualsDeclaration:
        importEquals(st, node as ts.ImportEqualsDeclaration, here);
        break;
      case K.ExportAssignment:
        hintDefaultExport(st, node as ts.ExportAssignment);
        break;
      case K.ClassDeclaration:
      case K.InterfaceDeclaration:
      case K.TypeAliasDeclaration:
      case K.EnumDeclaration: {
        const idx = classFact(st, node as ts.ClassDeclaration, here);
        childCtx = { ...here, cls: idx, thisClass: k === K.ClassDeclaration ? idx : here.thisClass };
        break;
      }
      case K.ClassExpression:
        // Not a declaration fact, but its `this` is not the enclosing class's.
        childCtx = { ...here, thisClass: -1 };
        break;
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.ArrowFunction:
      case K.MethodDeclaration:
      case K.Constructor:
      case K.GetAccessor:
      case K.SetAccessor: {
        const idx = functionFact(st, node as ts.FunctionLikeDeclaration, here);
        // Arrows keep `this`; other functions bind their own (methods of object literals included).
        const thisClass = k === K.ArrowFunction || (k !== K.FunctionDeclaration && k !== K.FunctionExpression && st.hints.get(node)?.classIndex === here.thisClass) ? here.thisClass : -1;
        childCtx = { ...here, fn: idx >= 0 ? idx : here.fn, thisClass };
        break;
      }
      case K.VariableDeclaration: {
        const d = node as ts.VariableDeclaration;
        hintAssignedFunction(st, d.name, d.initializer);
        requireDeclaration(st, d, here);
        visitEnv(st, node, here);
        break;
      }
      case K.PropertyAssignment:
        hintAssignedFunction(st, (node as ts.PropertyAssignment).name, (node as ts.PropertyAssignment).initializer);
        break;
      case K.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind === K.EqualsToken) hintAssignedFunction(st, b.left, b.right);
        visitEnv(st, node, here);
        break;
      }
      case K.PropertyAccessExpression:
      case K.ElementAccessExpression:
        selfAttribute(st, node as ts.PropertyAccessExpression, here);
        visitEnv(st, node, here);
        break;
      case K.CallExpression: {
        const c = node as ts.CallExpression;
        if (!st.consumed.has(c)) requireCall(st, c, here);
        superCall(st, c, here);
        callOfInterest(st, c);
        visitEnv(st, node, here);
        break;
      }
      case K.NewExpression:
        callOfInterest(st, node as ts.NewExpression);
        break;
      case K.DeleteExpression:
      case K.PrefixUnaryExpression:
      case K.SpreadAssignment:
      case K.JsxSpreadAttribute:
        visitEnv(st, node, here);
        break;
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
        stringLiteral(st, node);
        if (st.literals) st.literals.push(startOf(st, node), node.end);
        break;
      case K.TemplateHead:
      case K.TemplateMiddle:
      case K.TemplateTail:
      case K.RegularExpressionLiteral:
      case K.JsxText:
        if (st.literals) st.literals.push(startOf(st, node), node.end);
        break;
    }
    const before = nodes.length;
    forEachChild(node, pushChild);
    // Children were pushed in source order; reverse them so they pop in source order.
    for (let i = before, j = nodes.length - 1; i < j; i++, j--) {
      const n = nodes[i];
      nodes[i] = nodes[j];
      nodes[j] = n;
      const c = ctxs[i];
      ctxs[i] = ctxs[j];
      ctxs[j] = c;
    }
  }
}

/** `jest.fn()`, `vi.spyOn(...)`, `new MagicMock()`: callee is a plain name chain whose last name is of interest. */
function callOfInterest(st: State, c: ts.CallExpression | ts.NewExpression): void {
  const e = c.expression;
  const last = e.kind === K.Identifier ? (e as ts.Identifier).text : e.kind === K.PropertyAccessExpression ? (e as ts.PropertyAccessExpression).name.text : undefined;
  if (last === undefined || !CALLS_OF_INTEREST.has(last)) return;
  const parts: string[] = [];
  let cur: ts.Expression = e;
  while (cur.kind === K.PropertyAccessExpression) {
    const pa = cur as ts.PropertyAccessExpression;
    if (pa.name.kind !== K.Identifier) return;
    parts.push(pa.name.text);
    cur = pa.expression;
  }
  if (cur.kind !== K.Identifier) return;
  parts.push((cur as ts.Identifier).text);
  const span = spanOf(st, c);
  const args = c.arguments;
  let open = args ? args.pos - 1 : c.end;
  if (args && st.text.charCodeAt(open) !== 40) open = st.text.lastIndexOf('(', args.pos);
  const fact: CallFact = {
    callee: parts.reverse().join('.'),
    span,
    argsSpan: args ? { start: open, end: c.end } : { start: c.end, end: c.end },
    line: lineAt(st, span.start),
    empty: !args || args.length === 0,
  };
  st.facts.calls.push(fact);
}

function stringLiteral(st: State, node: ts.Node): void {
  // Test the decoded value first (no allocation); most literals are neither URLs nor addresses.
  const decoded = (node as ts.StringLiteral).text;
  if (!decoded.includes('://') && !(decoded.includes('.') && IPV4.test(decoded))) return;
  const start = startOf(st, node);
  // Raw text between the delimiters: escapes stay as written.
  const value = st.text.slice(start + 1, node.end - 1);
  st.facts.strings.push({ value, span: { start, end: node.end }, line: lineAt(st, start) });
}

/** After the last top-level import; else after the shebang, detached leading comments and directive prologue. */
function importInsertOffset(st: State): number {
  const { statements, text, lineStarts } = st;
  const lineAfter = (offset: number): number => {
    const l = lineOf(lineStarts, offset > 0 ? offset - 1 : 0) + 1;
    return l < lineStarts.length ? lineStarts[l] : text.length;
  };
  let lastImport = -1;
  let importStart = -1;
  let following = -1; // index of the first statement after the last import
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.kind === K.ImportDeclaration || (s.kind === K.ImportEqualsDeclaration && tsc.isExternalModuleReference((s as ts.ImportEqualsDeclaration).moduleReference))) {
      lastImport = s.end;
      importStart = startOf(st, s);
      following = i + 1;
    }
  }
  if (lastImport >= 0) {
    const at = lineAfter(lastImport);
    // A statement or block comment that starts on the import's line and runs on past it
    // (`import a from 'a'; const x = [` + newline + `1];`): a line inserted at the next line
    // start would land inside it. Insert above the import's line instead, when the import
    // begins that line (splicing in after the import is not safe: it may lack its `;`).
    const comments = tsc.getTrailingCommentRanges(text, lastImport) ?? [];
    let runsOn = comments.some((c) => c.end > at);
    for (let i = following; !runsOn && i < statements.length && startOf(st, statements[i]) < at; i++) runsOn = statements[i].end > at;
    const ownLine = lineStarts[lineOf(lineStarts, importStart)];
    return runsOn && text.slice(ownLine, importStart).trim() === '' ? ownLine : at;
  }
  let lastDirective = -1;
  for (const s of statements) {
    if (s.kind !== K.ExpressionStatement || (s as ts.ExpressionStatement).expression.kind !== K.StringLiteral) break;
    lastDirective = s.end;
  }
  if (lastDirective >= 0) return lineAfter(lastDirective);
  let at = text.startsWith('#!') ? lineAfter(1) : 0;
  // A leading comment is skipped only when a blank line detaches it from what follows (a license
  // header); a doc comment or suppression directly above the first statement stays with it.
  const first = statements.length ? startOf(st, statements[0]) : -1;
  const ranges = tsc.getLeadingCommentRanges(text, at) ?? [];
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    if (first >= 0 && r.pos >= first) break;
    const next = i + 1 < ranges.length ? ranges[i + 1].pos : first >= 0 ? first : text.length;
    if (first < 0 || lineOf(lineStarts, next) - lineOf(lineStarts, r.end - 1) >= 2) at = lineAfter(r.end);
  }
  return at;
}
