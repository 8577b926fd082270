/**
 * The compliance report as one self-contained HTML page: score gauge, category bars,
 * per-rule and per-file tables, the violation list with code excerpts and the baseline
 * delta. Inline CSS and SVG only, no scripts and no remote resources, so the file can be
 * archived as a CI artifact, opened offline, and embedded in a VS Code webview under a
 * strict Content-Security-Policy (the dashboard reuses `renderHtmlReportParts`).
 * Output is deterministic: no timestamp unless the caller passes one.
 */
import type { FileCategory } from '../types';
import type { BaselineSummary, ComplianceReport, ReportViolation } from '../report';

export interface HtmlReportOptions {
  /** Page title and heading. */
  title?: string;
  /** Shown under the heading when given (kept out by default so output is byte-stable). */
  generatedAt?: string;
  /** Text of a file (root-relative path), for code excerpts; excerpts are left out when absent. */
  source?: (file: string) => string | undefined;
  /** Baseline delta; defaults to `report.baseline`. */
  baseline?: BaselineSummary & { file?: string };
  /** Link for a rule id (its doc page); no link when absent or undefined. */
  ruleUrl?: (rule: string) => string | undefined;
  /** Lines of context around each flagged line (default 1). */
  contextLines?: number;
  /** Violations listed in full; the rest are counted (default 2000: browsers stay responsive). */
  maxViolations?: number;
}

export interface HtmlReportParts {
  css: string;
  body: string;
}

const CATEGORIES: { id: FileCategory; label: string }[] = [
  { id: 'real_system', label: 'Production code (real_system)' },
  { id: 'test_files', label: 'Tests (test_files)' },
  { id: 'other', label: 'Other (scripts, tooling)' },
];

export function renderHtmlReport(report: ComplianceReport, options: HtmlReportOptions = {}): string {
  const { css, body } = renderHtmlReportParts(report, options);
  const title = options.title ?? 'ssot-lint compliance report';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network at all: the page must render the same offline and in a sandboxed webview.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}

export function renderHtmlReportParts(report: ComplianceReport, options: HtmlReportOptions = {}): HtmlReportParts {
  const title = options.title ?? 'ssot-lint compliance report';
  const baseline = options.baseline ?? report.baseline;
  const parts: string[] = [];
  parts.push(`<header><h1>${esc(title)}</h1>`);
  if (options.generatedAt) parts.push(`<p class="muted">Generated ${esc(options.generatedAt)}</p>`);
  parts.push('</header>');
  parts.push('<section class="summary">', gauge(report), categoryBars(report), '</section>');
  parts.push(summaryLine(report));
  if (baseline) parts.push(baselineDelta(baseline));
  parts.push(ruleTable(report, options), fileTable(report), violationList(report, options));
  return { css: CSS, body: parts.join('\n') };
}

function gauge(report: ComplianceReport): string {
  const score = report.compliance_score;
  const r = 52;
  const circumference = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * circumference;
  return [
    `<figure id="score-gauge" class="gauge" data-score="${fmt(score)}">`,
    `<svg viewBox="0 0 120 120" width="160" height="160" role="img" aria-label="Compliance score ${pct(score)}">`,
    `<circle cx="60" cy="60" r="${r}" class="gauge-track"/>`,
    `<circle cx="60" cy="60" r="${r}" class="gauge-fill ${tone(score)}" stroke-dasharray="${fmt(filled)} ${fmt(circumference)}" transform="rotate(-90 60 60)"/>`,
    `<text x="60" y="66" text-anchor="middle" class="gauge-text">${pct(score)}</text>`,
    '</svg>',
    `<figcaption>Compliance score <span class="score">${pct(score)}</span></figcaption>`,
    '</figure>',
  ].join('');
}

function categoryBars(report: ComplianceReport): string {
  const rows = CATEGORIES.map(({ id, label }) => {
    const c = report.category_scores[id];
    const w = Math.max(0, Math.min(100, c.score));
    return [
      `<div class="category-bar" data-category="${id}" data-score="${fmt(c.score)}">`,
      `<div class="bar-label"><span>${esc(label)}</span><span class="bar-value">${pct(c.score)}</span></div>`,
      `<svg viewBox="0 0 100 6" preserveAspectRatio="none" class="bar" role="img" aria-label="${esc(id)} ${pct(c.score)}">`,
      `<rect x="0" y="0" width="100" height="6" class="bar-track"/><rect x="0" y="0" width="${fmt(w)}" height="6" class="bar-fill ${tone(c.score)}"/>`,
      '</svg>',
      `<div class="muted">${c.violations} violation${c.violations === 1 ? '' : 's'} in ${c.files_with_violations} of ${c.files} files</div>`,
      '</div>',
    ].join('');
  });
  return `<div id="category-bars" class="categories"><h2>Categories</h2>${rows.join('')}</div>`;
}

