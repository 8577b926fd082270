import { describe, expect, it } from 'vitest';
import { facts, sliced } from './helpers';

describe('TS suppression comments', () => {
  it('parses the three scopes with rules and reasons', () => {
    const text = [
      '/* ssot-lint-ignore-file env-access, file-size -- generated module */', // 0
      'const a = 1; // ssot-lint-ignore-line env-access -- the loader needs it',
      '// ssot-lint-ignore-next-line env-access function-size -- reason here',
      'const b = process.env.B;',
      '// ssot-lint-ignore-file no-reason',
      '// ssot-lint-ignore-line',
    ].join('\n');
    expect(sliced(text, facts(text).suppressions)).toEqual([
      { scope: 'file', rules: ['env-access', 'file-size'], reason: 'generated module', span: '/* ssot-lint-ignore-file env-access, file-size -- generated module */', line: 0, targetLine: -1 },
      { scope: 'line', rules: ['env-access'], reason: 'the loader needs it', span: '// ssot-lint-ignore-line env-access -- the loader needs it', line: 1, targetLine: 1 },
      { scope: 'next-line', rules: ['env-access', 'function-size'], reason: 'reason here', span: '// ssot-lint-ignore-next-line env-access function-size -- reason here', line: 2, targetLine: 3 },
      { scope: 'file', rules: ['no-reason'], reason: '', span: '// ssot-lint-ignore-file no-reason', line: 4, targetLine: -1 },
      { scope: 'line', rules: [], reason: '', span: '// ssot-lint-ignore-line', line: 5, targetLine: 5 },
    ]);
  });

  it('next-line targets the next code line, skipping blank and comment-only lines', () => {
    const text = '// ssot-lint-ignore-next-line a -- r\n\n// why\n/* more\n   lines */ code();\n// ssot-lint-ignore-next-line b -- r\n// ssot-lint-ignore-next-line c -- r\nx();\n';
    expect(facts(text).suppressions.map((s) => [s.rules[0], s.line, s.targetLine])).toEqual([['a', 0, 4], ['b', 5, 7], ['c', 6, 7]]);
  });

  it('JSX comments work; lookalikes in strings, templates, regexes and JSX text do not count', () => {
    const text = [
      'const s = "// ssot-lint-ignore-line a -- in a string";',
      "const t = `/* ssot-lint-ignore-file b -- in a template ${x} // ssot-lint-ignore-line c -- tail */`;",
      'const r = /\\/\\/ ssot-lint-ignore-line d -- regex/;',
      'const j = <p>// ssot-lint-ignore-line e -- jsx text</p>;',
      'const k = <p title="// ssot-lint-ignore-line f -- attribute">{/* ssot-lint-ignore-line g -- real */}</p>;',
    ].join('\n');
    expect(facts(text, 'a.tsx').suppressions.map((s) => [s.rules, s.reason, s.line])).toEqual([[['g'], 'real', 4]]);
  });

  it('the directive must open the comment, and a longer word is not a directive', () => {
    const text = '// see ssot-lint-ignore-line a -- r\n// ssot-lint-ignore-lines a -- r\n/** ssot-lint-ignore-file a -- doc style */\n';
    expect(facts(text).suppressions.map((s) => [s.scope, s.rules, s.reason])).toEqual([['file', ['a'], 'doc style']]);
  });

  it('CRLF files give the same lines', () => {
    const text = 'x();\r\n// ssot-lint-ignore-next-line a -- r\r\ny();\r\n';
    expect(facts(text).suppressions.map((s) => [s.line, s.targetLine, text.slice(s.span.start, s.span.end)])).toEqual([[1, 2, '// ssot-lint-ignore-next-line a -- r']]);
  });
});
