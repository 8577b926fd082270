/** `ssot-lint check`: scan, optionally fix, compare with a baseline, render, exit code. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  atLeast,
  compareToBaseline,
  compareViolations,
  contentFingerprints,
  defaultCacheDir,
  fixAll,
  ratchetBaseline,
  readBaseline,
  readSource,
  sarifFixesOf,
  lineStartsOf,
  serializeBaseline,
  summarizeComparison,
  violationKey,
  type Baseline,
  type ComplianceReport,
  type FileResult,
  type PreparedScan,
  type Project,
  type Violation,
} from '@ssot-lint/shared-rules';
import { parseArgs, UsageError } from '../args';
import { applyFixes } from '../fix-files';
import { unifiedDiff } from '../diff';
import { changedFiles } from '../git';
import { HELP } from '../help';
import { cannotWrite, emit, emitPieces, openWorkspace, outputFile, type Workspace } from '../workspace';
import { isFormat, render, type RenderContext } from '../render';
import { prepareScan, runScan, scanPathsOf, warnSkipped, type CliScan, type ScanOptions } from '../scan';
import { parseShard } from '../shard';
import { ReportRecord, type ReplayedRun } from '../report-replay';

const SPEC = {
  values: ['format', 'config', 'root', 'output', 'baseline', 'changed-since', 'shard', 'docs-base-url', 'cache-location', 'jobs'],
  booleans: ['fix', 'fix-dry-run', 'update-baseline', 'exit-zero', 'no-color', 'progress', 'no-progress', 'no-cache', 'help'],
};

export async function runCheck(argv: string[]): Promise<number> {
  const args = parseArgs(argv, SPEC);
  if (args.flags.has('help')) {
    process.stdout.write(HELP.check);
    return 0;
  }
  const format = args.values.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`--format must be text, json, sarif, html or github, not '${format}'`);
  const fix = args.flags.has('fix');
  const dryRun = args.flags.has('fix-dry-run');
  if (fix && dryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (args.flags.has('update-baseline') && !args.values.baseline) throw new UsageError('--update-baseline needs --baseline FILE');
  if (args.flags.has('update-baseline') && (args.values.shard || args.values['changed-since'])) {
    // The ratchet decides what is fixed; a partial run cannot know that for the whole tree.
    throw new UsageError('--update-baseline needs a full run (not --shard or --changed-since)');
  }
  if (args.flags.has('progress') && args.flags.has('no-progress')) throw new UsageError('--progress and --no-progress exclude each other');
  const shard = args.values.shard !== undefined ? parseShard(args.values.shard) : undefined;
  const ws = openWorkspace(args);
  const baselinePath = args.values.baseline ? path.resolve(ws.cwd, args.values.baseline) : undefined;
  const baseline = baselinePath ? loadBaseline(baselinePath, args.values.baseline!) : undefined;
  const ref = args.values['changed-since'];
  const opts: ScanOptions = {
    shard,
    jobs: jobsOf(args.values.jobs),
    cacheDir: cacheDirOf(args.flags.has('no-cache'), args.values['cache-location'], ws.cwd),
    changed: ref !== undefined ? changedFiles(ws.root, ref) : undefined,
    progress: {
      tty: !args.flags.has('no-progress') && process.stderr.isTTY === true,
      forced: args.flags.has('progress'),
    },
  };

  const color = !(args.flags.has('no-color') || !!process.env.NO_COLOR || !!args.values.output || process.stdout.isTTY !== true);
  // A run that only reads and prints may replay the last output of an unchanged tree (report-replay.ts).
  const replayable = !dryRun && !fix && !args.flags.has('update-baseline') && ref === undefined && opts.cacheDir !== null;
  const prepared = replayable ? prepareScan(ws.project, scanPathsOf(ws, ws.project, opts.shard), opts.cacheDir) : undefined;
  let record: ReportRecord | undefined;
  if (prepared) {
    const options = { format, color, docsBaseUrl: args.values['docs-base-url'] ?? null, paths: prepared.paths ?? null, shard: opts.shard ?? null, cwd: ws.cwd, baseline: baselineKey(ws, prepared, args.values.baseline, baselinePath, baseline) };
    record = ReportRecord.slot(opts.cacheDir ?? defaultCacheDir(ws.root), ws.root, options);
    const replayed = replay(ws, prepared, record, args.values.output);
    if (replayed) return args.flags.has('exit-zero') || !replayed.failing ? 0 : 1;
  }

  let scan = await runScan(ws, ws.project, opts, prepared);
  if (dryRun) return printDryRun(ws, scan.results, args.values.output);
  if (fix) {
    const outcome = applyFixes(ws.project, scan.results);
    for (const line of outcome.log) process.stderr.write(`${line}\n`);
    process.stderr.write(`ssot-lint: fixed ${outcome.fixesApplied} violation${outcome.fixesApplied === 1 ? '' : 's'} in ${outcome.filesChanged} file${outcome.filesChanged === 1 ? '' : 's'}\n`);
    scan = await runScan(ws, ws.project, { ...opts, progress: { tty: false, forced: false } });
  }

  let report = scan.report;
  if (baseline && baselinePath) {
    report = withBaseline(ws, scan, baseline, baselinePath, args.flags.has('update-baseline'));
  }
  const ctx = renderContext(scan.results, args.values['docs-base-url'], !color);
  ctx.baselineFile = args.values.baseline;
  const renderStart = performance.now();
  const rendered = render(format, report, ctx);
  // Recorded while written, unless the slot holds this world's output already.
  const recording = record && scan.world !== undefined && !record.holds(scan.world) ? record.recording(scan.world) : undefined;
  try {
    await emitPieces(rendered, args.values.output, ws.cwd, recording);
  } catch (err) {
    await recording?.abandon();
    throw err;
  }
  const failing = report.violations.some((v) => v.baseline_state !== 'unchanged' && atLeast(v.severity, ws.config.failOn));
  await recording?.commit(failing);
  // SSOT_LINT_TIMINGS=1: where a run's wall time went, for bench/ and docs/performance.md.
  if (process.env.SSOT_LINT_TIMINGS) process.stderr.write(`ssot-lint timings (ms): ${JSON.stringify({ ...scan.timings, render_and_write: Math.round(performance.now() - renderStart) })}\n`);
  return args.flags.has('exit-zero') || !failing ? 0 : 1;
}

/** Writes the record's output when the tree is unchanged since it was made (with the warnings a scan would print); else undefined. */
function replay(ws: Workspace, prepared: PreparedScan, record: ReportRecord, output: string | undefined): ReplayedRun | undefined {
  const world = prepared.unchangedWorld();
  if (world === undefined) return undefined;
  const start = performance.now();
  let replayed: ReplayedRun | undefined;
  let toPrint: Buffer | undefined;
  if (output) {
    // A file: copied by the kernel from the record, never through this process.
    const file = outputFile(output, ws.cwd);
    try {
      replayed = record.copyTo(world, file);
    } catch (err) {
      throw cannotWrite(output, err);
    }
  } else {
    const found = record.find(world);
    replayed = found;
    toPrint = found?.output;
  }
  if (!replayed) return undefined;
  warnSkipped(prepared.found.skipped);
  if (toPrint) emit(toPrint, undefined, ws.cwd);
  if (process.env.SSOT_LINT_TIMINGS) {
    process.stderr.write(`ssot-lint report: replayed (unchanged tree, same options)\n`);
    process.stderr.write(`ssot-lint timings (ms): ${JSON.stringify({ discover_and_cache_load: prepared.ms, replay: Math.round(performance.now() - start) })}\n`);
  }
  return replayed;
}

