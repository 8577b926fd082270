/**
 * Formats for `check` (and `merge`): text, json, sarif, html, github. The renderers live
 * in the engine (the VS Code dashboard reuses the HTML one); this wires them to what the
 * CLI knows: rule docs, file texts for code excerpts, fixes for SARIF.
 */
import {
  allRules,
  readRuleDoc,
  renderGithub,
  renderHtmlReport,
  renderSarif,
  ruleDocUrl,
  type ComplianceReport,
  type ReportViolation,
  type SarifFix,
} from '@ssot-lint/shared-rules';
import { formatText } from './text-format';
import { VERSION } from './help';

export const FORMATS = ['text', 'json', 'sarif', 'html', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderContext {
  color: boolean;
  docsBaseUrl?: string;
  source?: (file: string) => string | undefined;
  fixes?: (v: ReportViolation) => SarifFix[] | undefined;
  baselineFile?: string;
}

/** The output of a format, in pieces: a large JSON report is never one string (see jsonPieces). */
export function render(format: Format, report: ComplianceReport, ctx: RenderContext): string | Iterable<string | Buffer> {
  switch (format) {
    case 'json':
      return jsonPieces(report);
    case 'sarif':
      return JSON.stringify(toSarif(report, ctx), null, 2) + '\n';
    case 'html':
      return renderHtmlReport(report, {
        source: ctx.source,
        ruleUrl: (r) => ruleDocUrl(r, ctx.docsBaseUrl),
        baseline: report.baseline ? { ...report.baseline, file: ctx.baselineFile } : undefined,
      });
    case 'github':
      return renderGithub(report);
    case 'text':
      return formatText(report, { color: ctx.color });
  }
}

/**
 * Exactly `JSON.stringify(report, null, 2) + '\n'`, a couple of hundred violations per
 * piece. A 25k-file tree's report is ~150 MB of JSON: one string of it, plus its UTF-8 copy
 * on write, was a third of the CLI's peak memory (issue 7's 1.5 GB budget). A piece stays
 * under ~100 KB, below V8's large-object size: a larger string is a fresh mapping of its
 * own, and on the machines of issue 7 first touching fresh memory costs a page fault through
 * the VM's host (~40k of them for the report in 2,000-violation pieces). emitPieces encodes
 * the pieces into buffers it reuses.
 */
export function* jsonPieces(report: ComplianceReport, perPiece = 200): Generator<string> {
  const { violations } = report;
  if (violations.length === 0) {
    yield JSON.stringify(report, null, 2) + '\n';
    return;
  }
  // The report with a marker where the violations go; JSON.stringify keeps key order.
  const MARK = '\u0000violations\u0000';
  const [head, tail] = JSON.stringify({ ...report, violations: MARK }, null, 2).split(JSON.stringify(MARK));
  yield `${head}[\n`;
  // A slice stringified inside `{ violations: [...] }` is indented exactly as in the report:
  // its elements are cut out (1.5x faster than re-indenting a bare array's text, measured).
  // The cut is a view of the stringified text, yielded apart from its separator: joined to
  // it, it would be one more string to copy whole before encoding.
  const open = '{\n  "violations": [\n'.length;
  const close = '\n  ]\n}'.length;
  for (let i = 0; i < violations.length; i += perPiece) {
    const wrapped = JSON.stringify({ violations: violations.slice(i, i + perPiece) }, null, 2);
    yield wrapped.slice(open, wrapped.length - close);
    yield i + perPiece < violations.length ? ',\n' : '\n';
  }
  yield `  ]${tail}\n`;
}

export function toSarif(report: ComplianceReport, ctx: RenderContext) {
  return renderSarif(report, {
    toolVersion: VERSION,
    rules: allRules.map((r) => r.meta),
    ruleUrl: (r) => ruleDocUrl(r, ctx.docsBaseUrl),
    ruleHelp: readRuleDoc,
    fixes: ctx.fixes,
  });
}

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}
