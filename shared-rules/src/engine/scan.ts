/**
 * Checks a workspace on disk: discover files in scope, read and decode each, run
 * the rules, and build the report. Unreadable, binary and oversized files are
 * skipped with a reason, never fatal.
 *
 * Two phases. Phase 1, per file and in worker threads with scanWorkspaceParallel: decode,
 * facts, the file's outline and the results of every rule that does not read the index
 * (from the cache when the file is unchanged). Then the index, from the outlines. Phase 2,
 * main thread: the rules that read the index, on each requested file's outline; a file's
 * text (and facts) are read back only for the files they report on. So the main thread
 * never holds the tree's text or facts, and an edit to one file re-runs the local rules
 * of that file only.
 */
import { discoverFiles, type DiscoveredFile, type DiscoverResult } from '../workspace/discover';
import { buildReport, type ComplianceReport } from '../report';
import type { Violation } from '../types';
import type { FactsCache } from '../index/facts-cache';
import type { TsconfigRead } from '../index/tsconfig';
import type { WorkspaceIndex } from '../index/workspace-index';
import { createWorkspaceIndex } from '../index/build';
import type { FileResult, IndexAdditions, Project } from './check';
import { adoptionReport, checkWorkspaceLevel } from './workspace';
import { phaseOne, type PhaseOneOutput, type SkippedFile } from './source-io';
import type { WorkOutput } from './worker-pool';
import { autoThreads, canUseWorkers, runPhaseOne, type PhaseOneAnswer, type PhaseOneJob } from './phase-one-threads';
import { PhaseOne, phaseTwoOf, replayedResult, type Loaded } from './file-phases';
import { readAheadOf, type ReadAhead, type ReadAheadSummary } from './read-ahead';
import { finished, indexFromPrior, priorWorld, readsStillHold, setLazyIndex, worldDigest, worldIdentity, WorldPass, type IndexedFile } from './scan-world';

export { decodeFile, readSource, type DecodedFile, type SkippedFile } from './source-io';

export interface ScanResult {
  results: FileResult[];
  skipped: SkippedFile[];
  report: ComplianceReport;
  bytes: number;
  /** Findings about the workspace as a whole (e.g. a canonical module missing), also in the report. */
  workspaceViolations: Violation[];
  /**
   * Cache use of this scan (hits: files whose outline and local results were reused;
   * replayed: phase 2 and the workspace pass came from the cache, see scan-world.ts;
   * phase2: the files phase 2 ran on, the others' findings stored ones;
   * world: the identity of the world the results belong to (worldIdentity), when the cache
   * holds it for the next scan); undefined when the cache was off.
   */
  cache?: { file: string; hits: number; misses: number; replayed: boolean; phase2: number; world?: string };
  /** Wall milliseconds per step (discovery and cache load, phase 1, index, phase 2, workspace pass, report, cache save). */
  timings: Record<string, number>;
  /** Threads that ran phase 1 (this one included): 1 without workers, or with nothing to read. */
  threads: number;
  /** What the reader ahead of phase 1 did (see read-ahead.ts), when one ran and said so. */
  readAhead?: ReadAheadSummary;
}

export interface ScanProgress {
  /** 'facts': reading and extracting (every file of the workspace); 'rules': checking the requested files. */
  phase: 'facts' | 'rules';
  done: number;
  total: number;
}

export interface ScanOptions {
  /** Discovery and the cache, already done for this project and paths (see PreparedScan). */
  prepared?: PreparedScan;
  /**
   * Where the scan cache lives: undefined = the default (`node_modules/.cache/ssot-lint`
   * in the workspace, else the OS cache dir); null = no cache.
   */
  cacheDir?: string | null;
  /** Called as files complete (at most once per file and phase), for progress bars. */
  onProgress?: (p: ScanProgress) => void;
}

export interface ParallelScanOptions extends ScanOptions {
  /**
   * Threads for phase 1, this one included; 1 (the default) runs it in this thread only;
   * 0: automatic, one per core when the files to read (those the cache cannot answer by
   * their stat) add up to AUTO_WORKERS_FROM_BYTES, else 1 (see autoThreads).
   */
  jobs?: number;
}

/**
 * The whole index always covers the whole workspace, even when `paths` narrows the check,
 * because a duplicate or a canonical definition can live in any file. The built index is
 * left on `project.index`, so later checkFile calls (fix-all, an editor) see cross-file results.
 */
