import { describe, expect, it } from 'vitest';
import { decodePythonSource, encodePythonSource } from '../../../shared-rules/src/lang/python/decode';
import { extractPythonFacts } from '../../../shared-rules/src/lang/python/facts';
import { lex, TOKEN_NAMES, tokenText } from '../../../shared-rules/src/lang/python/lexer';

function toks(src: string): string[] {
  const t = lex(src);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) out.push(`${TOKEN_NAMES[t.kind[i]]}:${tokenText(t, i)}`);
  return out;
}
const strs = (src: string) => toks(src).filter((t) => t.startsWith('STRING:') || t.startsWith('ERRORTOKEN:'));
const sl = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('lexer', () => {
  it('lexes every string prefix and quoting as one token', () => {
    const lits = ['r"a\\"b"', "B'x'", "u'x'", 'Rb"\\\\"', "bR'''x'''", 'fR"{x}"', "rf'\\{x}'", '"""a\n""b"""', "'it\\'s'", "r'\\''"];
    for (const l of lits) expect(strs(`x = ${l}\n`), l).toEqual([`STRING:${l}`]);
    expect(toks('ur"x"').slice(0, 2)).toEqual(['NAME:ur', 'STRING:"x"']);
  });

  it('lexes f-strings with nesting, escapes and format specs as one token', () => {
    const lits = ['f"{x["a"]}"', 'f"{{literal}} {y!r:>{w}} {z:#x}"', "f'{a[1:2]}{ {\"k\": 1}[\"k\"] }'", 'f"""{x:\n}"""', "f'{f\"{g}\"}'", 'f"\\N{DASH} {x}"'];
    for (const l of lits) expect(strs(`${l}\n`), l).toEqual([`STRING:${l}`]);
  });

  it('reports unterminated strings and recovers at the end of the line', () => {
    const src = "x = 'abc\ny = 1\nz = f\"{\nw = \"\"\"never closed\n";
    expect(strs(src)).toEqual(["ERRORTOKEN:'abc", 'ERRORTOKEN:f"{', 'ERRORTOKEN:"""never closed']);
    expect(toks(src)).toContain('NAME:y');
    expect(lex(src).errors.map((e) => e.message)).toEqual(['unterminated string literal', 'unterminated string literal', 'unterminated triple-quoted string literal']);
  });

  it('NEWLINE vs NL, indentation with tabs, continuation, CR and BOM', () => {
    const src = '\ufeffif x:\r\n\tf(a,\r\n  b)  # c\r\n\r\n\ty = 1 + \\\n2\rz\n';
    expect(toks(src)).toEqual([
      'NAME:if', 'NAME:x', 'OP::', 'NEWLINE:\r\n', 'INDENT:\t', 'NAME:f', 'OP:(', 'NAME:a', 'OP:,', 'NL:\r\n', 'NAME:b', 'OP:)', 'COMMENT:# c', 'NEWLINE:\r\n',
      'NL:\r\n', 'NAME:y', 'OP:=', 'NUMBER:1', 'OP:+', 'NUMBER:2', 'NEWLINE:\r', 'DEDENT:', 'NAME:z', 'NEWLINE:\n', 'ENDMARKER:',
    ]);
  });

  it('numbers and operators', () => {
    expect(toks('a=0x1F+1_000j-1.5e-3**.5//2>>=3->...\n').filter((t) => !t.startsWith('N'))).toEqual(['OP:=', 'OP:+', 'OP:-', 'OP:**', 'OP://', 'OP:>>=', 'OP:->', 'OP:...', 'ENDMARKER:']);
    expect(toks('1if x else 2').slice(0, 2)).toEqual(['NUMBER:1', 'NAME:if']);
  });

  it('recovers from an unclosed bracket at the next def', () => {
    const f = extractPythonFacts('x = f(\ndef g():\n    return 1\n');
    expect(f.functions.map((x) => [x.name, x.bodyLines])).toEqual([['g', 1]]);
    expect(f.syntaxErrors.map((e) => e.message)).toEqual(["'(' was never closed"]);
  });

  it('never throws on junk', () => {
    for (const junk of ['\\', '$?`', ')]}', '\t\n  \n\tx', 'f"{' + 'f"{'.repeat(500), '"\\', "'''"]) expect(() => extractPythonFacts(junk)).not.toThrow();
  });
});

