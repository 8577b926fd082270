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
    // Built on the first mock only: most files have none, and splitting every file into
    // lines was a visible share of a full check.
    let justified: RegExp[] | undefined;
    let lines: string[] | undefined;
    const seenLines = new Set<number>();
    for (const call of ctx.file.facts.calls) {
      const kind = kindOf(o, call);
      if (!kind || seenLines.has(call.line)) continue;
      justified ??= o.justifications.map((j) => new RegExp(j, 'i'));
      lines ??= ctx.file.text.split(/\r\n|\r|\n/);
      const first = logicalLineStart(lines, call.line);
      const window = lines.slice(Math.max(0, first - 3), call.line + 2).join('\n');
      if (justified.some((j) => j.test(window))) continue;
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
function logicalLineStart(lines: readonly string[], line: number): number {
  while (line > 0 && /\\$/.test(lines[line - 1])) line--;
  return line;
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
