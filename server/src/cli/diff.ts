/**
 * Unified diff (`--fix-dry-run`), in the format `git diff` and `patch -p1` read:
 * `--- a/path`, `+++ b/path`, hunks with 3 lines of context, `\ No newline at end of
 * file` markers. Fixes are local, so the common prefix and suffix are stripped first and
 * only the changed middle goes through the LCS table.
 */

const CONTEXT = 3;
/** Above this many table cells the middle is shown as one replacement (still a correct patch). */
const MAX_CELLS = 4_000_000;

interface Line {
  text: string;
  /** False only for a last line without a trailing newline. */
  eol: boolean;
}

type Op = { kind: ' ' | '-' | '+'; line: Line; a: number; b: number };

export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- a/${file}`, `+++ b/${file}`];
  for (const hunk of hunks(ops)) {
    const first = hunk[0];
    const aLines = hunk.filter((o) => o.kind !== '+').length;
    const bLines = hunk.filter((o) => o.kind !== '-').length;
    // An empty side names the line before the hunk (GNU diff and git both do this).
    const aStart = aLines ? first.a + 1 : first.a;
    const bStart = bLines ? first.b + 1 : first.b;
    out.push(`@@ -${range(aStart, aLines)} +${range(bStart, bLines)} @@`);
    for (const o of hunk) {
      out.push(o.kind + o.line.text);
      if (!o.line.eol) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop()!;
  const lines = parts.map((t) => ({ text: t, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
}

function same(x: Line, y: Line): boolean {
  return x.text === y.text && x.eol === y.eol;
}

/** Every line of both texts as keep/delete/insert, with its index on each side. */
function diffLines(a: Line[], b: Line[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && same(a[pre], b[pre])) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && same(a[a.length - 1 - suf], b[b.length - 1 - suf])) suf++;
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i], a: i, b: i });
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  ops.push(...middle(am, bm, pre));
  for (let k = 0; k < suf; k++) {
    const i = a.length - suf + k;
    const j = b.length - suf + k;
    ops.push({ kind: ' ', line: a[i], a: i, b: j });
  }
  return ops;
}

function middle(a: Line[], b: Line[], offset: number): Op[] {
  const n = a.length;
  const m = b.length;
  const ops: Op[] = [];
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    a.forEach((line, i) => ops.push({ kind: '-', line, a: offset + i, b: offset }));
    b.forEach((line, j) => ops.push({ kind: '+', line, a: offset + n, b: offset + j }));
    return ops;
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = same(a[i], b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(a[i], b[j])) {
      ops.push({ kind: ' ', line: a[i], a: offset + i, b: offset + j });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      // Deletions before insertions, as diff prints them.
      ops.push({ kind: '-', line: a[i], a: offset + i, b: offset + j });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j], a: offset + i, b: offset + j });
      j++;
    }
  }
  return ops;
}

/** Groups changes with CONTEXT lines around them; changes closer than 2*CONTEXT share a hunk. */
function hunks(ops: Op[]): Op[][] {
  const changed = ops.map((o, k) => (o.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  const out: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const k of changed) {
    if (start < 0) {
      start = Math.max(0, k - CONTEXT);
      end = Math.min(ops.length - 1, k + CONTEXT);
    } else if (k - CONTEXT <= end + 1) {
      end = Math.min(ops.length - 1, k + CONTEXT);
    } else {
      out.push(ops.slice(start, end + 1));
      start = Math.max(0, k - CONTEXT);
      end = Math.min(ops.length - 1, k + CONTEXT);
    }
  }
  if (start >= 0) out.push(ops.slice(start, end + 1));
  return out;
}
