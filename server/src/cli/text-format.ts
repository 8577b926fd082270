/**
 * Human output: one line per violation (`path:line:col severity rule message`), then the
 * score summary. Against a baseline only new violations are listed (the accepted ones
 * are counted): a CI log should show what the change introduced.
 */
import type { ComplianceReport } from '@ssot-lint/shared-rules';

export function formatText(report: ComplianceReport, opts: { color: boolean }): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const listed = report.baseline ? report.violations.filter((v) => v.baseline_state !== 'unchanged') : report.violations;
  const lines = listed.map(
    (v) => `${v.file}:${v.line}:${v.column} ${c(sev[v.severity] ?? '0', v.severity)} ${c('2', v.rule)} ${v.message}`,
  );
  const cat = report.category_scores;
  const pct = (n: number) => `${n.toFixed(1)}%`;
  const fixable = report.violations.filter((v) => v.fixable).length;
  lines.push(
    '',
    `${report.total_violations} violation${report.total_violations === 1 ? '' : 's'} in ${report.files_with_violations} of ${report.total_files_checked} files` +
      (fixable ? ` (${fixable} fixable with --fix or in the editor)` : '') +
      (report.suppressed_violations ? `; ${report.suppressed_violations} suppressed` : ''),
    `Compliance score: ${c('1', pct(report.compliance_score))}`,
    `  real_system  ${pct(cat.real_system.score).padStart(6)}  ${cat.real_system.violations} violations in ${cat.real_system.files} files`,
    `  test_files   ${pct(cat.test_files.score).padStart(6)}  ${cat.test_files.violations} violations in ${cat.test_files.files} files`,
    `  other        ${pct(cat.other.score).padStart(6)}  ${cat.other.violations} violations in ${cat.other.files} files`,
  );
  const b = report.baseline;
  if (b) lines.push(`Baseline: ${c(b.new ? '31' : '32', `${b.new} new`)}, ${b.fixed} fixed, ${b.unchanged} unchanged (not listed)`);
  const rules = Object.entries(report.violations_by_rule);
  if (rules.length) lines.push('By rule: ' + rules.map(([r, n]) => `${r} ${n}`).join(', '));
  return lines.join('\n') + '\n';
}
