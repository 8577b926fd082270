/**
 * Phase 1 of many files spread over threads: this one and `threads - 1` workers (see
 * worker-pool.ts). The driver of both callers that take a whole tree through phase 1: the
 * CLI's scan (scanWorkspaceParallel) and the language server's background scan. Each job's
 * answer goes to `accept` by job number, so a caller places it by position and its output
 * never depends on which thread finished first.
 *
 * This thread takes part: on the 2-vCPU machines of issue 7, two workers plus an idle
 * main thread were no faster than one thread (measured), while main + one worker use both
 * cores. Its share comes in small pieces with a pause (the caller's: an event-loop turn)
 * between them, in which the workers' answers are taken in and an editor's requests served.
 */
import * as os from 'node:os';
import { allRules } from '../rules';
import { languageOf, type Project } from './check';
import { phaseOne, type PhaseOneOutput } from './source-io';
import { WorkerPool, workerScript, type WorkOutput } from './worker-pool';
import { readAheadOf, type ReadAhead, type ReadAheadSummary } from './read-ahead';

export interface PhaseOneJob {
  path: string;
  /** The content key of the file's cache entry (bytes with this key need no check). */
  expectKey: string | undefined;
  /** Bytes on disk: batches are cut by size. */
  size: number;
}

/** A job's answer: phaseOne's (from this thread or a worker), or the error that stopped it. */
export type PhaseOneAnswer = PhaseOneOutput | WorkOutput | Error;

export interface ThreadedRun {
  /** Threads including this one; 1 runs every job here. Workers need the built-in rules only (see canUseWorkers). */
  threads: number;
  /** Between two of this thread's shares; resolving true stops the run (answers still pending are dropped). */
  pause(): Promise<boolean>;
}