export function scanWorkspace(project: Project, paths?: string[], options: ScanOptions = {}): ScanResult {
  const scan = new Scan(project, paths, options);
  let ahead: ReadAhead | undefined;
  try {
    const todo = scan.jobs();
    ahead = readAheadOf(project.root, todo);
    for (const t of todo) {
      ahead?.consumed(t.size);
      scan.accept(t.index, phaseOne(project, t.path, t.expectKey));
    }
    return scan.finish();
  } finally {
    // The reader ends on its own (unreferenced): a synchronous scan does not wait for its summary.
    void ahead?.stop();
    scan.abandon();
  }
}

/**
 * scanWorkspace with phase 1 spread over `jobs` threads (this one included, see
 * phase-one-threads.ts); the result is identical.
 */
export async function scanWorkspaceParallel(project: Project, paths?: string[], options: ParallelScanOptions = {}): Promise<ScanResult> {
  const asked = Math.max(0, Math.floor(options.jobs ?? 1));
  if (asked === 1 || !canUseWorkers(project)) return scanWorkspace(project, paths, options);
  const scan = new Scan(project, paths, options);
  try {
    const todo = scan.jobs();
    let bytes = 0;
    for (const t of todo) bytes += t.size;
    const jobs = asked === 0 ? autoThreads(bytes) : asked;
    const accept = (j: number, answer: PhaseOneAnswer) => {
      if (answer instanceof Error) throw answer;
      scan.accept(todo[j].index, answer);
    };
    const ran = await runPhaseOne(project, todo, accept, { threads: jobs, pause: () => new Promise<boolean>((resolve) => setImmediate(resolve, false)) });
    const result = scan.finish(ran!.threads);
    if (ran!.readAhead) result.readAhead = ran!.readAhead;
    return result;
  } finally {
    scan.abandon();
  }
}

/**
 * A scan's first step on its own: discovery (the whole workspace, and the requested paths)
 * and the scan cache opened. A caller may ask it whether the tree is unchanged since the
 * cache recorded it (unchangedWorld) before scanning, then hand it to the scan (options
 * `prepared`), so nothing is walked or read twice.
 */
export class PreparedScan {
  readonly all: DiscoveredFile[];
  readonly found: DiscoverResult;
  readonly phase1: PhaseOne;
  readonly started = Date.now();
  /** Wall milliseconds of discovery and opening the cache. */
  readonly ms: number;

  constructor(
    readonly project: Project,
    readonly paths: string[] | undefined,
    cacheDir: string | null | undefined,
  ) {
    const begin = performance.now();
    const maxFileBytes = project.config.maxFileBytes;
    const all = discoverFiles(project.root, project.scope, { maxFileBytes });
    this.found = paths ? discoverFiles(project.root, project.scope, { paths, maxFileBytes }) : all;
    this.all = all.files;
    this.phase1 = PhaseOne.open(project, cacheDir, { started: this.started });
    this.ms = Math.round(performance.now() - begin);
  }

  /**
   * The identity (worldIdentity) of the cache's world when a scan now would reuse every
   * file's entry by its stat and replay phase 2 and the workspace pass (scan-world.ts): then
   * its results are exactly those of the scan that recorded that world. Else undefined.
   * Reads no file: only the stats discovery took, the cache's entries and the recorded
   * tsconfig answers.
   */
  unchangedWorld(): string | undefined {
    const cache = this.phase1.cache;
    const world = cache?.world;
    if (!cache || !world || this.project.trackIndexReads) return undefined;
    const keys: [string, string][] = [];
    for (const f of this.all) {
      const key = cache.keyByStat(f.path, f);
      if (key === undefined) return undefined;
      keys.push([f.path, key]);
    }
    // A requested file outside the whole-workspace walk is not in the world (see finish).
    const inWorld = this.paths === undefined ? undefined : new Set(this.all.map((f) => f.path));
    if (inWorld && !this.found.files.every((f) => inWorld.has(f.path))) return undefined;
    if (!this.found.files.every((f) => cache.hasAdded(f.path))) return undefined;
    return worldDigest(this.project, this.phase1.inputs, keys) === world.digest && readsStillHold(world.tsconfigReads) ? worldIdentity(world) : undefined;
  }
}

/** One scan's state: phase 1 fills `loaded` (by position, so completion order does not matter), finish() does the rest. */
class Scan {
  readonly all: DiscoveredFile[];
  private readonly found: DiscoverResult;
  private readonly phase1: PhaseOne;
  private readonly loaded: (Loaded | SkippedFile | undefined)[];
  /** The index built while phase 1 runs, when finish() would build it from scratch (see IndexInPathOrder). */
  private readonly early: IndexInPathOrder | undefined;
  private readonly started: number;
  private factsDone = 0;
  readonly timings: Record<string, number> = {};
  private lastMark = performance.now();

