/**
 * The properties every input must satisfy, whatever its bytes: the engine does not
 * throw or hang, every span and range lies inside the document, the edits of one fix
 * never overlap, applying a fix never throws and removes its violation, fixAll
 * leaves no safe fix behind and is idempotent. Returns problems instead of throwing
 * so a fuzz run can report the seed and input of every failure at once.
 */
import { performance } from 'node:perf_hooks';
import { applyEdits, editsConflict } from '../../shared-rules/src/fix/apply';
import { checkFile, safeFixOf, type Project } from '../../shared-rules/src/engine/check';
import { fixAll } from '../../shared-rules/src/engine/fix-all';
import { positionToOffset } from '../../shared-rules/src/text';
import type { OffsetEdit, Violation } from '../../shared-rules/src/types';

export interface Verdict {
  problems: string[];
  violations: number;
  fixesApplied: number;
  fixAllFixed: number;
  /** Slowest single engine call (checkFile or fixAll) in ms. */
  slowestMs: number;
}

export interface VerifyOptions {
  /** A single checkFile slower than this is a hang (ms). */
  checkBudgetMs: number;
  /** fixAll may re-check up to 10 times; its bound is separate (ms). */
  fixAllBudgetMs: number;
  /** At most this many single fixes are applied and re-checked per input (each costs a checkFile). */
  maxSingleFixes: number;
}

export const DEFAULT_VERIFY: VerifyOptions = { checkBudgetMs: 2000, fixAllBudgetMs: 8000, maxSingleFixes: 12 };

/**
 * Budgets for a text of `len` UTF-16 units: the defaults up to 256 KB, then linear in the
 * size (a 1 MB file gets 4x). Linear work on a loaded 2-core CI box fits; a quadratic
 * path does not (the fixAll conflict check took 61 s on 50,000 fixes before it was fixed).
 * Fewer single fixes on big inputs: each one is a full re-check.
 */
export function budgetFor(len: number): VerifyOptions {
  const scale = Math.max(1, len / (256 * 1024));
  return { checkBudgetMs: DEFAULT_VERIFY.checkBudgetMs * scale, fixAllBudgetMs: DEFAULT_VERIFY.fixAllBudgetMs * scale, maxSingleFixes: len > 100_000 ? 2 : DEFAULT_VERIFY.maxSingleFixes };
}

/** Identity of a violation without the occurrence index: rule + flagged code, whitespace folded (as fingerprint() does). */
export function violationKey(text: string, v: Violation): string {
  const code = text.slice(v.span.start, Math.min(v.span.end, v.span.start + 300)).replace(/\s+/g, ' ').trim();
  return `${v.rule}\0${code}`;
}

function countKeys(text: string, vs: readonly Violation[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of vs) m.set(violationKey(text, v), (m.get(violationKey(text, v)) ?? 0) + 1);
  return m;
}

/** Every `{start, end}` object inside the facts lies in [0, len] with start <= end. */
function checkSpans(node: unknown, len: number, where: string, out: string[]): void {
  if (out.length > 20 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach((x, i) => checkSpans(x, len, `${where}[${i}]`, out));
    return;
  }
  const o = node as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') {
    if (!(o.start >= 0 && o.start <= o.end && o.end <= len)) out.push(`span ${where} = ${o.start}-${o.end} outside 0-${len} or reversed`);
  }
  for (const [k, v] of Object.entries(o)) if (typeof v === 'object') checkSpans(v, len, `${where}.${k}`, out);
}

