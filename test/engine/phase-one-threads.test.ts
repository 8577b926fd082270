/**
 * The threaded phase 1 driver (engine/phase-one-threads.ts) shared by the CLI's scan and
 * the language server: every job answered once, by number, whichever thread ran it; a
 * pause that says stop ends the run at once, with the workers stopped and no answer after.
 * Runs the built worker script (dist/), which `npm test` builds first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { AUTO_WORKERS_FROM_BYTES, autoThreads, createProject, defaultThreads, loadConfig, runPhaseOne, type PhaseOneAnswer, type PhaseOneJob } from '../../shared-rules/src';
import { phaseOne } from '../../shared-rules/src/engine/source-io';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-phase-one-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const FILES = 100;
const jobs: PhaseOneJob[] = [];
/** a, b, ..., z, ba, bb, ...: module names without a digit (a `_7` suffix is a legacy copy's). */
const letters = (i: number): string => (i < 26 ? '' : letters(Math.floor(i / 26))) + String.fromCharCode(97 + (i % 26));
for (let i = 0; i < FILES; i++) {
  const rel = `pkg/module_${letters(i)}.py`;
  fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
  fs.writeFileSync(path.join(root, rel), `import os\n\nVALUE_${i} = os.environ['KEY_${i}']\n`);
  jobs.push({ path: rel, expectKey: undefined, size: 40 });
}
const project = createProject(root, loadConfig(root).config);
const turn = () => new Promise<boolean>((resolve) => setImmediate(resolve, false));

/** An answer's local violations as [rule, line], from this thread's object or a worker's frame. */
function violations(a: PhaseOneAnswer): [string, number][] {
  if (a instanceof Error || !('key' in a)) throw new Error(`no result: ${String(a instanceof Error ? a.message : JSON.stringify(a))}`);
  if ('packed' in a) {
    const [, packed] = JSON.parse(new TextDecoder().decode(a.packed.local)) as [string, unknown[][]];
    return packed.map((v) => [v[0] as string, v[2] as number]);
  }
  return 'local' in a ? a.local.violations.map((v) => [v.rule, v.range.start.line]) : [];
}

test('2 threads answer every job once, as this thread alone would', async () => {
  const answers = new Map<number, PhaseOneAnswer>();
  const ran = await runPhaseOne(project, jobs, (j, a) => {
    expect(answers.has(j)).toBe(false);
    answers.set(j, a);
  }, { threads: 2, pause: turn });
  expect(ran).toEqual({ threads: 2 });
  expect(answers.size).toBe(FILES);
  const packed = [...answers.values()].filter((a) => !(a instanceof Error) && 'packed' in a).length;
  expect(packed).toBeGreaterThan(0); // the worker took part
  expect(packed).toBeLessThan(FILES); // and so did this thread
  for (const [j, a] of answers) expect(violations(a)).toEqual(violations(phaseOne(project, jobs[j].path, undefined)));
  expect(violations(answers.get(7)!)).toEqual([['env-access', 2]]);
});

test('a pause that says stop ends the run: no answer comes after', async () => {
  const answered: number[] = [];
  let pauses = 0;
  const ran = await runPhaseOne(project, jobs, (j) => answered.push(j), { threads: 2, pause: async () => ++pauses === 1 });
  expect(ran).toBeUndefined();
  // This thread's first share (8 files) only: the workers' batches were still out.
  expect(answered).toEqual([64, 65, 66, 67, 68, 69, 70, 71]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(answered).toHaveLength(8);
});

test('TypeScript files are this thread\'s while the workers have other work; alone, the workers take them too', async () => {
  const tsJobs: PhaseOneJob[] = [];
  for (let i = 0; i < 40; i++) {
    const rel = `web/component_${letters(i)}.ts`;
    fs.mkdirSync(path.join(root, 'web'), { recursive: true });
    fs.writeFileSync(path.join(root, rel), `export const value${i} = process.env.KEY_${i};\n`);
    tsJobs.push({ path: rel, expectKey: undefined, size: 50 });
  }
  // A pause that never yields to the event loop: no worker answer is taken in, and no batch
  // sent, until this thread has run out of jobs, so who ran what does not depend on timing.
  const noTurn = () => Promise.resolve(false);
  const byWorker = async (list: PhaseOneJob[]) => {
    const answers = new Map<number, PhaseOneAnswer>();
    await runPhaseOne(project, list, (j, a) => answers.set(j, a), { threads: 2, pause: noTurn });
    expect(answers.size).toBe(list.length);
    for (const [j, a] of answers) expect(violations(a)).toEqual(violations(phaseOne(project, list[j].path, undefined)));
    return list.filter((_, j) => { const a = answers.get(j)!; return !(a instanceof Error) && 'packed' in a; }).map((job) => job.path);
  };
  // Mixed: the worker's first two batches are Python (32 files each); every TypeScript file is answered here.
  expect(await byWorker([...tsJobs.slice(0, 20), ...jobs, ...tsJobs.slice(20)])).toEqual(jobs.slice(0, 64).map((j) => j.path));
  // TypeScript only: the worker's batches are TypeScript files.
  expect(await byWorker(tsJobs)).toEqual(tsJobs.map((j) => j.path));
});

test('automatic threads: one per core from AUTO_WORKERS_FROM_BYTES to read, this thread alone below it', () => {
  expect(AUTO_WORKERS_FROM_BYTES).toBe(32 * 1024 * 1024);
  expect(autoThreads(0)).toBe(1);
  expect(autoThreads(AUTO_WORKERS_FROM_BYTES - 1)).toBe(1);
  expect(autoThreads(AUTO_WORKERS_FROM_BYTES)).toBe(defaultThreads());
  expect(autoThreads(475e6)).toBe(defaultThreads());
});
