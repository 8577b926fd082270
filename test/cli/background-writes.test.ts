/**
 * BackgroundWrites (server/src/cli/background-writes.ts): check's report written from the
 * thread pool while the next piece is made. The file must hold the pieces in order, whatever
 * order their writes finish in; a failed write must surface at drain, not be lost.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackgroundWrites, StagedBytes } from '../../server/src/cli/background-writes';
import { tempDir } from './ws';

const tmp = tempDir('ssot-cli-bgwrites-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Piece k: `size` bytes of the letter k names, so a piece out of place shows. */
const piece = (k: number, size: number) => Buffer.alloc(size, 97 + (k % 26));

describe('BackgroundWrites', () => {
  it('writes the pieces in order, pacing the caller past 16 MB in flight', async () => {
    const file = path.join(tmp, 'out.bin');
    const fd = fs.openSync(file, 'w');
    const writes = new BackgroundWrites(fd);
    // 40 pieces of 1 MB plus odd sizes, an empty one among them: over the in-flight limit twice.
    const sizes = Array.from({ length: 40 }, (_, k) => (k % 7 === 3 ? 0 : (1 << 20) + k * 13));
    const pieces = sizes.map((s, k) => piece(k, s));
    let paced = 0;
    for (const p of pieces) {
      const wait = writes.write(p);
      if (wait) {
        paced++;
        await wait;
      }
    }
    await writes.drain();
    fs.closeSync(fd);
    expect(paced).toBeGreaterThan(0);
    expect(writes.length).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(fs.readFileSync(file).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('a failed write rejects drain with its error and drops the writes after it', async () => {
    const file = path.join(tmp, 'readonly.bin');
    fs.writeFileSync(file, '');
    const fd = fs.openSync(file, 'r');
    const writes = new BackgroundWrites(fd);
    writes.write(piece(0, 10));
    await expect(writes.drain()).rejects.toMatchObject({ code: 'EBADF' });
    expect(writes.error?.code).toBe('EBADF');
    expect(writes.write(piece(1, 10))).toBeUndefined();
    await expect(writes.drain()).rejects.toMatchObject({ code: 'EBADF' });
    expect(writes.length).toBe(20);
    fs.closeSync(fd);
    expect(fs.readFileSync(file).length).toBe(0);
  });
});

describe('StagedBytes', () => {
  it('hands on the pieces\' bytes in order, and refills a buffer only once its bytes are released', async () => {
    // Two buffers of 64 bytes: pieces that fit, pieces over the size, Buffers, `é` and a surrogate pair.
    const pieces: (string | Buffer)[] = ['ab', 'c'.repeat(20), 'é'.repeat(10), '😀x', Buffer.from('RAW'), 'd'.repeat(30), '', 'e'.repeat(22), 'f'.repeat(40), 'g', Buffer.alloc(0), 'h'.repeat(5)];
    const handed: { bytes: Buffer; copy: Buffer; release: () => void }[] = [];
    const staged = new StagedBytes(
      async (bytes) => {
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        handed.push({ bytes, copy: Buffer.from(bytes), release });
        return { released };
      },
      64,
      2,
    );
    // Hand-overs are released in order, one per timer turn; each is checked unchanged when released.
    const changedBeforeRelease: number[] = [];
    let next = 0;
    const releaser = setInterval(() => {
      if (next === handed.length) return;
      if (!handed[next].bytes.equals(handed[next].copy)) changedBeforeRelease.push(next);
      handed[next++].release();
    }, 1);
    try {
      for (const p of pieces) await staged.add(p);
      await staged.flush();
    } finally {
      clearInterval(releaser);
    }
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    expect(Buffer.concat(handed.map((h) => h.copy))).toEqual(expected);
    // Staged text is handed on a buffer at a time; a piece that may not fit (3 bytes per
    // code unit) and a Buffer go on their own; the last `h`s waited for the first buffer.
    expect(handed.map((h) => h.bytes.length)).toEqual([47, 3, 30, 22, 40, 1, 5]);
    expect(changedBeforeRelease).toEqual([]);
    expect(next).toBeGreaterThanOrEqual(1);
  });
});
