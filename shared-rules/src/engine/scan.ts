/**
 * Checks a workspace on disk: discover files in scope, read and decode each, run
 * the rules, and build the report. Unreadable, binary and oversized files are
 * skipped with a reason, never fatal.
 *
 * Two phases: facts for every file of the workspace (phase 1: from the cache by stat or
 * content hash, else extracted, in worker threads with scanWorkspaceParallel), then the
 * index, then the rules on the requested files (phase 2, main thread: rules need the
 * whole index). Results keep facts but not text (see lazy-source.ts).
 */
import { createHash } from 'node:crypto';
import { discoverFiles, type DiscoveredFile } from '../workspace/discover';
import { buildReport, type ComplianceReport } from '../report';
import type { FileFacts } from '../facts';
import type { Violation } from '../types';
import { FactsCache, cacheVersionKey, contentKey, defaultCacheDir } from '../index/facts-cache';
import { createWorkspaceIndex } from '../index/build';
import type { WorkspaceIndex } from '../index/workspace-index';
import { checkFile, type FileResult, type Project } from './check';
import { adoptionReport, checkWorkspaceLevel, configFileOf } from './workspace';
import { decodeFile, extractFromBytes, readBytes, type SkippedFile } from './source-io';
import { extensionOf, lazySourceFile } from './lazy-source';
import { WorkerPool, workerScript, type WorkItem } from './worker-pool';

export { decodeFile, readSource, type DecodedFile, type SkippedFile } from './source-io';

export interface ScanResult {
  results: FileResult[];
  skipped: SkippedFile[];
  report: ComplianceReport;
  bytes: number;
  /** Findings about the workspace as a whole (e.g. a canonical module missing), also in the report. */
  workspaceViolations: Violation[];
  /** Facts-cache use of this scan; undefined when the cache was off. `results` counts files whose rule results were reused. */
  cache?: { file: string; hits: number; misses: number; results: number };
}

export interface ScanProgress {
  /** 'facts': reading and extracting (every file of the workspace); 'rules': checking the requested files. */
  phase: 'facts' | 'rules';
  done: number;
  total: number;
}

export interface ScanOptions {
  /**
   * Where the facts cache lives: undefined = the default (`node_modules/.cache/ssot-lint`
   * in the workspace, else the OS cache dir); null = no cache.
   */
  cacheDir?: string | null;
  /** Called as files complete (at most once per file and phase), for progress bars. */
  onProgress?: (p: ScanProgress) => void;
}

export interface ParallelScanOptions extends ScanOptions {
  /** Worker threads extracting facts; 1 (the default) extracts in this thread. */
  jobs?: number;
}

/** A file whose facts are known (phase 1 done). */
interface Loaded {
  key: string;
  facts: FileFacts;
  shapes: readonly string[];
}

/**
 * The whole index always covers the whole workspace, even when `paths` narrows the check,
 * because a duplicate or a canonical definition can live in any file. The built index is
 * left on `project.index`, so later checkFile calls (fix-all, an editor) see cross-file results.
 */
export function scanWorkspace(project: Project, paths?: string[], options: ScanOptions = {}): ScanResult {
  const scan = new Scan(project, paths, options);
  for (let i = 0; i < scan.all.length; i++) {
    const work = scan.lookup(i);
    if (work) scan.accept(i, work.key, extractFromBytes(work.path, work.bytes));
  }
  return scan.finish();
}

/** scanWorkspace with phase 1 spread over `jobs` worker threads; the result is identical. */
export async function scanWorkspaceParallel(project: Project, paths?: string[], options: ParallelScanOptions = {}): Promise<ScanResult> {
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  const script = jobs > 1 ? workerScript() : undefined;
  if (!script) return scanWorkspace(project, paths, options);
  const scan = new Scan(project, paths, options);
  const pool = new WorkerPool(script, jobs);
  try {
    const inflight = new Set<Promise<void>>();
    let batch: (WorkItem & { index: number; key: string })[] = [];
    let batchBytes = 0;
    const flush = () => {
      const items = batch;
      batch = [];
      batchBytes = 0;
      const p = pool.run(items).then((outs) => outs.forEach((o, j) => scan.accept(items[j].index, items[j].key, o)));
      const tracked = p.finally(() => inflight.delete(tracked));
      inflight.add(tracked);
    };
    for (let i = 0; i < scan.all.length; i++) {
      const work = scan.lookup(i);
      if (!work) continue;
      batch.push({ index: i, key: work.key, path: work.path, bytes: work.bytes });
      batchBytes += work.bytes.byteLength;
      // Small batches keep both workers busy; a few MB each bounds the bytes in flight.
      if (batch.length >= 32 || batchBytes >= 1 << 20) flush();
      // Back-pressure: reading ahead of the workers only fills memory.
      while (inflight.size >= jobs * 3) await Promise.race(inflight);
    }
    if (batch.length) flush();
    while (inflight.size) await Promise.race(inflight);
  } finally {
    await pool.close();
  }
  return scan.finish();
}