/** One thread per core. */
export function defaultThreads(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Workers start (automatic threads) only for at least this many bytes to read. Each one
 * loads the engine and warms up its own compiled code before it runs at full speed, and
 * below this they did not pay on the 2-vCPU machines of issue 7. Cold `check`, medians of
 * 5, 1 thread against 2: 7.8 MB 0.79 / 0.90 s; 19 MB 1.38 / 1.40 s; 38 MB 2.09 / 2.14 s, with
 * ~1.6 s more CPU on 2; 95 MB 3.9 / 3.3 s. The language server's first scan: 19 MB 2.11 /
 * 2.17 s; 95 MB 4.9 / 4.6 s.
 */
export const AUTO_WORKERS_FROM_BYTES = 32 << 20;

/** Threads when none are asked for (`--jobs` left out, `scanJobs` 0): one per core when there is enough to read, else 1. */
export function autoThreads(bytesToRead: number): number {
  return bytesToRead >= AUTO_WORKERS_FROM_BYTES ? defaultThreads() : 1;
}

/**
 * Whether the project's phase 1 can run in workers: they rebuild the project from its
 * config and built-in rule ids, so a project with rules of its own (a test's, a plugin's)
 * runs in this thread; and the worker script must exist (a test runner executing the
 * TypeScript sources may have no build).
 */
export function canUseWorkers(project: Project): boolean {
  return project.rules.every((r) => allRules.includes(r)) && workerScript() !== undefined;
}

/**
 * Runs every job's phase 1 and hands each answer to `accept`. Resolves with the number of
 * threads that ran (1 when workers cannot be used or there is one job) once all were
 * answered, undefined when `pause` stopped the run. An exception thrown by `accept` does
 * not stop the other jobs; the first one is rethrown at the end.
 */
export async function runPhaseOne(project: Project, jobs: readonly PhaseOneJob[], accept: (job: number, answer: PhaseOneAnswer) => void, run: ThreadedRun): Promise<{ threads: number; readAhead?: ReadAheadSummary } | undefined> {
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let readAhead: ReadAheadSummary | undefined;
  const stop = () => {
    stopped = true;
    return undefined;
  };
  let ahead: ReadAhead | undefined;
  const settle = (j: number, answer: PhaseOneAnswer) => {
    ahead?.consumed(jobs[j].size);
    if (stopped) return;
    try {
      accept(j, answer);
    } catch (error) {
      failure ??= { error };
    }
  };
  const workers = run.threads > 1 && jobs.length > 1 && canUseWorkers(project) ? run.threads - 1 : 0;
  const pool = workers > 0 ? new WorkerPool(workerScript()!, workers, { root: project.root, config: project.config, ruleIds: project.rules.map((r) => r.meta.id) }) : undefined;
  try {
    const inflight = new Set<Promise<void>>();
    // TypeScript and JavaScript files are this thread's first, the rest the workers' first,
    // and each side takes from the other's queue once its own is empty: the compiler the
    // former need costs each thread that loads it ~0.2 s, and a worker never loads it while
    // there is other work (on a mostly-Python tree, never), yet a mostly-TypeScript tree
    // still keeps every thread busy.
    const herePreferred = (j: number) => workers > 0 && usesCompiler(jobs[j].path);
    const compiled = new JobQueue(jobs, herePreferred);
    const rest = new JobQueue(jobs, (j) => !herePreferred(j));
    ahead = readAheadOf(project.root, compiled.interleavedWith(rest).map((j) => jobs[j]));
    const forWorkers = () => (rest.empty ? compiled : rest);
    const forHere = () => (compiled.empty ? rest : compiled);
    const dispatch = (p: WorkerPool) => {
      // Two batches per worker: one running, one queued, so no worker waits on this thread.
      while (inflight.size < workers * 2 && !forWorkers().empty) {
        const batch = forWorkers().take(32, 1 << 20);
        const answered = p.run(batch.map((j) => ({ path: jobs[j].path, expectKey: jobs[j].expectKey }))).then(
          (outs) => outs.forEach((o, k) => settle(batch[k], o)),
          (err: unknown) => batch.forEach((j) => settle(j, asError(err))),
        );
        const tracked = answered.finally(() => inflight.delete(tracked));
        inflight.add(tracked);
      }
    };
    while (!forHere().empty) {
      if (pool) dispatch(pool);
      // A small share here, then back to the caller's pause to take the workers' answers in.
      for (const j of forHere().take(8, 256 << 10)) settle(j, answerHere(project, jobs[j]));
      if (await run.pause()) return stop();
    }
    while (inflight.size > 0) {
      await Promise.race(inflight);
      if (await run.pause()) return stop();
    }
  } finally {
    await pool?.close();
    readAhead = await ahead?.stop();
  }
  if (failure) throw failure.error;
  return { threads: workers + 1, ...(readAhead ? { readAhead } : {}) };
}

/** The jobs of one queue, in job order, taken from the front. */
class JobQueue {
  private readonly order: number[] = [];
  private next = 0;

  constructor(
    private readonly jobs: readonly PhaseOneJob[],
    belongs: (job: number) => boolean,
  ) {
    for (let j = 0; j < jobs.length; j++) if (belongs(j)) this.order.push(j);
  }

  get empty(): boolean {
    return this.next === this.order.length;
  }

  /**
   * Both queues' jobs in the order they are likely taken when this queue's thread and
   * the other's take from them at the same rate in bytes: the order to read them ahead in.
   */
  interleavedWith(other: JobQueue): number[] {
    const out: number[] = [];
    let i = 0;
    let k = 0;
    let mine = 0;
    let theirs = 0;
    while (i < this.order.length || k < other.order.length) {
      if (k === other.order.length || (i < this.order.length && mine <= theirs)) {
        mine += this.jobs[this.order[i]].size;
        out.push(this.order[i++]);
      } else {
        theirs += other.jobs[other.order[k]].size;
        out.push(other.order[k++]);
      }
    }
    return out;
  }

  /** The next jobs, up to `count` jobs or `bytes` bytes (at least one). */
  take(count: number, bytes: number): number[] {
    const out: number[] = [];
    let total = 0;
    while (!this.empty && out.length < count && (out.length === 0 || total + this.jobs[this.order[this.next]].size <= bytes)) {
      const j = this.order[this.next++];
      total += this.jobs[j].size;
      out.push(j);
    }
    return out;
  }
}

const usesCompiler = (path: string): boolean => {
  const language = languageOf(path);
  return language === 'typescript' || language === 'javascript';
};

function answerHere(project: Project, job: PhaseOneJob): PhaseOneAnswer {
  try {
    return phaseOne(project, job.path, job.expectKey);
  } catch (err) {
    return asError(err);
  }
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
