/**
 * The reader ahead of phase 1 (engine/read-ahead.ts) on a real tree of files: where it
 * stops (the reads were fast, it read everything, or it was told to), and that it never
 * runs more than its lead ahead of what phase 1 took. Speeds are made deterministic with
 * the thresholds: "cached" below 1 s per read is always, below 0 ms never.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAheadOf, startReadAhead, READ_AHEAD_FROM_BYTES } from '../../shared-rules/src/engine/read-ahead';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-read-ahead-'));
const files = Array.from({ length: 300 }, (_, i) => ({ path: `pkg${i % 7}/m${i}.py`, size: 1024 }));
for (const f of files) {
  fs.mkdirSync(path.join(root, path.dirname(f.path)), { recursive: true });
  fs.writeFileSync(path.join(root, f.path), `x = ${'1'.repeat(1020)}\n`);
}
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('read-ahead', () => {
  it('stops after one window when its reads count as cached', async () => {
    expect(await startReadAhead(root, files, { window: 16, cachedMs: 1000 }).ended).toEqual({ read: 16, end: 'cached' });
  });

  it('reads every file when no read counts as cached, a missing one included', async () => {
    const withMissing = [...files.slice(0, 100), { path: 'gone.py', size: 10 }, ...files.slice(100)];
    expect(await startReadAhead(root, withMissing, { window: 16, cachedMs: 0 }).ended).toEqual({ read: 301, end: 'done' });
  });

  it('stays within its lead of what phase 1 consumed, and stops when told', async () => {
    const ahead = startReadAhead(root, files, { leadBytes: 0, cachedMs: 0 });
    // With nothing consumed it reads the first file, then waits: 1 KiB ahead is over a lead of 0.
    await sleep(1500);
    ahead.consumed(1000);
    ahead.consumed(1048);
    // 2 KiB consumed: two more files, then it waits again.
    await sleep(1500);
    expect(await ahead.stop()).toEqual({ read: 3, end: 'stopped' });
  });

  it('starts only for enough bytes to read', async () => {
    expect(readAheadOf(root, files)).toBeUndefined();
    const ahead = readAheadOf(root, [...files, { path: 'big.py', size: READ_AHEAD_FROM_BYTES }]);
    expect(ahead).toBeDefined();
    await ahead!.stop();
  });
});