/**
 * What a baseline adds to a record's options: the file as given (the HTML report names it),
 * its bytes, and which of its files outside the workspace walk exist (a baseline entry of a
 * deleted file counts as fixed, see withBaseline).
 */
function baselineKey(ws: Workspace, prepared: PreparedScan, given: string | undefined, file: string | undefined, baseline: Baseline | undefined) {
  if (!baseline || !file) return null;
  const walked = new Set(prepared.all.map((f) => f.path));
  const outside = [...new Set(baseline.entries.map((e) => e.file))].filter((f) => !walked.has(f) && fs.existsSync(path.join(ws.root, f))).sort();
  return { given, bytes: createHash('sha1').update(fs.readFileSync(file)).digest('hex'), outside };
}

/** `--jobs N`: threads for the facts phase; left out, 0 (automatic: one per core when there is enough to read, see autoThreads). */
export function jobsOf(given: string | undefined): number {
  if (given === undefined) return 0;
  if (!/^[1-9][0-9]*$/.test(given) || Number(given) > 256) throw new UsageError(`--jobs must be a whole number from 1 to 256, not '${given}'`);
  return Number(given);
}

export function cacheDirOf(noCache: boolean, location: string | undefined, cwd: string): string | null | undefined {
  if (noCache && location !== undefined) throw new UsageError('--no-cache and --cache-location exclude each other');
  return noCache ? null : location !== undefined ? path.resolve(cwd, location) : undefined;
}

function loadBaseline(abs: string, given: string): Baseline {
  if (!fs.existsSync(abs)) throw new UsageError(`baseline file not found: ${given} (write one with 'ssot-lint baseline')`);
  try {
    return readBaseline(abs)!;
  } catch (err) {
    throw new UsageError(`invalid baseline: ${(err as Error).message}`);
  }
}

