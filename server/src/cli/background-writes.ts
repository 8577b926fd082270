/**
 * Writes to a file from libuv's thread pool while this thread makes the next bytes.
 *
 * Issue 7: a check of the 475 MB tree renders 152 MB of JSON and writes it twice (the
 * output and its replay record, report-replay.ts); written with writeSync between the
 * pieces' JSON.stringify, the kernel's copy was ~0.23-0.3 s of the one busy thread at the
 * end of a run, while the other core idled. Each piece goes to its own offset (a
 * positional write), so writes in flight at once cannot land out of order.
 */
import * as fs from 'node:fs';

/** Bytes in flight before write() asks the caller to wait: a few pieces, not the whole output. */
const IN_FLIGHT_LIMIT = 16 << 20;

export class BackgroundWrites {
  /** The offset of the next piece: the bytes given so far. */
  private end = 0;
  private inFlight = 0;
  private readonly pending = new Set<Promise<void>>();
  private failure: NodeJS.ErrnoException | undefined;

  constructor(private readonly fd: number) {}

  /** The bytes given so far (where bytes written after them with fs.writeSync(fd, b, 0, n, at) go). */
  get length(): number {
    return this.end;
  }

  /** The first error a write met, if any (the writes after it are dropped). */
  get error(): NodeJS.ErrnoException | undefined {
    return this.failure;
  }

  /**
   * Queues `bytes` after the bytes given before. The caller must not change them until
   * drain(). Returns a promise when too much is in flight: await it before the next piece.
   */
  write(bytes: Uint8Array): Promise<void> | undefined {
    const at = this.end;
    this.end += bytes.length;
    if (this.failure || bytes.length === 0) return undefined;
    this.inFlight += bytes.length;
    const done = writeAll(this.fd, bytes, at).then(
      () => {
        this.inFlight -= bytes.length;
        this.pending.delete(done);
      },
      (err: NodeJS.ErrnoException) => {
        this.inFlight -= bytes.length;
        this.pending.delete(done);
        this.failure ??= err;
      },
    );
    this.pending.add(done);
    return this.inFlight > IN_FLIGHT_LIMIT ? this.below() : undefined;
  }

  /** Resolves once every write queued so far has finished, failed or not (never rejects). */
  settled(): Promise<void> {
    return Promise.all([...this.pending]).then(() => undefined);
  }

  /** Resolves once every queued write finished; rejects with the first error. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }

  private async below(): Promise<void> {
    while (this.inFlight > IN_FLIGHT_LIMIT && this.pending.size > 0) await Promise.race(this.pending);
  }
}

/** All of `bytes` at `at` (a positional write may write less than asked). */
async function writeAll(fd: number, bytes: Uint8Array, at: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const n = await new Promise<number>((resolve, reject) =>
      fs.write(fd, bytes, done, bytes.length - done, at + done, (err, written) => (err ? reject(err) : resolve(written))),
    );
    if (n === 0) throw Object.assign(new Error('write wrote nothing'), { code: 'EIO' });
    done += n;
  }
}

/** Where staged bytes go: `released` settles once they are written and the buffer may be reused. */
export type StagedSink = (bytes: Buffer) => Promise<{ released: Promise<void> }>;

/**
 * Text pieces encoded into a few reused buffers and handed to `sink` a buffer at a time.
 *
 * Issue 7: `Buffer.from` per piece of the 25k tree's 150 MB report took fresh memory for
 * every piece, and on the machines of that issue each first touch of a fresh page faults
 * through the VM's host: ~40k page faults, ~13% of a cold check's, in the one busy thread
 * at the end of the run. These buffers are faulted in once.
 */
export class StagedBytes {
  private readonly buffers: Buffer[] = [];
  private readonly released: (Promise<void> | undefined)[] = [];
  private current = 0;
  private used = 0;

  constructor(
    private readonly sink: StagedSink,
    private readonly size = 1 << 20,
    private readonly count = 4,
  ) {}

  /** Text is encoded after what is staged; a Buffer goes out as it is, after it. */
  async add(piece: string | Buffer): Promise<void> {
    if (typeof piece !== 'string') {
      await this.flush();
      if (piece.length > 0) await this.sink(piece);
      return;
    }
    // At most 3 UTF-8 bytes per UTF-16 code unit (a surrogate pair: 4 for 2).
    const most = piece.length * 3;
    if (most > this.size) {
      await this.flush();
      await this.sink(Buffer.from(piece, 'utf8'));
      return;
    }
    if (this.used + most > this.size) await this.flush();
    if (this.used === 0) await this.take();
    this.used += this.buffers[this.current].write(piece, this.used, 'utf8');
  }

  /** Hands on what is staged. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const { released } = await this.sink(this.buffers[this.current].subarray(0, this.used));
    this.released[this.current] = released;
    this.current = (this.current + 1) % this.count;
    this.used = 0;
  }

  /** The current buffer, once the bytes last handed on from it are written. */
  private async take(): Promise<void> {
    const pending = this.released[this.current];
    if (pending) await pending;
    this.buffers[this.current] ??= Buffer.allocUnsafe(this.size);
  }
}
