/**
 * A phase 1 worker thread (phase-one-threads.ts): paths in; outline and local results out,
 * as the JSON of their cache frames. The text and the full facts stay (and die) here: the
 * main thread gets what the index and the report need, and reads a file again only for the
 * few findings that need its text.
 *
 * The worker's script is scan-worker-main.ts in the engine's build; a bundle that inlines
 * the engine (the VS Code extension's server) calls serveScanWorker() from its own entry
 * instead, see setWorkerScript.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../rules';
import { createProject } from './check';
import { checkedFrames } from '../index/cache-pack';
import { phaseOne, type PhaseOneOutput } from './source-io';
import type { WireOutput, WorkRequest, WorkResponse, WorkerSetup } from './worker-pool';

/** Whether this thread was started as a scan worker (its workerData is a WorkerSetup). */
export function isScanWorker(): boolean {
  return !!parentPort && !!workerData && Array.isArray((workerData as WorkerSetup).ruleIds);
}

/** Answers the main thread's work requests for the life of this worker. */
export function serveScanWorker(): void {
  const setup = workerData as WorkerSetup;
  const rules = setup.ruleIds.map((id) => allRules.find((r) => r.meta.id === id)!);
  const project = createProject(setup.root, setup.config, rules);
  parentPort!.on('message', (req: WorkRequest) => {
    let res: WorkResponse;
    try {
      // Each file's frames are made as soon as it is checked: a batch holds its files' JSON
      // until it is sent, not their facts' and results' objects.
      res = encode(req.id, req.items.map((it) => framed(it.path, phaseOne(project, it.path, it.expectKey))));
    } catch (err) {
      res = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    // Copied, not moved: moving (a transfer list) detaches an ArrayBuffer in this isolate,
    // and V8 then drops every optimized function that reads a typed array and compiles it
    // again with a detach check on each access. The front end reads its token arrays per
    // token: 6.4% more instructions after the first batch (cachegrind, node
    // --single-threaded), against a memcpy of ~3 MB per batch.
    parentPort!.postMessage(res);
  });
}

/** A file's answer with a checked file's results as the JSON of their cache frames. */
type FramedOutput = Exclude<PhaseOneOutput, { outline: unknown }> | { key: string; frames: [string, string] };

function framed(path: string, out: PhaseOneOutput): FramedOutput {
  return 'outline' in out ? { key: out.key, frames: checkedFrames(path, out.local, out.outline) } : out;
}

/** The batch's answers, every checked file's frames encoded into one buffer (see WorkOutput). */
function encode(id: number, answers: FramedOutput[]): WorkResponse {
  const texts: string[] = [];
  const outs: WireOutput[] = answers.map((a) => {
    if (!('frames' in a)) return a;
    texts.push(...a.frames);
    return { key: a.key, packed: [0, 0, 0, 0] };
  });
  const sizes = texts.map((t) => Buffer.byteLength(t));
  const bytes = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
  const encoder = new TextEncoder();
  let at = 0;
  let t = 0;
  for (const o of outs) {
    if (!('packed' in o)) continue;
    for (let k = 0; k < 2; k++, t++) {
      o.packed[2 * k] = at;
      encoder.encodeInto(texts[t], bytes.subarray(at));
      at += sizes[t];
      o.packed[2 * k + 1] = at;
    }
  }
  return { id, outs, bytes };
}