/** One scan's state: phase 1 fills `loaded` (by position, so completion order does not matter), finish() does the rest. */
class Scan {
  readonly all: DiscoveredFile[];
  private readonly found: { files: DiscoveredFile[]; skipped: SkippedFile[] };
  private readonly cache: FactsCache | undefined;
  private readonly loaded: (Loaded | SkippedFile | undefined)[];
  private readonly started = Date.now();
  private factsDone = 0;
  private resultHits = 0;

  constructor(
    private readonly project: Project,
    private readonly paths: string[] | undefined,
    private readonly options: ScanOptions,
  ) {
    const maxFileBytes = project.config.maxFileBytes;
    const all = discoverFiles(project.root, project.scope, { maxFileBytes });
    this.found = paths ? discoverFiles(project.root, project.scope, { paths, maxFileBytes }) : all;
    this.all = all.files;
    this.loaded = new Array(this.all.length);
    this.cache = options.cacheDir === null ? undefined : FactsCache.open(options.cacheDir ?? defaultCacheDir(project.root), project.root);
  }

  /** Phase 1 for file i from the cache (by stat, else by content); returns the bytes when they need extracting. */
  lookup(i: number): { path: string; key: string; bytes: Uint8Array } | undefined {
    const f = this.all[i];
    const byStat = this.cache?.byStat(f.path, f);
    if (byStat) {
      this.cache!.recordStat(f.path, f, byStat.key, this.started);
      this.done(i, { key: byStat.key, ...byStat.cached });
      return undefined;
    }
    const bytes = readBytes(this.project.root, f.path);
    if ('reason' in bytes) {
      this.done(i, bytes);
      return undefined;
    }
    const key = contentKey(extensionOf(f.path), bytes);
    const cached = this.cache?.get(key);
    if (cached) {
      this.cache!.recordStat(f.path, f, key, this.started);
      this.done(i, { key, ...cached });
      return undefined;
    }
    return { path: f.path, key, bytes };
  }

  /** Phase 1 result of extracting file i (here or in a worker). */
  accept(i: number, key: string, out: { facts: FileFacts; shapes: string[] } | SkippedFile): void {
    if ('reason' in out) return this.done(i, out);
    const f = this.all[i];
    this.cache?.set(key, { facts: out.facts, shapes: out.shapes });
    this.cache?.recordStat(f.path, f, key, this.started);
    this.done(i, { key, facts: out.facts, shapes: out.shapes });
  }

  private done(i: number, v: Loaded | SkippedFile): void {
    this.loaded[i] = v;
    this.options.onProgress?.({ phase: 'facts', done: ++this.factsDone, total: this.all.length });
  }

  finish(): ScanResult {
    const { project, paths, cache } = this;
    const index = createWorkspaceIndex(project);
    const byPath = new Map<string, Loaded | SkippedFile>();
    // Path order (discovery sorts), whatever order the workers finished in: the index's
    // iteration order must not depend on timing.
    this.all.forEach((f, i) => {
      const l = this.loaded[i];
      if (!l) return;
      byPath.set(f.path, l);
      if (!('reason' in l)) index.add(f.path, l.facts, l.shapes);
    });
    project.index = index;
    const digest = inputsDigest(project, index, byPath);
    const skipped: SkippedFile[] = [...this.found.skipped];
    const results: FileResult[] = [];
    let bytes = 0;
    for (const f of this.found.files) {
      let l = byPath.get(f.path);
      if (!l) {
        // Named explicitly but outside the whole-workspace walk (an excluded path given on the command line).
        const read = readBytes(project.root, f.path);
        const key = 'reason' in read ? '' : contentKey(extensionOf(f.path), read);
        const out = 'reason' in read ? read : extractFromBytes(f.path, read);
        l = 'reason' in out ? out : { key, facts: out.facts, shapes: out.shapes };
      }
      if ('reason' in l) {
        skipped.push({ path: f.path, reason: l.reason });
        continue;
      }
      bytes += f.size;
      results.push(this.check(f.path, l, digest));
      this.options.onProgress?.({ phase: 'rules', done: results.length, total: this.found.files.length });
    }
    const whole = this.workspaceLevel(digest);
    cache?.save(paths === undefined);
    // A check of given paths (a pre-commit hook, `check some/dir`) is about those files: a
    // finding about the workspace as a whole is reported only when it lands on one of them.
    const checked = new Set(results.map((r) => r.file.path));
    const workspaceViolations = whole.violations.filter((v) => paths === undefined || checked.has(v.file));
    const violations = [...results.flatMap((r) => r.violations), ...workspaceViolations];
    const report = buildReport(
      results.map((r) => ({ path: r.file.path, category: r.file.category })),
      violations,
      results.reduce((n, r) => n + r.suppressedCount, 0),
      { adoption: whole.adoption },
    );
    const cacheInfo = cache ? { file: cache.file, hits: cache.hits, misses: cache.misses, results: this.resultHits } : undefined;
    return { results, skipped, report, bytes, workspaceViolations, cache: cacheInfo };
  }

