/**
 * The scan step shared by `check` and `baseline`: optional shard selection, progress,
 * the scan itself, warnings for skipped files and rule failures, and narrowing the
 * report to changed files (`--changed-since`) after the whole tree was checked, so
 * rules that look across files still see everything.
 */
import {
  buildReport,
  discoverFiles,
  PreparedScan,
  scanWorkspaceParallel,
  type ComplianceReport,
  type FileResult,
  type Project,
  type SkippedFile,
  type Violation,
} from '@ssot-lint/shared-rules';
import { startProgress } from './progress';
import { inShard, type Shard } from './shard';
import type { Workspace } from './workspace';

export interface ScanOptions {
  shard?: Shard;
  /** Root-relative paths of changed files; the report keeps only these. */
  changed?: Set<string>;
  progress: { tty: boolean; forced: boolean };
  /** Facts cache folder; null = no cache; undefined = the engine's default. */
  cacheDir?: string | null;
  /** Threads reading and checking files, the main one included (`--jobs`; 0: automatic, see autoThreads); the output does not depend on it. */
  jobs: number;
}

export interface CliScan {
  /** Results of the files the report covers. */
  results: FileResult[];
  /** Findings about the workspace as a whole (kept only where this run owns their file). */
  workspaceViolations: Violation[];
  report: ComplianceReport;
  /** Whether a baseline entry's file belongs to this run (see baselineScope). */
  covers: (file: string) => boolean;
  /** The engine's wall time per step (ScanResult.timings); empty for an empty shard. */
  timings: Record<string, number>;
  /**
   * The identity of the world the results belong to (worldIdentity), when the scan cache
   * holds it for the next run and no rule failed: what a record of this run's output is
   * keyed by (report-replay.ts).
   */
  world: string | undefined;
}

/** The paths a run checks: the given ones, narrowed to the shard; undefined for the whole tree. */
export function scanPathsOf(ws: Workspace, project: Project, shard: Shard | undefined): string[] | undefined {
  if (!shard) return ws.scanPaths;
  const found = discoverFiles(ws.root, project.scope, { paths: ws.scanPaths, maxFileBytes: ws.config.maxFileBytes });
  return found.files.map((f) => f.path).filter((p) => inShard(p, shard));
}

/** Discovery and the scan cache for a run of `paths`; undefined for an empty shard (nothing to scan). */
export function prepareScan(project: Project, paths: string[] | undefined, cacheDir: string | null | undefined): PreparedScan | undefined {
  return paths && paths.length === 0 ? undefined : new PreparedScan(project, paths, cacheDir);
}

/** The warnings for files a scan could not use (a symlink is skipped by design, not reported). */
export function warnSkipped(skipped: readonly SkippedFile[]): void {
  for (const s of skipped) if (s.reason !== 'symlink') process.stderr.write(`ssot-lint: skipped ${s.path}: ${s.reason}\n`);
}

/** `prepared`: discovery and the cache done already for this run (prepareScan), else done here. */
export async function runScan(ws: Workspace, project: Project, opts: ScanOptions, prepared?: PreparedScan | undefined): Promise<CliScan> {
  const paths = prepared ? prepared.paths : scanPathsOf(ws, project, opts.shard);
  prepared ??= prepareScan(project, paths, opts.cacheDir);
  const progress = startProgress(opts.progress);
  // An empty shard is an empty run, not "no paths given" (which would mean the whole tree).
  const scan = prepared ? await scanWorkspaceParallel(project, paths, { cacheDir: opts.cacheDir, jobs: opts.jobs, onProgress: progress.onProgress, prepared }) : undefined;
  progress.done();
  if (scan && process.env.SSOT_LINT_TIMINGS) {
    process.stderr.write(`ssot-lint phase 1 threads: ${scan.threads}\n`);
    if (scan.readAhead) process.stderr.write(`ssot-lint read-ahead: ${scan.readAhead.read} files (${scan.readAhead.end})\n`);
    const c = scan.cache;
    if (c) process.stderr.write(`ssot-lint scan cache: ${c.hits} files reused, ${c.misses} read, phase 2 ${c.replayed ? 'replayed' : `run on ${c.phase2} of ${scan.results.length} files`}\n`);
  }
  let ruleFailed = false;
  if (scan) {
    warnSkipped(scan.skipped);
    for (const r of scan.results) {
      for (const e of r.internalErrors) process.stderr.write(`ssot-lint: rule ${e.rule} failed on ${r.file.path}: ${e.message}\n`);
      ruleFailed ||= r.internalErrors.length > 0;
    }
  }
  let results = scan?.results ?? [];
  let workspaceViolations = scan?.workspaceViolations ?? [];
  let report = scan?.report ?? buildReport([], []);
  if (opts.changed || opts.shard) {
    // Workspace-level findings are computed from the whole tree by every run; each belongs
    // to the one shard (or changed set) holding its file, so merged shards count it once.
    results = results.filter((r) => !opts.changed || opts.changed.has(r.file.path));
    workspaceViolations = workspaceViolations.filter((v) => (!opts.changed || opts.changed.has(v.file)) && (!opts.shard || inShard(v.file, opts.shard)));
    report = { ...reportOf(results, workspaceViolations), ...extraFields(scan?.report) };
  }
  const checked = new Set(results.map((r) => r.file.path));
  const selected = (file: string) =>
    (!ws.scanPaths || ws.scanPaths.some((p) => file === p || file.startsWith(p.endsWith('/') ? p : `${p}/`))) &&
    (!opts.shard || inShard(file, opts.shard)) &&
    (!opts.changed || opts.changed.has(file));
  // A baseline entry belongs to this run when its file was checked here or would have been
  // selected here (a deleted or newly excluded file): so across the shards of one matrix
  // each entry is counted in exactly one, and fixed counts add up.
  const covers = (file: string) => checked.has(file) || selected(file);
  return { results, workspaceViolations, report, covers, timings: scan?.timings ?? {}, world: ruleFailed ? undefined : scan?.cache?.world };
}

function reportOf(results: readonly FileResult[], workspaceViolations: readonly Violation[]): ComplianceReport {
  return buildReport(
    results.map((r) => ({ path: r.file.path, category: r.file.category })),
    [...results.flatMap((r) => r.violations), ...workspaceViolations],
    results.reduce((n, r) => n + r.suppressedCount, 0),
  );
}

/** Report fields beyond the counted ones (e.g. `adoption`, a whole-workspace measure): carried over as they are. */
function extraFields(report: ComplianceReport | undefined): Partial<ComplianceReport> {
  if (!report) return {};
  const counted = new Set(Object.keys(buildReport([], [])));
  return Object.fromEntries(Object.entries(report).filter(([k]) => !counted.has(k)));
}
