// Agreement of two finding sets on the same files. A peer finding (1-based line/column,
// UTF-16) agrees with one of ours when it falls inside our violation's span: the tools
// anchor differently (ruff at `os.environ`, we at the whole `'X' in os.environ` test), so
// equal start columns would undercount real agreement.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { computeLineStarts, lineOfOffset } = require('../../shared-rules/dist/index.js');

/**
 * ours: [{ file, start, end, message }] (UTF-16 offsets); theirs: [{ file, line, col, what }].
 * Returns { agreed, oursOnly, theirsOnly }, each disagreement with line, col and the line's text.
 */
export function compareFindings(files, ours, theirs) {
  const byFile = new Map(files.map((f) => [f.rel, f]));
  const starts = new Map();
  const lineStartsOf = (rel) => {
    if (!starts.has(rel)) starts.set(rel, computeLineStarts(byFile.get(rel).text));
    return starts.get(rel);
  };
  const oursByFile = new Map();
  for (const o of ours) {
    if (!oursByFile.has(o.file)) oursByFile.set(o.file, []);
    oursByFile.get(o.file).push({ ...o, used: false });
  }
  let agreed = 0;
  const theirsOnly = [];
  for (const t of theirs) {
    const offset = lineStartsOf(t.file)[t.line - 1] + t.col - 1;
    const cands = oursByFile.get(t.file) ?? [];
    // Prefer the tightest unused span holding the position (nested accesses, one per peer finding).
    let best;
    for (const o of cands) {
      if (o.used || offset < o.start || offset >= Math.max(o.end, o.start + 1)) continue;
      if (!best || o.end - o.start < best.end - best.start) best = o;
    }
    if (best) { best.used = true; agreed++; }
    else theirsOnly.push({ ...t, offset, text: lineText(byFile.get(t.file).text, lineStartsOf(t.file), t.line - 1) });
  }
  const oursOnly = [];
  for (const list of oursByFile.values()) {
    for (const o of list) {
      if (o.used) continue;
      const ls = lineStartsOf(o.file);
      const line = lineOfOffset(ls, o.start);
      oursOnly.push({ file: o.file, line: line + 1, col: o.start - ls[line] + 1, start: o.start, end: o.end, message: o.message, code: byFile.get(o.file).text.slice(o.start, Math.min(o.end, o.start + 120)), text: lineText(byFile.get(o.file).text, ls, line) });
    }
  }
  return { agreed, oursTotal: ours.length, theirsTotal: theirs.length, oursOnly, theirsOnly };
}


function lineText(text, ls, line) {
  const end = line + 1 < ls.length ? ls[line + 1] : text.length;
  return text.slice(ls[line], end).replace(/[\r\n]+$/, '').trim().slice(0, 160);
}

/** Groups disagreements by the reason `classify(d)` gives: [{ reason, side, count, items }]. */
export function groupDisagreements(result, classifyOurs, classifyTheirs) {
  const groups = new Map();
  const add = (side, d, reason) => {
    const key = `${side}\0${reason}`;
    if (!groups.has(key)) groups.set(key, { side, reason, items: [] });
    groups.get(key).items.push({ file: d.file, line: d.line, col: d.col, text: d.text });
  };
  for (const d of result.oursOnly) add('ours only', d, classifyOurs(d));
  for (const d of result.theirsOnly) add('peer only', d, classifyTheirs(d));
  return [...groups.values()].map((g) => ({ ...g, count: g.items.length })).sort((a, b) => b.count - a.count);
}
