/**
 * mock-justification: every mock (`Mock()`, `MagicMock(spec=X)`, `@patch(...)`,
 * `patch.object(...)` as decorator or context manager) carries a justification comment
 * within the three lines above it or the line below: `# Mock justification: ...`,
 * `# Justification: ...`, `@mock_justified(...)` or a one-line docstring mentioning a
 * justification (the reference checker's forms, spec 3.10). The fix inserts a template
 * above the statement; it is unsafe (never applied by --fix): a reason written by a
 * tool is not a reason.
 */
import type { CallFact } from '../facts';
import type { Rule, RuleContext } from '../types';

interface Options {
  mockClasses: string[];
  patchers: string[];
  justifications: string[];
  template: string;
}

export const mockJustification: Rule = {
  meta: {
    id: 'mock-justification',
    tag: 'testing',
    summary: 'Mocks and patches carry a justification comment.',
    defaultSeverity: 'warning',
    languages: ['python'],
    fixable: false,
    defaultOptions: {
      mockClasses: ['Mock', 'MagicMock', 'AsyncMock', 'PropertyMock', 'NonCallableMock', 'NonCallableMagicMock'],
      patchers: ['patch', 'patch.object', 'patch.dict', 'patch.multiple', 'mock.patch', 'mock.patch.object', 'mock.patch.dict', 'mock.patch.multiple', 'unittest.mock.patch', 'unittest.mock.patch.object', 'unittest.mock.patch.dict'],
      justifications: ['#\\s*(mock\\s+)?justification\\s*:', '@mock_justified\\b', '"""[^\\n]*justification[^\\n]*"""'],
      template: 'Mock justification: TODO say why a real dependency cannot be used here',
    },
  },
  check(ctx) {
    const o = ctx.options as unknown as Options;
    // Built on the first mock only: most files have none. Lines are cut from the text as
    // the window needs them: splitting a whole test file into lines was ~0.5% of a cold
    // scan of the generated monorepo (36k mocks).
    let justified: RegExp[] | undefined;
    const { facts } = ctx.file;
    const line = (i: number) => lineText(ctx.file.text, facts.lineStarts, i);
    const seenLines = new Set<number>();
    for (const call of facts.calls) {
      const kind = kindOf(o, call);
      if (!kind || seenLines.has(call.line)) continue;
      justified ??= o.justifications.map((j) => new RegExp(j, 'i'));
      const first = logicalLineStart(line, call.line);
      const window: string[] = [];
      for (let i = Math.max(0, first - 3); i < Math.min(call.line + 2, facts.lineStarts.length); i++) window.push(line(i));
      if (justified.some((j) => j.test(window.join('\n')))) continue;
      seenLines.add(call.line);
      report(ctx, o, call, kind, first);
    }
  },
};

function kindOf(o: Options, call: CallFact): string | undefined {
  const last = call.callee.slice(call.callee.lastIndexOf('.') + 1);
  if (o.mockClasses.includes(last) && (call.callee === last || /^(unittest\.)?mock\./.test(call.callee))) return `${call.callee}()`;
  if (o.patchers.includes(call.callee)) return `${call.callee}(...)`;
  return undefined;
}

/**
 * First physical line of the backslash-continued logical line holding `line`: a comment
 * line cannot go between `\` and its continuation (the fix would break the syntax).
 */
function logicalLineStart(lineAt: (i: number) => string, line: number): number {
  while (line > 0 && /\\$/.test(lineAt(line - 1))) line--;
  return line;
}

/** Line i without its terminator (\n, \r\n or \r, as the line table counts them). */
function lineText(text: string, lineStarts: readonly number[], i: number): string {
  let end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length;
  if (text.charCodeAt(end - 1) === 10) end--;
  if (text.charCodeAt(end - 1) === 13) end--;
  return text.slice(lineStarts[i], end);
}

function report(ctx: RuleContext, o: Options, call: CallFact, what: string, line: number): void {
  const { text, facts } = ctx.file;
  const lineStart = facts.lineStarts[line];
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const message = `${what} without a justification: say why a real dependency cannot be used (# Mock justification: ...)`;
  ctx.report({
    span: { start: call.span.start, end: call.argsSpan.start },
    message,
    fixes: [{ title: 'Add a justification comment template', edits: [{ start: lineStart, end: lineStart, newText: `${indent}# ${o.template}${facts.eol}` }], safe: false }],
  });
}