  /** Ends the step `name` (wall time since the previous mark). */
  mark(name: string): void {
    const now = performance.now();
    this.timings[name] = Math.round(now - this.lastMark);
    this.lastMark = now;
  }

  constructor(
    private readonly project: Project,
    private readonly paths: string[] | undefined,
    private readonly options: ScanOptions,
  ) {
    const prepared = options.prepared ?? new PreparedScan(project, paths, options.cacheDir);
    if (prepared.project !== project || prepared.paths !== paths) throw new Error('PreparedScan of another project or other paths');
    ({ all: this.all, found: this.found, phase1: this.phase1, started: this.started } = prepared);
    this.loaded = new Array(this.all.length);
    this.timings.discover_and_cache_load = prepared.ms;
    // Without a recorded world there is no replay and no prior world to start from: finish()
    // builds the index from every outline, so it can grow while phase 1 runs.
    if (!project.trackIndexReads && !this.cache?.world) this.early = new IndexInPathOrder(project, this.cache ? [] : undefined);
  }

  private get cache(): FactsCache | undefined {
    return this.phase1.cache;
  }

  /**
   * Phase 1 of every file the cache answers by its stat; the others, in path order, as the
   * jobs left to do (phaseOne's arguments, the file's position and size).
   */
  jobs(): (PhaseOneJob & { index: number })[] {
    const out: (PhaseOneJob & { index: number })[] = [];
    for (let i = 0; i < this.all.length; i++) {
      const found = this.phase1.lookup(this.all[i]);
      if ('key' in found) this.done(i, found);
      else out.push({ index: i, size: this.all[i].size, ...found });
    }
    return out;
  }

  /** Drops the scan cache's pack in progress unless finish() saved it (a scan that threw). */
  abandon(): void {
    this.cache?.abandon();
  }

  /** phaseOne's answer for file i: from this thread, or a worker's (checked files' results as JSON, see WorkOutput). */
  accept(i: number, out: PhaseOneOutput | WorkOutput): void {
    this.done(i, this.phase1.accept(this.all[i], out));
  }

  private done(i: number, v: Loaded | SkippedFile): void {
    this.loaded[i] = v;
    this.early?.advance(this.all, this.loaded, false);
    this.options.onProgress?.({ phase: 'facts', done: ++this.factsDone, total: this.all.length });
  }

  finish(threads = 1): ScanResult {
    this.mark('phase1');
    const { project, paths, cache } = this;
    const byPath = new Map<string, Loaded | SkippedFile>();
    // Path order (discovery sorts), whatever order the workers finished in: the index's
    // iteration order must not depend on timing.
    this.all.forEach((f, i) => {
      const l = this.loaded[i];
      if (l) byPath.set(f.path, l);
    });
    const world = cache && !project.trackIndexReads ? WorldPass.open(project, this.phase1.inputs, cache, indexed(byPath), () => this.allAdded(byPath), this.early?.reads) : undefined;
    const replay = world?.replay;
    // Another world than the recorded one: starting from the recorded one, phase 2 runs only
    // on the files whose findings may change (an edit's dependents, see indexFromPrior).
    const prior = world && !replay ? priorWorld(project, this.phase1.inputs, cache!) : undefined;
    let affected: Set<string> | undefined;
    const buildIndex = () => (this.early ?? new IndexInPathOrder(project, world?.tsconfigReads)).advance(this.all, this.loaded, true);
    if (replay) setLazyIndex(project, buildIndex);
    else if (prior) {
      const index = createWorkspaceIndex(project, world!.tsconfigReads);
      affected = finished(indexFromPrior(index, prior, indexedFiles(byPath)));
      project.index = index;
    } else project.index = buildIndex();
    world?.enter(affected && ((p) => !affected!.has(p)), prior?.record.tsconfigReads);
    this.mark('index');
    let phase2 = 0;
    const skipped: SkippedFile[] = [...this.found.skipped];
    const results: FileResult[] = [];
    let bytes = 0;
    for (const f of this.found.files) {
      let l = byPath.get(f.path);
      if (!l) {
        // Named explicitly but outside the whole-workspace walk (an excluded path given on the command line).
        const out = phaseOne(project, f.path, undefined);
        l = 'reason' in out || 'unchanged' in out ? (out as SkippedFile) : out;
      }
      if ('reason' in l) {
        skipped.push({ path: f.path, reason: l.reason });
        continue;
      }
      bytes += f.size;
      const stored = replay || (affected && !affected.has(f.path) && l.added);
      if (!stored) phase2++;
      results.push(stored ? replayedResult(project, f.path, l as Loaded & { added: IndexAdditions }) : this.check(f.path, l, world));
      this.options.onProgress?.({ phase: 'rules', done: results.length, total: this.found.files.length });
    }
    this.mark('phase2');
    const whole = replay ?? { workspaceViolations: checkWorkspaceLevel(project), adoption: adoptionReport(project) };
    world?.finish(() => whole);
    this.mark('workspace');
    // A check of given paths (a pre-commit hook, `check some/dir`) is about those files: a
    // finding about the workspace as a whole is reported only when it lands on one of them.
    const checked = new Set(results.map((r) => r.file.path));
    const workspaceViolations = whole.workspaceViolations.filter((v) => paths === undefined || checked.has(v.file));
    // A loop, not flatMap: flatMap took 81 ms for a warm 25k scan's 349k violations.
    const violations: Violation[] = [];
    for (const r of results) for (const v of r.violations) violations.push(v);
    for (const v of workspaceViolations) violations.push(v);
    const report = buildReport(
      results.map((r) => ({ path: r.file.path, category: r.file.category })),
      violations,
      results.reduce((n, r) => n + r.suppressedCount, 0),
      { adoption: whole.adoption },
    );
    this.mark('report');
    cache?.save(paths === undefined);
    this.mark('cache_save');
    const cacheInfo = cache ? { file: cache.file, hits: cache.hits, misses: cache.misses, replayed: replay !== undefined, phase2, world: cache.world && worldIdentity(cache.world) } : undefined;
    return { results, skipped, report, bytes, workspaceViolations, cache: cacheInfo, timings: this.timings, threads };
  }

