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

const COMMA_NEWLINE = Buffer.from(',\n');
const NEWLINE = Buffer.from('\n');

/**
 * Exactly the UTF-8 bytes of `JSON.stringify(report, null, 2) + '\n'`, a few thousand
 * violations per piece. A 25k-file tree's report is ~150 MB of JSON: one string of it, plus
 * its UTF-8 copy on write, was a third of the CLI's peak memory (issue 7's 1.5 GB budget).
 */
export function* jsonPieces(report: ComplianceReport, perPiece = 2000): Generator<Buffer> {
  const { violations } = report;
  if (violations.length === 0) {
    yield Buffer.from(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  // The report with a marker where the violations go; JSON.stringify keeps key order.
  const MARK = '\u0000violations\u0000';
  const [head, tail] = JSON.stringify({ ...report, violations: MARK }, null, 2).split(JSON.stringify(MARK));
  yield Buffer.from(`${head}[\n`);
  // A slice stringified inside `{ violations: [...] }` is indented exactly as in the report:
  // its elements are cut out (1.5x faster than re-indenting a bare array's text, measured).
  // Cut from the encoded bytes, not the string: the wrapper around them is ASCII, so its
  // length in characters is its length in bytes, and a cut string joined to its separator is
  // copied whole (flattened) when encoded (~60 ms of a 150 MB report's ~0.65 s, measured).
  const open = '{\n  "violations": [\n'.length;
  const close = '\n  ]\n}'.length;
  for (let i = 0; i < violations.length; i += perPiece) {
    const wrapped = Buffer.from(JSON.stringify({ violations: violations.slice(i, i + perPiece) }, null, 2));
    yield wrapped.subarray(open, wrapped.length - close);
    yield i + perPiece < violations.length ? COMMA_NEWLINE : NEWLINE;
  }
  yield Buffer.from(`  ]${tail}\n`);
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
