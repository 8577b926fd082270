/** Front-end bugs found by the fuzzer (test/fuzz), each reduced to its smallest input. */
import { describe, expect, it } from 'vitest';
import { computeLines } from '../../../shared-rules/src/lang/ts/text';
import { facts, slice } from './helpers';

function reversedSpans(node: unknown, out: string[] = [], where = ''): string[] {
  if (typeof node !== 'object' || node === null) return out;
  const o = node as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && o.start > o.end) out.push(`${where} ${o.start}-${o.end}`);
  for (const [k, v] of Object.entries(o)) reversedSpans(v, out, `${where}.${k}`);
  return out;
}

describe('TS front end on recovered syntax (fuzz regressions)', () => {
  it('gives a name the parser had to invent a zero-width span, not start > end', () => {
    // `function` with no name, and `class extends`: the parser inserts missing identifiers.
    for (const text of ['function (a) {}\n', 'export function  \n (a) { return process.env.X }', 'class  \n implements X {}', "const { [  ]: a } = process.env;\n"]) {
      const f = facts(text);
      expect(reversedSpans(f), text).toEqual([]);
    }
    const f = facts('function  \n(a) {}');
    expect(f.functions[0].nameSpan.start).toBe(f.functions[0].nameSpan.end);
  });

  it('walks the text of a statement the parser re-parsed for top-level await once, not twice', () => {
    // TypeScript re-parses statements that may contain a top-level `await`; when the re-parse
    // of broken input runs on past the next statement, the parser still appends the original
    // statements that follow, overlapping it. Walking both reported each access twice, and a
    // fix elsewhere in the file could change which copies survived (token soup, seed 7).
    const cases: [string, string[]][] = [
      ["await\nf(\nexport namespace x; const a = process.env.API_URL;\n", ['process.env.API_URL']],
      ["await\u2028f(\nexport namespace x; import('z'); 'X' in process.env\n", ["'X' in process.env"]],
    ];
    for (const [text, expected] of cases) {
      const f = facts(text);
      expect(f.envAccesses.map((a) => slice(text, a.span)), text).toEqual(expected);
      const spans = f.imports.map((i) => `${i.span.start}-${i.span.end}`);
      expect(new Set(spans).size, text).toBe(spans.length);
    }
  });

  it('inserts a new import above the last one when the rest of its line runs on to the next line', () => {
    // At the next line start the new import would land inside the array literal / comment.
    for (const text of ["import z from 'z';\nimport a from 'a'; const x = [\n  1];\n", "import z from 'z';\nimport a from 'a'; f(); g([\n  1]);\n", "import z from 'z';\nimport a from 'a' /* one\n two */\nx();\n"]) {
      expect(facts(text).importInsertOffset, text).toBe("import z from 'z';\n".length);
    }
    // The usual case is unchanged: the line after the last import.
    expect(facts("import a from 'a'; f();\nx();\n").importInsertOffset).toBe("import a from 'a'; f();\n".length);
  });

  it('counts a CR at the very end of the text as a lone CR, not half of a CRLF', () => {
    expect(computeLines('a\r\rb\r')).toEqual({ lineStarts: [0, 2, 3, 5], lineCount: 3, eol: '\r' });
    expect(computeLines('\r\r').lineStarts).toEqual([0, 1, 2]);
    expect(computeLines('x\r\n\r').lineStarts).toEqual([0, 3, 4]);
  });
});