  /** Whether every requested file has its phase 2 additions stored (a replay needs them all). */
  private allAdded(byPath: Map<string, Loaded | SkippedFile>): boolean {
    return this.found.files.every((f) => {
      const l = byPath.get(f.path);
      return l !== undefined && ('reason' in l || l.added !== undefined);
    });
  }

  /**
   * Phase 2 for one file: the index rules on its outline, their additions recorded for the
   * next scan. Text and facts are read back (and checked against the content key) only if
   * a rule reports on the file or needs them for a fix; a file edited since phase 1 reads
   * as '' (see lazy-source.ts).
   */
  private check(relPath: string, l: Loaded, world: WorldPass | undefined): FileResult {
    const { result, added } = phaseTwoOf(this.project, relPath, l);
    world?.record(relPath, added);
    return result;
  }
}

/**
 * The index of a scan's files, added in path order (its tables must not depend on which
 * thread finished first). A scan with no recorded world grows it while phase 1 runs: each
 * file's outline is added as soon as it and every file before it in path order have been
 * through phase 1, and what is left for finish() is the last few files (on the 25k tree the
 * whole build was ~0.4 s of the main thread's serial tail; during phase 1 the workers take
 * a larger share instead).
 */
class IndexInPathOrder {
  private readonly index: WorkspaceIndex;
  private next = 0;

  /** `reads`: where the tsconfig answers the index asks for are recorded (for the cache's world), if anywhere. */
  constructor(
    project: Project,
    readonly reads: TsconfigRead[] | undefined,
  ) {
    this.index = createWorkspaceIndex(project, reads);
  }

  /** Adds the files ready in path order; `all`: to the end, passing files phase 1 never answered. */
  advance(files: readonly DiscoveredFile[], loaded: readonly (Loaded | SkippedFile | undefined)[], all: boolean): WorkspaceIndex {
    for (; this.next < files.length; this.next++) {
      const l = loaded[this.next];
      if (!l && !all) break;
      if (l && !('reason' in l)) this.index.add(files[this.next].path, l.outline);
    }
    return this.index;
  }
}

/** The files the index holds, in path order, for indexFromPrior. */
function* indexedFiles(byPath: Map<string, Loaded | SkippedFile>): Generator<IndexedFile> {
  for (const [p, l] of byPath) if (!('reason' in l)) yield { path: p, key: l.key, outline: () => l.outline };
}

/** [path, content key] of every file the index holds, in path order. */
function* indexed(byPath: Map<string, Loaded | SkippedFile>): Generator<readonly [string, string]> {
  for (const [p, l] of byPath) if (!('reason' in l)) yield [p, l.key];
}
