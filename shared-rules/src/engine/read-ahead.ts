/**
 * Reading a scan's files ahead of phase 1, for a cold page cache. Phase 1 reads each file
 * synchronously on the thread that checks it (source-io.ts), so on a disk that has to be
 * read (after a reboot, or a tree larger than the cache) every read stalls a busy thread:
 * the 475 MB tree of issue 7, cold, `--jobs 2`, took 17.9 s where the same run on a warm
 * page cache took 13.5 s (phase 1 13.8 s against 9.5 s; measured after `drop_caches`).
 *
 * A thread of its own reads the files in the order phase 1 will ask for them, so they are
 * in the page cache by then, and stays at most LEAD_BYTES ahead of what phase 1 has taken
 * (a tree larger than memory must not evict what it read before it is used). It stops
 * once the files read fast: on a warm cache it has nothing to do, and stops after its
 * first WINDOW reads.
 */
import { Worker } from 'node:worker_threads';

export interface ReadAheadOptions {
  /** Bytes read ahead of phase 1's consumption at most. */
  leadBytes?: number;
  /** Reads per window whose median decides "the files are cached, stop". */
  window?: number;
  /** A window whose median read takes less than this (milliseconds) is a cached one. */
  cachedMs?: number;
}

export interface ReadAheadSummary {
  /** Files read (or tried: one that cannot be opened counts too). */
  read: number;
  /** 'cached': the reads were fast, so it stopped; 'done': it read every file; 'stopped': stop() came first. */
  end: 'cached' | 'done' | 'stopped';
}

export interface ReadAhead {
  /** Phase 1 took `bytes` more (a file's size on disk): the reader may go that much further. */
  consumed(bytes: number): void;
  /** Stops the reader (if it still runs) and says what it did. */
  stop(): Promise<ReadAheadSummary>;
  /** What it did, once it ended (on its own or by stop()). */
  readonly ended: Promise<ReadAheadSummary>;
}

/**
 * Below this many bytes to read no reader starts: a thread costs ~30 ms to start, and a
 * cold read of that much took about as long here.
 */
export const READ_AHEAD_FROM_BYTES = 8 << 20;

const LEAD_BYTES = 256 << 20;
const WINDOW = 128;
// Measured here, median per file: 9-12 µs from the page cache; from the disk 90 µs (a 1 KB
// TS file) to 150 µs (an 18 KB Python one).
const CACHED_MS = 0.04;

/** The reader's state shared with this thread: [consumed KiB, stop flag]. */
const CONSUMED = 0;
const STOP = 1;

/**
 * startReadAhead when the files add up to READ_AHEAD_FROM_BYTES, else undefined; undefined
 * too when no thread can be started (a process at its thread limit): reading ahead only
 * ever saves time, a scan never depends on it.
 */
export function readAheadOf(root: string, files: readonly { path: string; size: number }[]): ReadAhead | undefined {
  let bytes = 0;
  for (const f of files) bytes += f.size;
  if (bytes < READ_AHEAD_FROM_BYTES) return undefined;
  try {
    return startReadAhead(root, files);
  } catch {
    return undefined;
  }
}

/** Starts reading `files` (relative to `root`, in the order phase 1 takes them) on a thread of its own. */
export function startReadAhead(root: string, files: readonly { path: string; size: number }[], options: ReadAheadOptions = {}): ReadAhead {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(`(${readAheadLoop.toString()})()`, {
    eval: true,
    workerData: {
      root,
      paths: files.map((f) => f.path),
      sizes: files.map((f) => f.size),
      shared: shared.buffer,
      lead: options.leadBytes ?? LEAD_BYTES,
      window: options.window ?? WINDOW,
      cachedMs: options.cachedMs ?? CACHED_MS,
    },
  });
  // Its last message is its summary; an error (a file vanished) only ends the reading ahead.
  const summary = new Promise<ReadAheadSummary>((resolve) => {
    let last: ReadAheadSummary = { read: 0, end: 'stopped' };
    worker.on('message', (m: ReadAheadSummary) => (last = m));
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve(last));
  });
  worker.unref();
  let pendingBytes = 0;
  return {
    ended: summary,
    consumed(bytes) {
      // In KiB, so an Int32 counts up to 2 TiB.
      pendingBytes += bytes;
      const kib = pendingBytes >> 10;
      if (kib > 0) {
        Atomics.add(shared, CONSUMED, kib);
        pendingBytes -= kib << 10;
        Atomics.notify(shared, CONSUMED);
      }
    },
    stop() {
      Atomics.store(shared, STOP, 1);
      Atomics.notify(shared, CONSUMED);
      return summary;
    },
  };
}

/**
 * The reader thread's whole program, started from its source text (so a bundle that
 * inlines the engine, the VS Code extension's server, needs no script file for it): every
 * file read to its end into one scratch buffer, in order.
 */
function readAheadLoop(): void {
  const { workerData, parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const fs = require('node:fs') as typeof import('node:fs');
  const { root, paths, sizes, lead, window, cachedMs } = workerData as { root: string; paths: string[]; sizes: number[]; lead: number; window: number; cachedMs: number };
  const state = new Int32Array(workerData.shared as SharedArrayBuffer);
  const scratch = Buffer.allocUnsafe(1 << 16);
  const times: number[] = [];
  let ahead = 0;
  let read = 0;
  const end = (how: 'cached' | 'done' | 'stopped') => parentPort!.postMessage({ read, end: how });
  for (let i = 0; i < paths.length; i++) {
    for (;;) {
      if (Atomics.load(state, 1) !== 0) return end('stopped');
      const consumed = Atomics.load(state, 0);
      if (ahead - consumed * 1024 <= lead) break;
      Atomics.wait(state, 0, consumed, 100);
    }
    const t = performance.now();
    try {
      const fd = fs.openSync(`${root}/${paths[i]}`, 'r');
      try {
        while (fs.readSync(fd, scratch, 0, scratch.length, null) === scratch.length);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      // Phase 1 reports an unreadable file; here it is only one less to read ahead.
    }
    read++;
    ahead += sizes[i];
    times.push(performance.now() - t);
    if (times.length === window) {
      times.sort((a, b) => a - b);
      if (times[window >> 1] < cachedMs) return end('cached');
      times.length = 0;
    }
  }
  end('done');
}
