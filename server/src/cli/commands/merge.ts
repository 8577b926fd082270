/**
 * `ssot-lint merge`: the shards of one `check --shard I/N` matrix back into the report of
 * an unsharded run. Shards partition the files, so counts add up and scores are
 * recomputed from the sums with the same formula; violations are re-sorted with the
 * report's order (file, line, column, rule; stable, and equal keys come from one file,
 * so from one shard, already in order). The result is byte-identical to an unsharded run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { score, type BaselineSummary, type CategoryScore, type ComplianceReport, type FileCategory, type SarifLog, type SarifResult } from '@ssot-lint/shared-rules';
import { parseArgs, UsageError } from '../args';
import { HELP } from '../help';
import { emit } from '../workspace';
import { isFormat, render } from '../render';

const CATEGORIES: FileCategory[] = ['real_system', 'test_files', 'other'];

/** Fields shared by the JSON report and the SARIF run properties. */
interface Summary {
  compliance_score: number;
  total_files_checked: number;
  files_with_violations: number;
  category_scores: Record<FileCategory, CategoryScore>;
  suppressed_violations: number;
  baseline?: BaselineSummary;
}

export function runMerge(argv: string[]): number {
  const args = parseArgs(argv, { values: ['format', 'output'], booleans: ['no-color', 'help'] });
  if (args.flags.has('help')) {
    process.stdout.write(HELP.merge);
    return 0;
  }
  if (args.positionals.length === 0) throw new UsageError('merge needs at least one JSON or SARIF file');
  const cwd = process.cwd();
  const inputs = args.positionals.map((f) => readJson(path.resolve(cwd, f), f));
  const sarif = inputs.map(isSarif);
  if (sarif.some((s) => s !== sarif[0])) throw new UsageError('merge: inputs must be all JSON reports or all SARIF logs');
  const format = args.values.format ?? (sarif[0] ? 'sarif' : 'json');
  if (!isFormat(format)) throw new UsageError(`--format must be text, json, sarif, html or github, not '${format}'`);
  if (sarif[0]) {
    if (format !== 'sarif') throw new UsageError('merge: SARIF inputs can only be merged into SARIF (--format sarif)');
    emit(JSON.stringify(mergeSarif(inputs as SarifLog[]), null, 2) + '\n', args.values.output, cwd);
    return 0;
  }
  const merged = mergeReports(inputs as ComplianceReport[], args.positionals);
  const color = !args.flags.has('no-color') && !process.env.NO_COLOR && !args.values.output && process.stdout.isTTY === true;
  emit(render(format, merged, { color }), args.values.output, cwd);
  return 0;
}

export function mergeReports(reports: ComplianceReport[], names: string[] = []): ComplianceReport {
  reports.forEach((r, i) => {
    if (typeof r.total_files_checked !== 'number' || !Array.isArray(r.violations) || !r.category_scores) {
      throw new UsageError(`merge: ${names[i] ?? `input ${i + 1}`} is not an ssot-lint JSON report`);
    }
  });
  const summary = mergeSummaries(reports);
  const violations_by_rule: Record<string, number> = {};
  for (const r of reports) for (const [rule, n] of Object.entries(r.violations_by_rule)) violations_by_rule[rule] = (violations_by_rule[rule] ?? 0) + n;
  const violations = reports
    .flatMap((r) => r.violations)
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule));
  const known = new Set(['compliance_score', 'total_violations', 'total_files_checked', 'files_with_violations', 'category_scores', 'violations_by_rule', 'suppressed_violations', 'violations', 'baseline']);
  const out: ComplianceReport = {
    compliance_score: summary.compliance_score,
    total_violations: violations.length,
    total_files_checked: summary.total_files_checked,
    files_with_violations: summary.files_with_violations,
    category_scores: summary.category_scores,
    violations_by_rule: Object.fromEntries(Object.entries(violations_by_rule).sort(([a], [b]) => cmp(a, b))),
    suppressed_violations: summary.suppressed_violations,
    violations,
  };
  // Fields this version does not know how to add up are kept only when every shard agrees.
  for (const key of Object.keys(reports[0])) {
    if (known.has(key)) continue;
    const first = JSON.stringify((reports[0] as unknown as Record<string, unknown>)[key]);
    if (reports.some((r) => JSON.stringify((r as unknown as Record<string, unknown>)[key]) !== first)) {
      throw new UsageError(`merge: the shards disagree on field '${key}', which merge cannot combine`);
    }
    (out as unknown as Record<string, unknown>)[key] = JSON.parse(first);
  }
  if (summary.baseline) out.baseline = summary.baseline;
  return out;
}

