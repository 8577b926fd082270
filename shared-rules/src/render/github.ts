/**
 * GitHub Actions workflow commands: one `::error file=...,line=...,col=...::message`
 * per violation, which the runner turns into annotations on the pull request diff.
 * With a baseline, accepted (unchanged) violations are not annotated: the PR author
 * should see only what the PR introduced.
 */
import type { Severity } from '../config/types';
import type { ComplianceReport } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function renderGithub(report: ComplianceReport): string {
  const lines: string[] = [];
  for (const v of report.violations) {
    if (v.baseline_state === 'unchanged') continue;
    const props = [
      `file=${prop(v.file)}`,
      `line=${v.line}`,
      `endLine=${v.end_line}`,
      `col=${v.column}`,
      `endColumn=${v.end_column}`,
      `title=${prop(`ssot-lint ${v.rule}`)}`,
    ];
    lines.push(`::${COMMAND[v.severity]} ${props.join(',')}::${data(v.message)}`);
  }
  const b = report.baseline;
  const summary =
    `Compliance score ${report.compliance_score.toFixed(1)}%: ${report.total_violations} violations in ` +
    `${report.files_with_violations} of ${report.total_files_checked} files` +
    (b ? `; baseline: ${b.new} new, ${b.fixed} fixed, ${b.unchanged} unchanged` : '');
  lines.push(`::notice title=ssot-lint::${data(summary)}`);
  return lines.join('\n') + '\n';
}

/** Escaping from the runner's own toolkit (@actions/core command.ts): message data. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape the separators `:` and `,`. */
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
