/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, Sonar imports).
 * Paths stay root-relative (no absolute root URI) so the log is the same on every
 * machine and shards merge byte-for-byte. Columns are UTF-16 code units, as in the
 * JSON report, and the run says so (`columnKind`).
 */
import type { RuleMeta, Violation } from '../types';
import type { Severity } from '../config/types';
import type { ComplianceReport, ReportViolation } from '../report';
import { spanToRange } from '../text';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A fix in SARIF terms: 1-based regions in the violation's own file. */
export interface SarifFix {
  description: string;
  replacements: { startLine: number; startColumn: number; endLine: number; endColumn: number; text: string }[];
}

export interface SarifOptions {
  toolVersion: string;
  /** Rule metadata (the driver's rule table); rules not listed here still get an entry by id. */
  rules: readonly RuleMeta[];
  /** Doc page URL per rule (`helpUri`). */
  ruleUrl?: (rule: string) => string | undefined;
  /** Doc page text per rule (`help.markdown`), so the dashboard shows it without a link. */
  ruleHelp?: (rule: string) => string | undefined;
  /** Fixes per violation; see `sarifFixesOf`. */
  fixes?: (v: ReportViolation) => SarifFix[] | undefined;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; informationUri?: string; rules: Record<string, unknown>[] } };
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  properties?: Record<string, unknown>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: unknown[];
  partialFingerprints: Record<string, string>;
  baselineState?: 'new' | 'unchanged';
  fixes?: unknown[];
  properties?: Record<string, unknown>;
}

/** Key under `partialFingerprints`; versioned so a future scheme can sit beside it. */
export const SARIF_FINGERPRINT_KEY = 'ssotLintFingerprint/v1';

const LEVEL: Record<Severity, SarifResult['level']> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function renderSarif(report: ComplianceReport, options: SarifOptions): SarifLog {
  const ids = [...new Set([...options.rules.map((r) => r.id), ...report.violations.map((v) => v.rule)])].sort();
  const metaById = new Map(options.rules.map((r) => [r.id, r]));
  const rules = ids.map((id) => {
    const meta = metaById.get(id);
    const rule: Record<string, unknown> = { id, name: camel(id) };
    if (meta) {
      rule.shortDescription = { text: meta.summary };
      rule.defaultConfiguration = { level: LEVEL[meta.defaultSeverity] };
      rule.properties = { tags: [meta.tag], fixable: meta.fixable };
    }
    const url = options.ruleUrl?.(id);
    if (url) rule.helpUri = url;
    const help = options.ruleHelp?.(id);
    if (help) rule.help = { text: meta?.summary ?? id, markdown: help };
    return rule;
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = report.violations.map((v): SarifResult => {
    const r: SarifResult = {
      ruleId: v.rule,
      ruleIndex: index.get(v.rule)!,
      level: LEVEL[v.severity],
      message: { text: v.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUriPath(v.file) },
            region: { startLine: v.line, startColumn: v.column, endLine: v.end_line, endColumn: v.end_column },
          },
        },
      ],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: v.fingerprint },
      properties: { category: v.category },
    };
    if (v.baseline_state) r.baselineState = v.baseline_state;
    const fixes = options.fixes?.(v);
    if (fixes?.length) {
      r.fixes = fixes.map((f) => ({
        description: { text: f.description },
        artifactChanges: [
          {
            artifactLocation: { uri: encodeUriPath(v.file) },
            replacements: f.replacements.map((x) => ({
              deletedRegion: { startLine: x.startLine, startColumn: x.startColumn, endLine: x.endLine, endColumn: x.endColumn },
              insertedContent: { text: x.text },
            })),
          },
        ],
      }));
    }
    return r;
  });
  const properties: Record<string, unknown> = {
    compliance_score: report.compliance_score,
    total_files_checked: report.total_files_checked,
    files_with_violations: report.files_with_violations,
    category_scores: report.category_scores,
    suppressed_violations: report.suppressed_violations,
  };
  if (report.baseline) properties.baseline = report.baseline;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'ssot-lint', version: options.toolVersion, rules } }, columnKind: 'utf16CodeUnits', results, properties }],
  };
}

/** SARIF fixes of an engine violation, from its offset edits and the file's line starts. */
export function sarifFixesOf(v: Violation, lineStarts: readonly number[]): SarifFix[] {
  return v.fixes.map((f) => ({
    description: f.safe ? f.title : `${f.title} (unsafe: review before applying)`,
    replacements: f.edits.map((e) => {
      const r = spanToRange(lineStarts, { start: e.start, end: e.end });
      return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1, text: e.newText };
    }),
  }));
}

/** Root-relative POSIX path as a URI reference: each segment percent-encoded, slashes kept. */
function encodeUriPath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function camel(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, c: string) => c.toUpperCase());
}
