/**
 * The compliance report: the same JSON for the CLI, the language server and the
 * VS Code panel. Field names keep the audited team's (`compliance_score`,
 * `category_scores.*`) so their dashboards keep working; the score has no
 * truncation: (T - F) / T * 100 over every checked file.
 */
import type { FileCategory, Violation } from './types';
import type { Severity } from './config/types';

export interface CategoryScore {
  score: number;
  violations: number;
  files: number;
  files_with_violations: number;
}

export interface ReportViolation {
  rule: string;
  severity: Severity;
  category: FileCategory;
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  message: string;
  fingerprint: string;
  fixable: boolean;
  /** Present only when checked against a baseline (`check --baseline`). */
  baseline_state?: 'new' | 'unchanged';
}

/** The delta against a baseline file; present only when one was given. */
export interface BaselineSummary {
  new: number;
  fixed: number;
  unchanged: number;
  /**
   * Shard runs only: entries of files that moved here from another shard's part of the
   * tree, matched by content; `merge` subtracts them from the fixed count, which the
   * shard owning the old path reported.
   */
  adopted?: number;
}

export interface ComplianceReport {
  compliance_score: number;
  total_violations: number;
  total_files_checked: number;
  files_with_violations: number;
  category_scores: Record<FileCategory, CategoryScore>;
  violations_by_rule: Record<string, number>;
  /** Violations hidden by suppression comments (each exception still counts somewhere). */
  suppressed_violations: number;
  violations: ReportViolation[];
  /** Present only when checked against a baseline (`check --baseline`). */
  baseline?: BaselineSummary;
  /**
   * Migration progress per configured concept (canonical-module): how many files import it
   * the canonical way and how many still reach it directly. Present when the scan had a
   * workspace index.
   */
  adoption?: ConceptAdoption[];
}

export interface ConceptAdoption {
  concept: string;
  canonical_module: string;
  /** Files importing the concept from its canonical module. */
  canonical_files: number;
  /** Files reaching it directly (forbidden sources, re-exports, direct access such as os.environ). */
  direct_files: number;
  /** Files doing either. */
  files_using: number;
  /** Share of files_using that use only the canonical import, 0-100 (100 when nobody uses it). */
  adoption_percent: number;
}

export interface ReportExtras {
  adoption?: ConceptAdoption[];
}

export interface CheckedFile {
  path: string;
  category: FileCategory;
}

const CATEGORIES: FileCategory[] = ['real_system', 'test_files', 'other'];

export function score(total: number, withViolations: number): number {
  return total === 0 ? 100 : ((total - withViolations) / total) * 100;
}

/**
 * One pass over the sorted violations for every count: a 25k-file tree's 349k violations
 * went through nine filter and map passes here (~190 ms of a warm check, measured).
 */
export function buildReport(files: readonly CheckedFile[], violations: readonly Violation[], suppressed = 0, extras: ReportExtras = {}): ComplianceReport {
  // Nearly sorted already (files in path order, each file's findings by position): the
  // sort checks more than it moves.
  const sorted = violations.slice().sort(compareViolations);
  const perCategory = new Map(CATEGORIES.map((c) => [c, { violations: 0, files: 0, dirty: 0 }]));
  const byRule = new Map<string, number>();
  const dirty = new Set<string>();
  const reported: ReportViolation[] = new Array(sorted.length);
  let lastFile: string | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    // Sorted by file first: each file's findings are contiguous.
    if (v.file !== lastFile) dirty.add((lastFile = v.file));
    const inCategory = perCategory.get(v.category);
    if (inCategory) inCategory.violations++;
    byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
    reported[i] = toReportViolation(v);
  }
  const checked = new Set<string>();
  for (const f of files) {
    checked.add(f.path);
    const inCategory = perCategory.get(f.category);
    if (!inCategory) continue;
    inCategory.files++;
    if (dirty.has(f.path)) inCategory.dirty++;
  }
  const category_scores = {} as Record<FileCategory, CategoryScore>;
  for (const [c, n] of perCategory) category_scores[c] = { score: score(n.files, n.dirty), violations: n.violations, files: n.files, files_with_violations: n.dirty };
  let filesWithViolations = 0;
  for (const f of dirty) if (checked.has(f)) filesWithViolations++;
  return {
    compliance_score: score(files.length, filesWithViolations),
    total_violations: sorted.length,
    total_files_checked: files.length,
    files_with_violations: filesWithViolations,
    category_scores,
    violations_by_rule: Object.fromEntries([...byRule].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    suppressed_violations: suppressed,
    violations: reported,
    ...(extras.adoption ? { adoption: extras.adoption } : {}),
  };
}

export function toReportViolation(v: Violation): ReportViolation {
  return {
    rule: v.rule,
    severity: v.severity,
    category: v.category,
    file: v.file,
    line: v.range.start.line + 1,
    column: v.range.start.character + 1,
    end_line: v.range.end.line + 1,
    end_column: v.range.end.character + 1,
    message: v.message,
    fingerprint: v.fingerprint,
    fixable: v.fixes.length > 0,
  };
}

/** Deterministic order: file (code-unit order), then position, then rule. */
export function compareViolations(a: Violation, b: Violation): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
