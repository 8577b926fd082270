/**
 * Worker thread of scanWorkspaceParallel: bytes in, facts and definition shapes out.
 * The text stays here: the main thread re-reads it only for the files it checks.
 */
import { parentPort } from 'node:worker_threads';
import { extractFromBytes } from './source-io';
import type { WorkOutput, WorkRequest, WorkResponse } from './worker-pool';

parentPort?.on('message', (req: WorkRequest) => {
  let res: WorkResponse;
  try {
    const outs: WorkOutput[] = req.items.map((it) => {
      const out = extractFromBytes(it.path, it.bytes);
      return 'reason' in out ? out : { facts: out.facts, shapes: out.shapes };
    });
    res = { id: req.id, outs };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(res);
});
