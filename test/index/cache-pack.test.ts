/**
 * The scan cache's pack format (index/cache-pack.ts): what PackWriter writes, readPack reads
 * back frame for frame, across the writer's 1 MB buffer (frames that straddle a flush,
 * a frame larger than the buffer, text outside ASCII), and the header's offset is the
 * last four bytes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { PackWriter, readPack, loadEntry, storedOutline, type CachedFile } from '../../shared-rules/src/index/cache-pack';
import type { LocalResult } from '../../shared-rules/src/engine/check';
import type { Violation } from '../../shared-rules/src/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-pack-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function violation(file: string, i: number, message: string): Violation {
  return {
    rule: 'env-access',
    severity: 'error',
    category: 'real_system',
    file,
    range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    span: { start: i * 10, end: i * 10 + 7 },
    message,
    fingerprint: `fp${i}`,
    fixes: [],
    noFixReason: undefined,
    related: [],
  };
}

function checked(file: string, findings: number, message: string, outlineNote: string): CachedFile {
  const local = { violations: Array.from({ length: findings }, (_, i) => violation(file, i, message)), suppressedCount: 0, usedSuppressions: [], internalErrors: [], ran: ['env-access'] } as unknown as LocalResult;
  return { stat: { size: findings, mtimeMs: 1, ino: 2 }, key: `key-${file}`, local, outline: { note: outlineNote } as never };
}

test('a pack reads back as written: frames across flushes, one larger than the buffer, UTF-8 text', () => {
  // ~300 KB of findings per file: the writer's 1 MB buffer fills and flushes mid-file.
  const files = new Map<string, CachedFile>();
  for (let f = 0; f < 8; f++) files.set(`pkg/m${f}.py`, checked(`pkg/m${f}.py`, 2500, `os.environ read é ${f} ` + 'x'.repeat(20), `outline ✓ ${f}`));
  // One outline frame of ~3 MB: written past the buffer.
  files.set('pkg/big.py', checked('pkg/big.py', 1, 'one', 'y'.repeat(3 << 20)));
  const file = path.join(dir, 'a.bin');
  const fd = fs.openSync(file, 'w');
  const writer = new PackWriter(fd);
  for (const [p, e] of files) writer.entry(p, e);
  writer.added('pkg/m3.py', ['real_system', [], 1, [0], ['canonical-module']]);
  writer.finish({ version: 'v', inputs: 'i' });
  fs.closeSync(fd);

  const buf = fs.readFileSync(file);
  const read = readPack(buf, (h) => (h as { version: string }).version === 'v');
  expect(read?.header).toEqual({ version: 'v', inputs: 'i' });
  expect([...read!.files.keys()]).toEqual([...files.keys()]);
  for (const [p, e] of files) {
    const stored = read!.files.get(p)!;
    expect(stored.stat).toEqual(e.stat);
    expect(stored.key).toBe(e.key);
    const loaded = loadEntry(p, stored);
    expect(loaded.local).toEqual(e.local);
    expect(storedOutline(stored)).toEqual(e.outline);
  }
  expect(loadEntry('pkg/m3.py', read!.files.get('pkg/m3.py')!).added).toEqual({ violations: [], suppressedCount: 1, usedSuppressions: [0], internalErrors: [], indexRules: ['canonical-module'] });
  expect(read!.files.get('pkg/m2.py')!.added).toBeUndefined();
});

test('entries read from a pack are written back byte for byte', () => {
  const first = path.join(dir, 'first.bin');
  let fd = fs.openSync(first, 'w');
  let writer = new PackWriter(fd);
  writer.entry('a.py', checked('a.py', 3, 'message', 'o'));
  writer.entry('b.py', checked('b.py', 0, 'none', 'p'));
  writer.finish({ version: 'v' });
  fs.closeSync(fd);
  const read = readPack(fs.readFileSync(first), () => true)!;

  const second = path.join(dir, 'second.bin');
  fd = fs.openSync(second, 'w');
  writer = new PackWriter(fd);
  for (const [p, e] of read.files) writer.entry(p, e);
  writer.finish({ version: 'v' });
  fs.closeSync(fd);
  expect(fs.readFileSync(second).equals(fs.readFileSync(first))).toBe(true);
});