/** Marks each violation new or unchanged, adds the summary, and applies the ratchet when asked. */
function withBaseline(ws: Workspace, scan: CliScan, baseline: Baseline, file: string, update: boolean): ComplianceReport {
  const violations: Violation[] = [...scan.results.flatMap((r) => r.violations), ...scan.workspaceViolations].sort(compareViolations);
  const contents = contentFingerprints(scan.results);
  const content = (v: Violation) => contents.get(violationKey(v));
  const fileExists = (f: string) => fs.existsSync(path.join(ws.root, f));
  // Entries of this run's part of the tree, plus entries of deleted files anywhere: a file
  // renamed into this part must still find its old entry.
  const inScope = baseline.entries.filter((e) => scan.covers(e.file));
  const orphans = baseline.entries.filter((e) => !scan.covers(e.file) && !fileExists(e.file));
  const comparison = compareToBaseline(violations, { version: 1, entries: [...inScope, ...orphans] }, { content, fileExists });
  const outOfScope = new Set(orphans);
  comparison.fixed = comparison.fixed.filter((e) => !outOfScope.has(e));
  const adopted = comparison.moved.filter((m) => outOfScope.has(m.entry)).length;
  const unchanged = new Set(comparison.unchanged.map(violationKey));
  const summary = summarizeComparison(comparison);
  if (adopted) summary.adopted = adopted;
  if (update) {
    const next = ratchetBaseline(baseline, comparison, content);
    const text = serializeBaseline(next);
    if (text !== fs.readFileSync(file, 'utf8')) {
      fs.writeFileSync(file, text);
      process.stderr.write(`ssot-lint: baseline updated: ${comparison.fixed.length} fixed entr${comparison.fixed.length === 1 ? 'y' : 'ies'} removed, ${comparison.moved.length} moved\n`);
    }
  }
  return {
    ...scan.report,
    violations: scan.report.violations.map((v) => ({ ...v, baseline_state: unchanged.has(violationKey(v)) ? 'unchanged' : 'new' })),
    baseline: summary,
  };
}

/**
 * What renderers may ask of the results: a file's text (html), a violation's fixes (sarif).
 * The lookup tables are built on the first question: json, text and github ask none, and
 * keying 339k violations cost a warm run on issue 7's 475 MB tree ~0.7 s.
 */
function renderContext(results: readonly FileResult[], docsBaseUrl: string | undefined, noColor: boolean): RenderContext {
  let byFile: Map<string, FileResult> | undefined;
  let byKey: Map<string, Violation> | undefined;
  const fileOf = (path: string) => (byFile ??= new Map(results.map((r) => [r.file.path, r]))).get(path);
  const violationOf = (key: string) => {
    if (!byKey) {
      byKey = new Map();
      for (const r of results) for (const v of r.violations) byKey.set(violationKey(v), v);
    }
    return byKey.get(key);
  };
  return {
    color: !noColor,
    docsBaseUrl,
    source: (file) => fileOf(file)?.file.text,
    fixes: (rv) => {
      const v = violationOf(violationKey(rv));
      const r = fileOf(rv.file);
      return v && r && v.fixes.length ? sarifFixesOf(v, lineStartsOf(r.file)) : undefined;
    },
  };
}

/** `--fix-dry-run`: the diff `--fix` would write, per file in path order; nothing on disk changes. */
function printDryRun(ws: Workspace, results: readonly FileResult[], output: string | undefined): number {
  const diffs: string[] = [];
  let fixes = 0;
  for (const r of [...results].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0))) {
    if (!r.violations.some((v) => v.fixes.some((f) => f.safe))) continue;
    const fixed = fixAllOnDisk(ws.project, r);
    if (!fixed || fixed.text === r.file.text) continue;
    fixes += fixed.count;
    diffs.push(unifiedDiff(r.file.path, r.file.text, fixed.text));
  }
  emit(diffs.join(''), output, ws.cwd);
  process.stderr.write(`ssot-lint: --fix would fix ${fixes} violation${fixes === 1 ? '' : 's'} in ${diffs.length} file${diffs.length === 1 ? '' : 's'} (nothing written)\n`);
  return diffs.length ? 1 : 0;
}

function fixAllOnDisk(project: Project, r: FileResult): { text: string; count: number } | undefined {
  // Same text the scan saw: a file changed since is reported, not diffed against stale bytes.
  const src = readSource(project.root, r.file.path);
  if ('reason' in src || src.text !== r.file.text) {
    process.stderr.write(`ssot-lint: not diffing ${r.file.path}: it changed on disk during the run\n`);
    return undefined;
  }
  const out = fixAll(project, r.file.path, r.file.text);
  return { text: out.text, count: out.fixed.length };
}
