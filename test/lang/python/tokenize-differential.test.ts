/**
 * Differential test: the lexer's NAME, STRING and COMMENT token boundaries against
 * CPython's own `tokenize` over every .py file of the Python installation's stdlib
 * (site-packages included). Two long-lived python3 processes tokenize; they send a
 * checksum per file, and the full positions only for files whose checksum differs.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePythonSource } from '../../../shared-rules/src/lang/python/decode';
import { lex, T } from '../../../shared-rules/src/lang/python/lexer';
import { pyFiles, stdlibDir } from '../../helpers/python';

const ORACLE = join(__dirname, 'tokenize_oracle.py');
const WORKERS = 2;

/** Line starts under universal newlines (\n, \r\n, lone \r), as tokenize.open reads. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The lexer's tokens as tokenize positions: [type, row, code-point col, row, col] * n. */
function jsPositions(path: string): Int32Array {
  const { text } = decodePythonSource(readFileSync(path));
  const toks = lex(text);
  const starts = lineStarts(text);
  const astral = /[\uD800-\uDFFF]/.test(text);
  const out: number[] = [];
  let line = 0;
  const pos = (off: number): [number, number] => {
    if (off < starts[line]) line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= off) line++;
    let col = off - starts[line];
    if (astral) {
      for (let i = starts[line]; i < off; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xdc00 && c <= 0xdfff && i > starts[line]) col--;
      }
    }
    return [line + 1, col];
  };
  for (let i = 0; i < toks.count; i++) {
    const k = toks.kind[i];
    if (k !== T.NAME && k !== T.STRING && k !== T.COMMENT) continue;
    const [sr, sc] = pos(toks.start[i]);
    const [er, ec] = pos(toks.end[i]);
    out.push(k, sr, sc, er, ec);
  }
  return Int32Array.from(out);
}

function checksum(a: Int32Array): number {
  return crc32(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

/** Runs one oracle process over the requests; resolves with one reply line per request. */
function oracle(requests: string[], onReply: (i: number, reply: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const py = spawn('python3', [ORACLE], { stdio: ['pipe', 'pipe', 'inherit'] });
    let i = 0;
    createInterface({ input: py.stdout }).on('line', (l) => onReply(i++, l));
    py.on('error', reject);
    py.on('close', (code) => (code === 0 && i === requests.length ? resolve() : reject(new Error(`oracle exited ${code} after ${i}/${requests.length}`))));
    py.stdin.end(requests.join('\n') + '\n');
  });
}

function describeToken(a: ArrayLike<number>, i: number): string {
  if (i * 5 >= a.length) return '(none)';
  const name = a[i * 5] === T.NAME ? 'NAME' : a[i * 5] === T.STRING ? 'STRING' : 'COMMENT';
  return `${name} ${a[i * 5 + 1]}:${a[i * 5 + 2]}-${a[i * 5 + 3]}:${a[i * 5 + 4]}`;
}

describe('lexer vs CPython tokenize over the stdlib', () => {
  it('agrees on NAME, STRING and COMMENT boundaries for >= 99.9% of files', async () => {
    const files = pyFiles(stdlibDir()).sort();
    expect(files.length).toBeGreaterThan(1000);
    let compared = 0;
    let agreed = 0;
    let skipped = 0;
    const mismatched: string[] = [];
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: WORKERS }, (_, w) => {
        const mine = files.filter((_, i) => i % WORKERS === w);
        return oracle(mine.map((f) => `H\t${f}`), (i, reply) => {
          const parts = reply.split(' ');
          if (parts[0] !== 'ok') { skipped++; return; }
          compared++;
          const js = jsPositions(mine[i]);
          if (checksum(js) === Number(parts[1]) && js.length / 5 === Number(parts[2])) agreed++;
          else mismatched.push(mine[i]);
        });
      }),
    );
    const details: string[] = [];
    const show = mismatched.sort().slice(0, 8);
    if (show.length > 0) {
      await oracle(show.map((f) => `D\t${f}`), (i, reply) => {
        const py = reply.split(' ').slice(1).map(Number);
        const js = jsPositions(show[i]);
        let k = 0;
        while (k * 5 < Math.max(js.length, py.length) && [0, 1, 2, 3, 4].every((j) => js[k * 5 + j] === py[k * 5 + j])) k++;
        details.push(`${show[i]}: token #${k}: lexer ${describeToken(js, k)} vs tokenize ${describeToken(py, k)}`);
      });
    }
    const rate = agreed / compared;
    console.log(
      `tokenize differential: ${agreed}/${compared} files agree (${(rate * 100).toFixed(3)}%), ` +
        `${skipped} skipped (CPython cannot tokenize), ${files.length} files, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const d of details) console.log('  ' + d);
    expect(rate).toBeGreaterThanOrEqual(0.999);
  }, 280_000);
});