  /** The workspace-level pass, from the cache when nothing it reads changed (the config file's text included). */
  private workspaceLevel(digest: string): { violations: Violation[]; adoption: ReturnType<typeof adoptionReport> } {
    const { project, cache } = this;
    const configFile = configFileOf(project);
    const configBytes = configFile ? readBytes(project.root, configFile) : undefined;
    const key = `${digest}\0${configBytes && !('reason' in configBytes) ? contentKey('', configBytes) : '-'}`;
    const hit = cache?.workspaceResult(key);
    if (hit) return { violations: hit.violations, adoption: hit.adoption as ReturnType<typeof adoptionReport> };
    const out = { violations: checkWorkspaceLevel(project), adoption: adoptionReport(project) };
    cache?.setWorkspaceResult({ digest: key, ...out });
    return out;
  }

  /** Phase 2 for one file: cached results when its bytes and every input of the rules are unchanged, else the rules. */
  private check(relPath: string, l: Loaded, digest: string): FileResult {
    const { project, cache } = this;
    const hit = cache?.result(relPath, l.key, digest);
    if (hit) {
      this.resultHits++;
      const { violations, suppressedCount, usedSuppressions } = hit;
      return { file: lazySourceFile(project, relPath, l.key, l.facts), violations, suppressedCount, usedSuppressions, internalErrors: [] };
    }
    const bytes = readBytes(project.root, relPath);
    const decoded = 'reason' in bytes ? undefined : decodeFile(relPath, bytes);
    if (!decoded || 'binary' in decoded || contentKey(extensionOf(relPath), bytes as Uint8Array) !== l.key) {
      // Changed (or gone) since phase 1: check what phase 1 indexed would need its text,
      // which is no longer anywhere. Check the file as it is now, and cache nothing.
      const now = decoded && !('binary' in decoded) ? decoded.text : '';
      return checkFile(project, relPath, now);
    }
    const r = checkFile(project, relPath, decoded.text, l.facts);
    if (r.internalErrors.length === 0) {
      cache?.setResult(relPath, { key: l.key, digest, violations: r.violations, suppressedCount: r.suppressedCount, usedSuppressions: r.usedSuppressions });
    }
    // Drop the text: the results of a 470 MB tree must not hold 470 MB of strings.
    return { ...r, file: lazySourceFile(project, relPath, l.key, l.facts) };
  }
}

/**
 * Everything a file's rule results can depend on besides its own bytes: engine and rules
 * code, the config, the rule set, and the whole tree (each file's content key and, for TS,
 * its tsconfig path mapping), because workspace rules follow imports and base classes
 * transitively. So an unchanged tree reuses every result, and any edit re-runs the rules
 * (facts still come from the cache). A finer per-file digest would need each rule to
 * declare which index entries it read.
 */
function inputsDigest(project: Project, index: WorkspaceIndex, files: Map<string, Loaded | SkippedFile>): string {
  const h = createHash('sha1');
  h.update(`${cacheVersionKey()}\0${project.root}\0${JSON.stringify(project.config)}\0`);
  h.update(project.rules.map((r) => r.meta.id).join(','));
  for (const [p, l] of files) {
    h.update(`\0${p}\0${'reason' in l ? `!${l.reason}` : l.key}`);
    if (!('reason' in l) && l.facts.language !== 'python') h.update(JSON.stringify(index.options.tsPaths?.(p) ?? null));
  }
  return h.digest('base64url');
}