describe('decode', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('honours BOM and coding cookies', () => {
    expect(decodePythonSource(enc('\ufeffx = "é"\n'))).toEqual({ text: 'x = "é"\n', encoding: 'utf-8', bom: true });
    const latin = new Uint8Array([...enc('#!/usr/bin/python\n# -*- coding: latin-1 -*-\nx = "'), 0xe9, 0x22]);
    expect(decodePythonSource(latin)).toMatchObject({ text: '#!/usr/bin/python\n# -*- coding: latin-1 -*-\nx = "é"', encoding: 'iso-8859-1' });
    expect(decodePythonSource(new Uint8Array([...enc('# coding=koi8-r\n'), 0xc1]))).toMatchObject({ text: '# coding=koi8-r\nа', encoding: 'koi8-r' });
    expect(decodePythonSource(enc('x = 1\n# coding: latin-1\n')).encoding).toBe('utf-8');
    expect(decodePythonSource(enc('# coding: no-such\nx\n'))).toMatchObject({ encoding: 'utf-8', unknownEncoding: 'no-such' });
    expect(decodePythonSource(new Uint8Array([0x78, 0xff]))).toMatchObject({ text: 'x\ufffd', malformed: true });
  });
  it('round-trips through encodePythonSource', () => {
    const latin = new Uint8Array([...enc('# coding: latin-1\nx = "'), 0xe9, 0x22]);
    const d = decodePythonSource(latin);
    expect(encodePythonSource(d.text, d.encoding, d.bom)).toEqual(latin);
    expect(Array.from(encodePythonSource('x', 'utf-8', true))).toEqual([0xef, 0xbb, 0xbf, 0x78]);
    expect(() => encodePythonSource('€', 'iso-8859-1', false)).toThrow();
  });
});

describe('file facts', () => {
  it('suppressions', () => {
    const src = 'x = 1  # ssot-lint: ignore[env-access, file-size] -- legacy\n# ssot-lint: ignore[mock-justification]\n\n# other\ny = 2\n# ssot-lint: ignore-file[file-size] --  big on purpose \ns = "# ssot-lint: ignore[x]"\n';
    const f = extractPythonFacts(src);
    expect(f.suppressions.map((s) => [s.scope, s.rules, s.reason, s.line, s.targetLine])).toEqual([
      ['line', ['env-access', 'file-size'], 'legacy', 0, 0],
      ['next-line', ['mock-justification'], '', 1, 4],
      ['file', ['file-size'], 'big on purpose', 5, -1],
    ]);
    expect(sl(src, f.suppressions[0].span)).toBe('# ssot-lint: ignore[env-access, file-size] -- legacy');
  });

  it('calls of interest and address strings', () => {
    const src = 'pytest.main([])\nm = mock.patch.object(A, "b")\nMagicMock()\ndef main(): x.y().main()\nu = "http://h"; ip = b"10.0.0.1:80"; no = "1.2.3"; fs = f"http://{h}"\n# "http://c"\n';
    const f = extractPythonFacts(src);
    expect(f.calls.map((c) => [c.callee, sl(src, c.span), sl(src, c.argsSpan), c.line, c.empty])).toEqual([
      ['pytest.main', 'pytest.main([])', '([])', 0, false],
      ['mock.patch.object', 'mock.patch.object(A, "b")', '(A, "b")', 1, false],
      ['MagicMock', 'MagicMock()', '()', 2, true],
    ]);
    expect(f.strings.map((s) => [s.value, sl(src, s.span), s.line])).toEqual([['http://h', '"http://h"', 4], ['10.0.0.1:80', 'b"10.0.0.1:80"', 4]]);
  });

  it('address strings as short as they come: three characters inside the quotes', () => {
    // Tokens under five characters are never searched (scanTokens): "://" is the shortest kept.
    const src = 'a = "://"\nb = "//"\nc = ":"//2\nd = {"k": 1}\n';
    expect(extractPythonFacts(src).strings.map((s) => [s.value, sl(src, s.span)])).toEqual([['://', '"://"']]);
  });

  it('line counts and starts follow readlines()', () => {
    const c = (t: string) => { const f = extractPythonFacts(t); return [f.lineCount, f.lineStarts, f.eol]; };
    expect(c('')).toEqual([0, [0], '\n']);
    expect(c('a')).toEqual([1, [0], '\n']);
    expect(c('a\r\nb\rc\n')).toEqual([3, [0, 3, 5], '\r\n']);
    expect(c('a\r\rb')).toEqual([3, [0, 2, 3], '\r']);
  });

  it('import insert offset', () => {
    const at = (t: string) => t.slice(extractPythonFacts(t).importInsertOffset);
    expect(at('#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport os\n')).toBe('import os\n');
    expect(at('"""Doc\nstring."""\nfrom __future__ import annotations\n\nimport os\n')).toBe('\nimport os\n');
    expect(at('import os\n')).toBe('import os\n');
    expect(extractPythonFacts('\ufeffimport os\n').importInsertOffset).toBe(1);
    expect(at('# licence\n"""Doc"""\r\nx = 1\r\n')).toBe('x = 1\r\n');
  });

  it('syntax errors keep facts', () => {
    const f = extractPythonFacts("def f():\n    s = 'open\n    return os.environ['K']\n");
    expect(f.syntaxErrors.map((e) => e.message)).toEqual(['unterminated string literal']);
    expect(f.envAccesses.map((a) => a.key)).toEqual(['K']);
    expect(f.functions[0].bodyLines).toBe(2);
  });
});