function summaryLine(report: ComplianceReport): string {
  const fixable = report.violations.filter((v) => v.fixable).length;
  return (
    `<p class="totals">${report.total_violations} violation${report.total_violations === 1 ? '' : 's'} in ` +
    `${report.files_with_violations} of ${report.total_files_checked} files` +
    (fixable ? `; ${fixable} fixable with <code>ssot-lint check --fix</code>` : '') +
    (report.suppressed_violations ? `; ${report.suppressed_violations} suppressed` : '') +
    '</p>'
  );
}

function baselineDelta(b: BaselineSummary & { file?: string }): string {
  return [
    '<section id="baseline-delta"><h2>Baseline</h2>',
    b.file ? `<p class="muted">against <code>${esc(b.file)}</code></p>` : '',
    '<div class="delta">',
    `<div class="delta-item ${b.new ? 'bad' : 'good'}"><span class="delta-n">${b.new}</span> new</div>`,
    `<div class="delta-item good"><span class="delta-n">${b.fixed}</span> fixed</div>`,
    `<div class="delta-item"><span class="delta-n">${b.unchanged}</span> unchanged</div>`,
    '</div></section>',
  ].join('');
}

function ruleTable(report: ComplianceReport, options: HtmlReportOptions): string {
  const byRule = new Map<string, { count: number; fixable: number; files: Set<string>; severity: string }>();
  for (const v of report.violations) {
    const e = byRule.get(v.rule) ?? { count: 0, fixable: 0, files: new Set<string>(), severity: v.severity };
    e.count++;
    if (v.fixable) e.fixable++;
    e.files.add(v.file);
    byRule.set(v.rule, e);
  }
  const max = Math.max(1, ...[...byRule.values()].map((e) => e.count));
  const rows = [...byRule.entries()]
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, e]) => {
      const url = options.ruleUrl?.(rule);
      const name = url ? `<a href="${esc(url)}">${esc(rule)}</a>` : esc(rule);
      return `<tr><td>${name}</td><td class="num">${e.count}</td><td class="num">${e.files.size}</td><td class="num">${e.fixable}</td><td>${miniBar(e.count, max)}</td></tr>`;
    });
  if (!rows.length) return '<section id="rules"><h2>By rule</h2><p class="muted">No violations.</p></section>';
  return `<section id="rules"><h2>By rule</h2><table><thead><tr><th>Rule</th><th>Violations</th><th>Files</th><th>Fixable</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function fileTable(report: ComplianceReport): string {
  const byFile = new Map<string, { count: number; category: string; rules: Set<string> }>();
  for (const v of report.violations) {
    const e = byFile.get(v.file) ?? { count: 0, category: v.category, rules: new Set<string>() };
    e.count++;
    e.rules.add(v.rule);
    byFile.set(v.file, e);
  }
  const max = Math.max(1, ...[...byFile.values()].map((e) => e.count));
  const rows = [...byFile.entries()]
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([file, e]) =>
        `<tr><td><a href="#${anchor(file)}">${esc(file)}</a></td><td>${esc(e.category)}</td><td class="num">${e.count}</td><td>${esc([...e.rules].sort().join(', '))}</td><td>${miniBar(e.count, max)}</td></tr>`,
    );
  if (!rows.length) return '<section id="files"><h2>By file</h2><p class="muted">No files with violations.</p></section>';
  return `<section id="files"><h2>By file</h2><table><thead><tr><th>File</th><th>Category</th><th>Violations</th><th>Rules</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function violationList(report: ComplianceReport, options: HtmlReportOptions): string {
  const max = options.maxViolations ?? 2000;
  const shown = report.violations.slice(0, max);
  const out: string[] = ['<section id="violations"><h2>Violations</h2>'];
  const lineCache = new Map<string, string[] | undefined>();
  let lastFile: string | undefined;
  for (const v of shown) {
    if (v.file !== lastFile) {
      if (lastFile !== undefined) out.push('</div>');
      out.push(`<div class="file-group" id="${anchor(v.file)}"><h3>${esc(v.file)}</h3>`);
      lastFile = v.file;
    }
    out.push(violationItem(v, linesOf(v.file, options, lineCache), options));
  }
  if (lastFile !== undefined) out.push('</div>');
  if (report.violations.length > shown.length) out.push(`<p class="muted">${report.violations.length - shown.length} more violations not shown.</p>`);
  if (!report.violations.length) out.push('<p class="muted">No violations.</p>');
  out.push('</section>');
  return out.join('\n');
}

function violationItem(v: ReportViolation, lines: string[] | undefined, options: HtmlReportOptions): string {
  const state = v.baseline_state ? `<span class="tag ${v.baseline_state === 'new' ? 'bad' : ''}">${v.baseline_state}</span>` : '';
  const url = options.ruleUrl?.(v.rule);
  const rule = url ? `<a href="${esc(url)}">${esc(v.rule)}</a>` : esc(v.rule);
  const head = `<div class="v-head"><span class="loc">${esc(v.file)}:${v.line}:${v.column}</span> <span class="sev ${v.severity}">${v.severity}</span> <span class="rule">${rule}</span> ${state}${v.fixable ? '<span class="tag">fixable</span>' : ''}</div>`;
  return `<div class="violation" data-rule="${esc(v.rule)}">${head}<div class="msg">${esc(v.message)}</div>${excerpt(v, lines, options.contextLines ?? 1)}</div>`;
}

