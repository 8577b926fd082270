/**
 * A fixed pool of worker threads for phase 1 of a scan (decode + facts + shapes). Each
 * batch goes to the least busy worker; bytes are transferred, not copied. Results come
 * back per batch in item order, so callers can place them by position and the scan's
 * output never depends on which worker finished first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../facts';
import type { SkippedFile } from './source-io';

export interface WorkItem {
  path: string;
  bytes: Uint8Array;
}

export type WorkOutput = { facts: FileFacts; shapes: string[] } | SkippedFile;

export interface WorkRequest {
  id: number;
  items: WorkItem[];
}

export type WorkResponse = { id: number; outs: WorkOutput[] } | { id: number; error: string };

/**
 * The compiled worker script. Under a test runner executing the TypeScript sources the
 * sibling .js does not exist; the built one in dist/ is used then, else none (the scan
 * runs in one thread, with the same results).
 */
export function workerScript(): string | undefined {
  const candidates = [path.join(__dirname, 'scan-worker.js'), path.join(__dirname, '..', '..', 'dist', 'engine', 'scan-worker.js')];
  return candidates.find((c) => fs.existsSync(c));
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (o: WorkOutput[]) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 0;

  constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(script), busy: 0 };
      slot.worker.on('message', (m: WorkResponse) => this.settle(m));
      slot.worker.on('error', (err) => this.failAll(slot, err));
      slot.worker.on('exit', (code) => {
        if (code !== 0) this.failAll(slot, new Error(`scan worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  run(items: WorkItem[]): Promise<WorkOutput[]> {
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      // Transfer (not copy) buffers a file's bytes own whole; a shared or pooled one is copied.
      const owners = new Map<ArrayBufferLike, number>();
      for (const it of items) owners.set(it.bytes.buffer, (owners.get(it.bytes.buffer) ?? 0) + 1);
      const safe = items
        .filter((it) => it.bytes.buffer instanceof ArrayBuffer && owners.get(it.bytes.buffer) === 1 && it.bytes.byteOffset === 0 && it.bytes.byteLength === it.bytes.buffer.byteLength)
        .map((it) => it.bytes.buffer as ArrayBuffer);
      slot.worker.postMessage({ id, items } satisfies WorkRequest, safe);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private settle(m: WorkResponse): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    p.slot.busy--;
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(m.outs);
  }

  private failAll(slot: Slot, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      p.reject(err);
    }
  }
}
