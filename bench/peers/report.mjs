// Table printing and docs-friendly rendering for bench/run.mjs.

const fmtNum = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Rows of { label, unit, median, min, max, n, note } as an aligned text table. */
export function figureTable(rows) {
  const head = ['figure', 'median', 'min', 'max', 'unit', 'runs', 'note'];
  const body = rows.map((r) => [r.label, fmtNum(r.median), fmtNum(r.min), fmtNum(r.max), r.unit, String(r.n), r.note ?? '']);
  return align([head, ...body], [false, true, true, true, false, true, false]);
}

/** Rows of plain values as an aligned table; a column holding a list (per-round details kept for results.json) is left out. */
export function plainTable(rows) {
  if (rows.length === 0) return '(none)';
  const cols = Object.keys(rows[0]).filter((c) => !Array.isArray(rows[0][c]));
  return align([cols, ...rows.map((r) => cols.map((c) => String(r[c])))], cols.map((c) => typeof rows[0][c] === 'number'));
}

function align(lines, right) {
  const w = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const out = lines.map((l) => l.map((c, i) => (right[i] ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ').trimEnd());
  out.splice(1, 0, w.map((n) => '-'.repeat(n)).join('  '));
  return out.join('\n');
}

/** Agreement summary plus every disagreement, grouped by reason. */
export function agreementText(title, a) {
  const lines = [`${title}: ${a.agreed} agreed; ours ${a.oursTotal}, peer ${a.theirsTotal}; ${a.groups.reduce((n, g) => n + g.count, 0)} disagreements`];
  for (const g of a.groups) {
    lines.push(`  [${g.side}] ${g.count} x ${g.reason}`);
    for (const d of g.items) lines.push(`      ${d.file}:${d.line}:${d.col}  ${d.text}`);
  }
  return lines.join('\n');
}
