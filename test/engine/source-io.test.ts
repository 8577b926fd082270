/**
 * Phase 1's reader (engine/source-io.ts readTransient): one reused buffer, grown for a
 * large file, whose view holds exactly the file's bytes until the next read; errors are
 * the same skipped-file reasons readFileSync gave.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readSource, readTransient } from '../../shared-rules/src/engine/source-io';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-source-io-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (rel: string, bytes: Uint8Array | string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), bytes);
};

test('each read returns exactly the file, across sizes that grow the buffer and shrink again', () => {
  // Sizes around the buffer's first capacity (256 KiB) and its doublings.
  const sizes = [0, 1, 100, (256 << 10) - 1, 256 << 10, (256 << 10) + 1, 3 << 20, 17, 0, 512 << 10];
  sizes.forEach((n, i) => write(`f${i}.py`, crypto.randomBytes(n)));
  for (let round = 0; round < 2; round++) {
    sizes.forEach((n, i) => {
      const got = readTransient(root, `f${i}.py`);
      if ('reason' in got) throw new Error(got.reason);
      expect(got.length).toBe(n);
      expect(Buffer.compare(Buffer.from(got), fs.readFileSync(path.join(root, `f${i}.py`)))).toBe(0);
    });
  }
});

test('readSource decodes from the shared buffer: each text is its own, after later reads', () => {
  write('s1.py', '# -*- coding: latin-1 -*-\nname = "\xe9"\n');
  write('s2.ts', 'const a = "\u00e9";\n');
  fs.writeFileSync(path.join(root, 's3.py'), Buffer.from([0x23, 0x20, 0xe9, 0x0a])); // invalid UTF-8: replaced, flagged by the decoder
  const texts = ['s1.py', 's2.ts', 's3.py'].map((f) => readSource(root, f));
  expect(texts).toEqual([
    { text: '# -*- coding: latin-1 -*-\nname = "\u00c3\u00a9"\n', encoding: 'iso-8859-1', bom: false, malformed: false },
    { text: 'const a = "\u00e9";\n', encoding: 'utf-8', bom: false },
    { text: '# \ufffd\n', encoding: 'utf-8', bom: false, malformed: true },
  ]);
});

test('a file over 8 MB is read whole into a buffer of its own: the shared one stays small', () => {
  const big = crypto.randomBytes(20 << 20);
  write('huge.py', big);
  write('small.py', 'z = 3\n');
  const got = readTransient(root, 'huge.py') as Uint8Array;
  expect(Buffer.compare(Buffer.from(got), big)).toBe(0);
  const after = readTransient(root, 'small.py') as Uint8Array;
  expect(Buffer.from(after).toString()).toBe('z = 3\n');
  expect(after.buffer.byteLength).toBeLessThanOrEqual(8 << 20);
  expect(Buffer.compare(Buffer.from(got), big)).toBe(0); // the big read's bytes were not the shared buffer's
});

test('the view is reused: the next read overwrites it', () => {
  write('a.py', 'x = 1\n');
  write('b.py', 'y = 2\n');
  const a = readTransient(root, 'a.py') as Uint8Array;
  expect(Buffer.from(a).toString()).toBe('x = 1\n');
  readTransient(root, 'b.py');
  expect(Buffer.from(a).toString()).toBe('y = 2\n');
});

test('a missing file and a folder are skipped with the reasons readFileSync gives', () => {
  fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
  expect(readTransient(root, 'missing.py')).toEqual({ path: 'missing.py', reason: 'unreadable: ENOENT' });
  expect(readTransient(root, 'pkg')).toEqual({ path: 'pkg', reason: 'unreadable: EISDIR' });
  expect(readSource(root, 'missing.py')).toEqual({ path: 'missing.py', reason: 'unreadable: ENOENT' });
});
