/**
 * A fixed pool of worker threads for phase 1 of a scan (decode, facts, outline, local
 * rules; see source-io.ts checkLocalBytes). Each
 * batch goes to the least busy worker, which reads the files itself. Results come
 * back per batch in item order, so callers can place them by position and the scan's
 * output never depends on which worker finished first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/types';
import type { PackedCheck } from '../index/cache-pack';
import type { PhaseOneOutput } from './source-io';

export interface WorkItem {
  path: string;
  /** The content key of the file's cache entry: bytes with this key need no check. */
  expectKey?: string;
}

/**
 * A worker's answer for one file: phaseOne's, except that a checked file's results and
 * outline come as the JSON of their cache frames (PackedCheck), not as a structured clone
 * of the objects: the worker's serialising and this thread's decoding both got cheaper,
 * and the scan cache writes the same bytes as they are.
 */
export type WorkOutput = Exclude<PhaseOneOutput, { outline: unknown }> | { key: string; packed: PackedCheck };

/** On the wire: a checked file's frames as [start, end) offsets into the response's one buffer. */
export type WireOutput = Exclude<PhaseOneOutput, { outline: unknown }> | { key: string; packed: [number, number, number, number] };

/** What a worker needs to rebuild the project: the rules by id (a worker has the built-in ones only). */
export interface WorkerSetup {
  root: string;
  config: ResolvedConfig;
  ruleIds: string[];
}

export interface WorkRequest {
  id: number;
  items: WorkItem[];
}

export type WorkResponse = { id: number; outs: WireOutput[]; bytes: Uint8Array } | { id: number; error: string };

let scriptOverride: string | undefined;

/**
 * Makes `file` the workers' script: a bundle that inlines the engine (the VS Code
 * extension's server) passes its own entry, which calls serveScanWorker() when started as
 * a worker; one copy of the engine, not two, in the .vsix.
 */
export function setWorkerScript(file: string): void {
  scriptOverride = file;
}

/**
 * The workers' script: the one set by setWorkerScript, else the compiled
 * scan-worker-main.js. Under a test runner executing the TypeScript sources the sibling
 * .js does not exist; the built one in dist/ is used then, else none (the scan runs in one
 * thread, with the same results).
 */
export function workerScript(): string | undefined {
  if (scriptOverride) return scriptOverride;
  const candidates = [path.join(__dirname, 'scan-worker-main.js'), path.join(__dirname, '..', '..', 'dist', 'engine', 'scan-worker-main.js')];
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

  constructor(script: string, size: number, setup: WorkerSetup) {
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(script, { workerData: setup }), busy: 0 };
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
      slot.worker.postMessage({ id, items } satisfies WorkRequest);
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
    if ('error' in m) return p.reject(new Error(m.error));
    const { bytes } = m;
    p.resolve(m.outs.map((o) => ('packed' in o ? { key: o.key, packed: { local: bytes.subarray(o.packed[0], o.packed[1]), outline: bytes.subarray(o.packed[2], o.packed[3]) } } : o)));
  }

  private failAll(slot: Slot, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      p.reject(err);
    }
  }
}