function timed<T>(fn: () => T): { value?: T; error?: unknown; ms: number } {
  const t0 = performance.now();
  try {
    const value = fn();
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

const errText = (e: unknown) => (e instanceof Error ? `${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e));

export function verify(project: Project, file: string, text: string, opts: VerifyOptions = budgetFor(text.length)): Verdict {
  const problems: string[] = [];
  const verdict: Verdict = { problems, violations: 0, fixesApplied: 0, fixAllFixed: 0, slowestMs: 0 };
  const check = (t: string, what: string) => {
    const r = timed(() => checkFile(project, file, t));
    verdict.slowestMs = Math.max(verdict.slowestMs, r.ms);
    if (r.error !== undefined) problems.push(`checkFile threw (${what}): ${errText(r.error)}`);
    else if (r.ms > opts.checkBudgetMs) problems.push(`checkFile took ${Math.round(r.ms)} ms (${what}), budget ${opts.checkBudgetMs}`);
    if (r.value) for (const e of r.value.internalErrors) problems.push(`rule ${e.rule} threw (${what}): ${e.message}`);
    return r.value;
  };
  const result = check(text, 'input');
  if (!result) return verdict;
  const { facts } = result.file;
  const len = text.length;
  verdict.violations = result.violations.length;

  checkSpans(facts, len, 'facts', problems);
  const ls = facts.lineStarts;
  if (ls[0] !== 0 || ls.some((s, i) => s > len || (i > 0 && s <= ls[i - 1]))) problems.push('lineStarts not strictly increasing within the text');
  if (facts.importInsertOffset < 0 || facts.importInsertOffset > len) problems.push(`importInsertOffset ${facts.importInsertOffset} outside 0-${len}`);

  for (const v of result.violations) {
    const at = `${v.rule} at ${v.span.start}-${v.span.end}`;
    if (!(v.span.start >= 0 && v.span.start <= v.span.end && v.span.end <= len)) problems.push(`violation span outside document: ${at}`);
    for (const [name, pos] of [['start', v.range.start], ['end', v.range.end]] as const) {
      if (pos.line < 0 || pos.line >= ls.length || pos.character < 0) problems.push(`violation ${at}: range.${name} ${JSON.stringify(pos)} outside document`);
      else if (positionToOffset(ls, len, pos) !== v.span[name]) problems.push(`violation ${at}: range.${name} ${JSON.stringify(pos)} does not map back to offset ${v.span[name]}`);
    }
    for (const f of v.fixes) {
      for (const e of f.edits) if (!(e.start >= 0 && e.start <= e.end && e.end <= len)) problems.push(`fix "${f.title}" of ${at}: edit ${e.start}-${e.end} outside 0-${len}`);
      for (let i = 0; i < f.edits.length; i++)
        for (let j = i + 1; j < f.edits.length; j++)
          if (editsConflict([f.edits[i]], [f.edits[j]])) problems.push(`fix "${f.title}" of ${at}: edits ${i} and ${j} overlap`);
    }
  }
  if (problems.length) return verdict;

  // Each fix alone: applies, and the re-checked text has fewer violations with that (rule, code).
  const before = countKeys(text, result.violations);
  let budget = opts.maxSingleFixes;
  for (const v of result.violations) {
    for (const f of v.fixes) {
      if (budget-- <= 0) break;
      const applied = timed(() => applyEdits(text, f.edits));
      if (applied.error !== undefined) {
        problems.push(`applying fix "${f.title}" of ${v.rule} threw: ${errText(applied.error)}`);
        continue;
      }
      verdict.fixesApplied++;
      const after = check(applied.value!, `after fix "${f.title}"`);
      if (!after) continue;
      const key = violationKey(text, v);
      const n = countKeys(applied.value!, after.violations).get(key) ?? 0;
      if (n >= (before.get(key) ?? 0)) problems.push(`fix "${f.title}" did not remove its ${v.rule} violation (${JSON.stringify(key.split('\0')[1])} still ${n} times)`);
    }
  }

  // fixAll: bounded, leaves nothing safe to fix, fixed keys are gone, and a second run is a no-op.
  const all = timed(() => fixAll(project, file, text));
  verdict.slowestMs = Math.max(verdict.slowestMs, all.ms);
  if (all.error !== undefined) {
    problems.push(`fixAll threw: ${errText(all.error)}`);
    return verdict;
  }
  if (all.ms > opts.fixAllBudgetMs) problems.push(`fixAll took ${Math.round(all.ms)} ms, budget ${opts.fixAllBudgetMs}`);
  const fixedText = all.value!.text;
  verdict.fixAllFixed = all.value!.fixed.length;
  const recheck = check(fixedText, 'after fixAll');
  if (recheck && all.value!.passes < 10) {
    const leftover = recheck.violations.filter((v) => v.fixes.some((f) => f.safe));
    if (leftover.length) problems.push(`after fixAll ${leftover.length} safe fixes remain, e.g. ${leftover[0].rule}: ${leftover[0].message}`);
    // Compared by (rule, code) counts, not fingerprints: fingerprints carry an occurrence index that shifts when an earlier twin is fixed.
    const beforeAll = countKeys(text, result.violations);
    const afterAll = countKeys(fixedText, recheck.violations);
    // The violations fixAll's first pass fixes: its greedy choice, replayed on the original text.
    const chosen: OffsetEdit[] = [];
    const firstPass = result.violations.filter((v) => {
      const f = safeFixOf(v);
      if (!f || editsConflict(chosen, f.edits)) return false;
      chosen.push(...f.edits);
      return true;
    });
    const firstPassKeys = countKeys(text, firstPass);
    for (const [key, n] of firstPassKeys) {
      const left = afterAll.get(key) ?? 0;
      if (left > (beforeAll.get(key) ?? 0) - n) problems.push(`after fixAll ${left} violations ${JSON.stringify(key.replace('\0', ': '))} remain though ${n} of ${beforeAll.get(key)} were fixed`);
    }
  }
  const again = timed(() => fixAll(project, file, fixedText));
  if (again.error !== undefined) problems.push(`second fixAll threw: ${errText(again.error)}`);
  else if (again.value!.text !== fixedText || again.value!.fixed.length > 0) problems.push(`fixAll is not idempotent: the second run fixed ${again.value!.fixed.length} more`);
  return verdict;
}
