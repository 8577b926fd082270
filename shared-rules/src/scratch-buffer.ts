/**
 * A buffer reused from call to call by one synchronous user (a file read, the Python
 * lexer's code units), grown on demand. A buffer larger than `keepAtMost` serves its call
 * and is dropped: the language server reads any file a client names, whatever the scan's
 * size limit, and one huge file must not stay in a long-lived server's memory.
 */
export class ScratchBuffer {
  private kept: Buffer;

  constructor(
    initialSize: number,
    private readonly keepAtMost: number,
  ) {
    this.kept = Buffer.allocUnsafe(initialSize);
  }

  /**
   * A buffer of at least `size` bytes: `from` (by default the kept one) when it is large
   * enough, else a new one, at least twice as large, holding `from`'s first `preserve` bytes
   * and kept for the next call when it is not too large.
   */
  atLeast(size: number, from: Buffer = this.kept, preserve = 0): Buffer {
    if (from.length >= size) return from;
    const grown = Buffer.allocUnsafe(Math.max(size, from.length * 2));
    if (preserve > 0) from.copy(grown, 0, 0, preserve);
    if (grown.length <= this.keepAtMost) this.kept = grown;
    return grown;
  }
}
