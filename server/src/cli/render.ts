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

export function render(format: Format, report: ComplianceReport, ctx: RenderContext): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
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
