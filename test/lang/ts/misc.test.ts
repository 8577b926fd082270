import { describe, expect, it } from 'vitest';
import { facts, sliced } from './helpers';

describe('TS calls of interest and strings', () => {
  it('records only name-chain callees whose last name is of interest', () => {
    const text = [
      "jest.mock('./api');",
      'const f = jest.fn();',
      "vi.spyOn(obj, 'm').mockReturnValue(1);",
      'const m = new MagicMock;',
      'const n = new AsyncMock(spec);',
      'sinon.stub(obj);',
      'getMocker().fn();',
      "patch.object(a, 'b');",
      'fn<number>(1);',
    ].join('\n');
    expect(sliced(text, facts(text).calls)).toEqual([
      { callee: 'jest.mock', span: "jest.mock('./api')", argsSpan: "('./api')", line: 0, empty: false },
      { callee: 'jest.fn', span: 'jest.fn()', argsSpan: '()', line: 1, empty: true },
      { callee: 'vi.spyOn', span: "vi.spyOn(obj, 'm')", argsSpan: "(obj, 'm')", line: 2, empty: false },
      { callee: 'MagicMock', span: 'new MagicMock', argsSpan: '', line: 3, empty: true },
      { callee: 'AsyncMock', span: 'new AsyncMock(spec)', argsSpan: '(spec)', line: 4, empty: false },
      { callee: 'patch.object', span: "patch.object(a, 'b')", argsSpan: "(a, 'b')", line: 7, empty: false },
      { callee: 'fn', span: 'fn<number>(1)', argsSpan: '(1)', line: 8, empty: false },
    ]);
  });

  it('keeps string literals with a URL or an IPv4 address, raw as written', () => {
    const text = [
      "const a = 'http://localhost:3000/api';",
      'const b = `wss://x.io/\\u0041`;',
      "const c = '10.0.0.254';",
      "const d = 'version 1.2.3.4.5';",
      "const e = 'no url here';",
      'const f = `http://${host}/x`;',
      "const g = '999.1.1.1';",
      'const h = <a href="https://example.com">https://text.example</a>;',
    ].join('\n');
    expect(sliced(text, facts(text, 'a.tsx').strings)).toEqual([
      { value: 'http://localhost:3000/api', span: "'http://localhost:3000/api'", line: 0 },
      { value: 'wss://x.io/\\u0041', span: '`wss://x.io/\\u0041`', line: 1 },
      { value: '10.0.0.254', span: "'10.0.0.254'", line: 2 },
      { value: 'https://example.com', span: '"https://example.com"', line: 7 },
    ]);
  });
});

describe('TS lines, eol and import position', () => {
  it('counts lines the way readlines() does: \\n, \\r\\n and lone \\r', () => {
    expect(facts('').lineCount).toBe(0);
    expect(facts('').lineStarts).toEqual([0]);
    expect(facts('a').lineCount).toBe(1);
    expect(facts('a\n').lineCount).toBe(1);
    const f = facts('a\r\nb\rc\nd');
    expect([f.lineCount, f.lineStarts, f.eol]).toEqual([4, [0, 3, 5, 7], '\r\n']);
    expect(facts('x\ry').eol).toBe('\r');
    expect(facts('x').eol).toBe('\n');
    // U+2028 is a line break for JS but not for readlines().
    expect(facts('a\u2028b\n').lineCount).toBe(1);
  });

  it('imports are inserted after the last top-level import', () => {
    const text = "'use client';\nimport a from 'a';\nimport { b } from 'b'; // trailing\nconst x = 1;\n";
    expect(facts(text).importInsertOffset).toBe(text.indexOf('const x'));
    const noEol = "import a from 'a';";
    expect(facts(noEol).importInsertOffset).toBe(noEol.length);
  });

  it('without imports: after shebang, detached header comments and directives', () => {
    const cases: [string, string][] = [
      ['#!/usr/bin/env node\nmain();\n', 'main();'],
      // The line right after the header (the blank line stays between the new import and the code).
      ['// Copyright 2024\n// License: MIT\n\nconst x = 1;\n', '\nconst x'],
      ['/** Docs of x. */\nexport const x = 1;\n', '/** Docs'],
      ['// ssot-lint-ignore-next-line env-access -- r\nconst x = process.env.X;\n', '// ssot'],
      ['/* header */\n\n"use strict";\n\'use client\';\n// c\nfoo();\n', '// c'],
      ['const x = 1;\n', 'const x'],
    ];
    for (const [text, marker] of cases) expect([text, facts(text).importInsertOffset]).toEqual([text, text.indexOf(marker)]);
  });
});

describe('TS robustness', () => {
  it('reports syntax errors and keeps going', () => {
    const text = 'function broken( {\n  const a = process.env.A;\nclass {';
    const f = facts(text);
    expect(f.syntaxErrors.length).toBeGreaterThan(0);
    for (const e of f.syntaxErrors) {
      expect(typeof e.message).toBe('string');
      expect(e.span.start).toBeGreaterThanOrEqual(0);
      expect(e.span.end).toBeLessThanOrEqual(text.length);
    }
    expect(facts('const ok = 1;\n').syntaxErrors).toEqual([]);
  });

  it('never throws on deep nesting; facts the parser could not reach fall back to lines and comments', () => {
    const deep = '// ssot-lint-ignore-file a -- b\nconst s = `// ssot-lint-ignore-line c -- d ${x}`;\nx = ' + '('.repeat(10000) + '1' + ')'.repeat(10000) + ';\n';
    const f = facts(deep);
    expect(f.lineCount).toBe(3);
    expect(f.syntaxErrors).toHaveLength(1);
    expect(f.suppressions.map((s) => [s.scope, s.rules, s.reason])).toEqual([['file', ['a'], 'b']]);
    expect(() => facts('('.repeat(10000))).not.toThrow();
    expect(() => facts('{'.repeat(10000), 'x.js')).not.toThrow();
    expect(() => facts('<a>'.repeat(5000), 'x.tsx')).not.toThrow();
  });

  it('walks deep but parseable trees without recursion limits', () => {
    const n = 300;
    const text = 'const f = ' + 'x => '.repeat(n) + 'process.env.DEEP;';
    const f = facts(text);
    expect(f.functions).toHaveLength(n);
    expect(f.functions[n - 1].parentFunction).toBe(n - 2);
    expect(f.envAccesses.map((a) => a.key)).toEqual(['DEEP']);
  });

  it('garbage input gives facts, not exceptions', () => {
    for (const text of ['\u0000\u0001', '`${', '/*', "'", '<div', '@@@', 'import', 'export * from', 'class extends {', '}}}}', '\uFEFFconst a = 1;']) {
      for (const name of ['g.ts', 'g.tsx', 'g.js']) expect(() => facts(text, name)).not.toThrow();
    }
  });
});
