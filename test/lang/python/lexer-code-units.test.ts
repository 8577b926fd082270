/**
 * The lexer reads code units from a byte per unit (lexer.ts tokenize): from the file's own
 * bytes when they are exactly that (sameCodeUnits, phase 1's path), else from codeUnits of
 * the text (every other caller, and tokenize-differential.test.ts's comparison with
 * CPython). Both must give the same tokens and errors as each other for every input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePythonSource } from '../../../shared-rules/src/lang/python/decode';
import { codeUnits, sameCodeUnits } from '../../../shared-rules/src/lang/python/code-units';
import { lex, tokenize, type TokenSink } from '../../../shared-rules/src/lang/python/lexer';
import { pyFiles, stdlibDir } from '../../helpers/python';

function tokensOf(text: string, units?: Buffer): { tokens: number[]; errors: string[] } {
  const tokens: number[] = [];
  const sink: TokenSink = { token: (k, s, e) => void tokens.push(k, s, e) };
  const errors = tokenize(text, sink, units);
  return { tokens, errors: errors.map((e) => `${e.start}-${e.end} ${e.message}`) };
}

describe('the lexer on code unit bytes', () => {
  it('codeUnits: ASCII units as themselves, every other unit as 128 or more', () => {
    const units = (text: string) => [...codeUnits(text)].map((u) => (u >= 128 ? 'x' : u));
    expect(units('a=1\n')).toEqual([97, 61, 49, 10]);
    // One byte per unit in V8 (Latin-1 only), and two (a unit above 0xFF: U+0141 is 0x41 'A' in its low byte).
    expect(units('é="ÿ"#\u0080')).toEqual(['x', 61, 34, 'x', 34, 35, 'x']);
    expect(units('é="ü€"\t😀#\u00ff\u0141')).toEqual(['x', 61, 34, 'x', 'x', 34, 9, 'x', 'x', 35, 'x', 'x']);
    expect(codeUnits('').length).toBe(0);
  });

  it('codeUnits keeps no buffer over 8 MB for the next call', () => {
    const big = codeUnits('a'.repeat(9 << 20));
    const small = codeUnits('b');
    expect(small.buffer).not.toBe(big.buffer);
    expect([big[0], big[(9 << 20) - 1], small[0]]).toEqual([97, 97, 98]);
    const kept = codeUnits('c'.repeat(1 << 20));
    expect(codeUnits('d').buffer).toBe(kept.buffer);
  });

  it('sameCodeUnits: only UTF-8 without a BOM with one byte per unit', () => {
    const check = (bytes: Buffer) => sameCodeUnits(decodePythonSource(bytes), bytes);
    expect(check(Buffer.from('x = 1\n'))).toBe(true);
    // Invalid single bytes decode to one U+FFFD each: still one unit per byte.
    expect(check(Buffer.from([0x78, 0x3d, 0x27, 0xff, 0x80, 0x27, 0x0a]))).toBe(true);
    expect(check(Buffer.from('x = "é"\n'))).toBe(false);
    expect(check(Buffer.from('\ufeffx = 1\n'))).toBe(false);
    expect(check(Buffer.from('# -*- coding: latin-1 -*-\nx = 1\n'))).toBe(false);
  });

  it('gives the same tokens and errors from the file bytes as from the text', () => {
    const cases = [
      "x = 'abc\ny = f\"{a['k']!r:>{w}}\" + b'\\xff' # c\n",
      Buffer.from([0x78, 0x3d, 0x27, 0xff, 0x27, 0x0a, 0x79, 0x20, 0x80, 0x0a]).toString('latin1'),
      'if x:\r\n\tf(a,\r\n  b)\\\n\rz = 0x_1 + 1e5j + .5\n',
      'def f(:\n    return (1,\nclass C: pass\n',
      '',
      '"',
    ];
    for (const c of cases) {
      const bytes = Buffer.from(c, 'latin1');
      const decoded = decodePythonSource(bytes);
      if (!sameCodeUnits(decoded, bytes)) continue;
      expect(tokensOf(decoded.text, bytes), JSON.stringify(c)).toEqual(tokensOf(decoded.text));
    }
  });

  it('gives the same tokens and errors from the file bytes over the Python stdlib', () => {
    const files = pyFiles(stdlibDir());
    let compared = 0;
    for (const f of files) {
      const bytes = readFileSync(f);
      const decoded = decodePythonSource(bytes);
      if (!sameCodeUnits(decoded, bytes)) continue;
      const fromBytes = tokensOf(decoded.text, bytes);
      const fromText = lex(decoded.text);
      const expected: number[] = [];
      for (let i = 0; i < fromText.count; i++) expected.push(fromText.kind[i], fromText.start[i], fromText.end[i]);
      if (fromBytes.tokens.length !== expected.length || fromBytes.tokens.some((v, i) => v !== expected[i])) expect(fromBytes.tokens, f).toEqual(expected);
      expect(fromBytes.errors, f).toEqual(fromText.errors.map((e) => `${e.start}-${e.end} ${e.message}`));
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