function excerpt(v: ReportViolation, lines: string[] | undefined, context: number): string {
  if (!lines || v.line > lines.length) return '';
  const from = Math.max(1, v.line - context);
  const to = Math.min(lines.length, Math.max(v.line, Math.min(v.end_line, v.line + 4)) + context);
  const width = String(to).length;
  const rows: string[] = [];
  for (let n = from; n <= to; n++) {
    const flagged = n >= v.line && n <= v.end_line;
    // Long lines are cut: a minified file must not blow up the report.
    const text = lines[n - 1].length > 240 ? lines[n - 1].slice(0, 240) + '…' : lines[n - 1];
    rows.push(`<span class="${flagged ? 'hl' : 'ctx'}"><span class="ln">${String(n).padStart(width)}</span> ${esc(text)}</span>`);
  }
  // Rows are display:block spans: joined without newlines, or <pre> would double-space them.
  return `<pre class="code">${rows.join('')}</pre>`;
}

function linesOf(file: string, options: HtmlReportOptions, cache: Map<string, string[] | undefined>): string[] | undefined {
  if (!options.source) return undefined;
  if (!cache.has(file)) {
    const text = options.source(file);
    cache.set(file, text === undefined ? undefined : text.split(/\r\n|\r|\n/));
  }
  return cache.get(file);
}

function miniBar(n: number, max: number): string {
  return `<svg viewBox="0 0 100 8" width="120" height="8" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" width="${fmt((n / max) * 100)}" height="8" class="mini"/></svg>`;
}

function tone(score: number): string {
  return score >= 90 ? 'good' : score >= 70 ? 'fair' : 'bad';
}

function pct(n: number): string {
  return `${n.toFixed(1)}%`;
}

/** Fixed precision so the bytes do not depend on float printing quirks. */
function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function anchor(file: string): string {
  return 'f-' + file.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const CSS = `
:root { color-scheme: light dark; --good: #2e9e4f; --fair: #d49b00; --bad: #d73a49; --muted: #6a737d; --track: rgba(127,127,127,.2); }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; } h3 { font-size: 14px; margin: 16px 0 6px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
.summary { display: flex; gap: 32px; align-items: center; flex-wrap: wrap; }
.gauge { margin: 0; text-align: center; } .gauge-track { fill: none; stroke: var(--track); stroke-width: 12; }
.gauge-fill { fill: none; stroke-width: 12; stroke-linecap: round; } .gauge-fill.good { stroke: var(--good); } .gauge-fill.fair { stroke: var(--fair); } .gauge-fill.bad { stroke: var(--bad); }
.gauge-text { font-size: 20px; font-weight: 600; fill: currentColor; }
.categories { flex: 1; min-width: 320px; } .categories h2 { margin-top: 0; }
.category-bar { margin: 10px 0; } .bar-label { display: flex; justify-content: space-between; font-weight: 500; }
.bar { width: 100%; height: 10px; display: block; margin: 3px 0; } .bar-track { fill: var(--track); }
.bar-fill.good { fill: var(--good); } .bar-fill.fair { fill: var(--fair); } .bar-fill.bad { fill: var(--bad); }
.delta { display: flex; gap: 16px; } .delta-item { border: 1px solid var(--track); border-radius: 6px; padding: 8px 14px; }
.delta-n { font-size: 20px; font-weight: 600; margin-right: 4px; } .delta-item.bad .delta-n { color: var(--bad); } .delta-item.good .delta-n { color: var(--good); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--track); vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .mini { fill: #5b8def; }
.violation { border-left: 3px solid var(--track); padding: 4px 10px; margin: 8px 0; }
.v-head { font-size: 13px; } .loc { font-family: ui-monospace, Menlo, Consolas, monospace; }
.sev { font-weight: 600; } .sev.error { color: var(--bad); } .sev.warning { color: var(--fair); } .sev.info, .sev.hint { color: var(--muted); }
.rule { color: var(--muted); } .tag { font-size: 11px; border: 1px solid var(--track); border-radius: 3px; padding: 0 4px; margin-left: 4px; } .tag.bad { color: var(--bad); border-color: var(--bad); }
pre.code { background: rgba(127,127,127,.08); padding: 6px 8px; overflow-x: auto; margin: 6px 0 0; font-size: 12px; }
pre.code .ln { color: var(--muted); user-select: none; } pre.code .hl { display: block; background: rgba(215,58,73,.12); } pre.code .ctx { display: block; }
`.trim();
