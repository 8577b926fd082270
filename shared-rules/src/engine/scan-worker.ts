/**
 * Worker thread of scanWorkspaceParallel: paths in; outline and local results out. The
 * text and the full facts stay (and die) here: the main thread gets what the index and
 * the report need, and reads a file again only for the few findings that need its text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../rules';
import { createProject } from './check';
import { phaseOne } from './source-io';
import type { WorkOutput, WorkRequest, WorkResponse, WorkerSetup } from './worker-pool';

const setup = workerData as WorkerSetup;
const rules = setup.ruleIds.map((id) => allRules.find((r) => r.meta.id === id)!);
const project = createProject(setup.root, setup.config, rules);

parentPort?.on('message', (req: WorkRequest) => {
  let res: WorkResponse;
  try {
    const outs: WorkOutput[] = req.items.map((it) => phaseOne(project, it.path, it.expectKey));
    res = { id: req.id, outs };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(res);
});