function mergeSummaries(parts: Summary[]): Summary {
  const total = sum(parts, (p) => p.total_files_checked);
  const dirty = sum(parts, (p) => p.files_with_violations);
  const category_scores = {} as Record<FileCategory, CategoryScore>;
  for (const c of CATEGORIES) {
    const files = sum(parts, (p) => p.category_scores[c].files);
    const fwv = sum(parts, (p) => p.category_scores[c].files_with_violations);
    category_scores[c] = { score: score(files, fwv), violations: sum(parts, (p) => p.category_scores[c].violations), files, files_with_violations: fwv };
  }
  const out: Summary = {
    compliance_score: score(total, dirty),
    total_files_checked: total,
    files_with_violations: dirty,
    category_scores,
    suppressed_violations: sum(parts, (p) => p.suppressed_violations),
  };
  const withBaseline = parts.filter((p) => p.baseline).length;
  if (withBaseline && withBaseline !== parts.length) throw new UsageError('merge: some shards were checked with --baseline and some without');
  if (withBaseline) {
    // An entry whose file moved to another shard was counted fixed by its old shard and
    // matched (adopted) by the new one: it is unchanged, not fixed.
    out.baseline = {
      new: sum(parts, (p) => p.baseline!.new),
      fixed: sum(parts, (p) => p.baseline!.fixed) - sum(parts, (p) => p.baseline!.adopted ?? 0),
      unchanged: sum(parts, (p) => p.baseline!.unchanged),
    };
  }
  return out;
}

export function mergeSarif(logs: SarifLog[]): SarifLog {
  const runs = logs.map((l) => {
    if (l.runs?.length !== 1 || l.runs[0].tool?.driver?.name !== 'ssot-lint') throw new UsageError('merge: expected SARIF logs with one ssot-lint run each');
    return l.runs[0];
  });
  const rulesById = new Map<string, Record<string, unknown>>();
  for (const run of runs) for (const r of run.tool.driver.rules) if (!rulesById.has(r.id as string)) rulesById.set(r.id as string, r);
  const ids = [...rulesById.keys()].sort(cmp);
  const index = new Map(ids.map((id, i) => [id, i]));
  const results: SarifResult[] = runs
    .flatMap((r) => r.results)
    .map((r) => ({ ...r, ruleIndex: index.get(r.ruleId)! }))
    .sort((a, b) => {
      const x = region(a);
      const y = region(b);
      return cmp(x.uri, y.uri) || x.line - y.line || x.column - y.column || cmp(a.ruleId, b.ruleId);
    });
  const summary = mergeSummaries(runs.map((r) => r.properties as unknown as Summary));
  const properties: Record<string, unknown> = { ...summary };
  if (!summary.baseline) delete properties.baseline;
  return {
    $schema: logs[0].$schema,
    version: '2.1.0',
    runs: [{ tool: { driver: { ...runs[0].tool.driver, rules: ids.map((id) => rulesById.get(id)!) } }, columnKind: runs[0].columnKind, results, properties }],
  };
}

function region(r: SarifResult): { uri: string; line: number; column: number } {
  const loc = (r.locations[0] as { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }).physicalLocation;
  // Paths were percent-encoded per segment; compare decoded so the order is the report's.
  return { uri: decodeURIComponent(loc.artifactLocation.uri), line: loc.region.startLine, column: loc.region.startColumn };
}

function readJson(abs: string, given: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    throw new UsageError(`merge: cannot read ${given}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`merge: ${given} is not JSON: ${(err as Error).message}`);
  }
}

function isSarif(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as { version?: unknown }).version === '2.1.0' && Array.isArray((x as { runs?: unknown }).runs);
}

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((n, x) => n + f(x), 0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
