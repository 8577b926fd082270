/**
 * Baseline ("zero new violations"): the accepted violations as fingerprints. A
 * violation matching a baseline entry is old; anything else is new. The file is
 * sorted, one entry per line, so merges and reviews are easy and the bytes are the
 * same on every machine.
 *
 * Each entry has two identities:
 * - `fingerprint`: rule + file + normalised flagged code + occurrence index (the
 *   violation's own fingerprint), which survives line shifts and unrelated edits;
 * - `content`: the same without the file path, so a violation in a moved or renamed
 *   file still matches its entry (only entries whose file is gone are tried this way,
 *   so identical code in two live files never steals the other's entry).
 * Matching is one-to-one: each entry absorbs at most one violation.
 */
import * as fs from 'node:fs';
import type { Violation } from './types';
import type { BaselineSummary } from './report';
import { fingerprint } from './engine/fingerprint';

export const BASELINE_FILE = 'ssot-lint-baseline.json';

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  /** Path-free fingerprint (rename matching). Older baselines may lack it. */
  content?: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

export interface BaselineComparison {
  new: Violation[];
  unchanged: Violation[];
  /** Entries no violation matches any more. */
  fixed: BaselineEntry[];
  /** Entries matched only by content (their file moved), with the violation that took each. */
  moved: { entry: BaselineEntry; violation: Violation }[];
}

export interface CompareOptions {
  /** Path-free fingerprint of a violation (see `contentFingerprints`); without it, no rename matching. */
  content?: (v: Violation) => string | undefined;
  /** Whether a baseline entry's file still exists; entries of existing files never match by content. */
  fileExists?: (file: string) => boolean;
}

/** A violation's identity within one run: its file and fingerprint are unique together. */
export function violationKey(v: { file: string; fingerprint: string }): string {
  return `${v.file}\0${v.fingerprint}`;
}

/**
 * Path-free fingerprints for the violations of checked files, keyed by `violationKey`.
 * The occurrence index counts identical (rule, code) pairs in the file in document
 * order, exactly as the engine numbers them for `fingerprint`.
 */
export function contentFingerprints(results: readonly { file: { path: string; text: string }; violations: readonly Violation[] }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of results) {
    const seen = new Map<string, number>();
    const ordered = [...r.violations].sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
    for (const v of ordered) {
      const code = r.file.text.slice(v.span.start, Math.min(v.span.end, v.span.start + 300));
      const key = `${v.rule}\0${code}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      out.set(violationKey(v), fingerprint(v.rule, '', code, n));
    }
  }
  return out;
}

export function baselineFrom(violations: readonly Violation[], content?: (v: Violation) => string | undefined): Baseline {
  const entries = violations.map((v): BaselineEntry => {
    const c = content?.(v);
    return c ? { rule: v.rule, file: v.file, fingerprint: v.fingerprint, content: c } : { rule: v.rule, file: v.file, fingerprint: v.fingerprint };
  });
  entries.sort(compareEntries);
  return { version: 1, entries };
}

/** Stable bytes: one entry per line, sorted by file, rule, fingerprint; keys in a fixed order. */
export function serializeBaseline(b: Baseline): string {
  const lines = [...b.entries].sort(compareEntries).map((e) => {
    const o: BaselineEntry = { rule: e.rule, file: e.file, fingerprint: e.fingerprint };
    if (e.content) o.content = e.content;
    return `    ${JSON.stringify(o)}`;
  });
  return `{\n  "version": 1,\n  "entries": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

export function parseBaseline(text: string): Baseline {
  const data = JSON.parse(text) as Partial<Baseline>;
  if (data.version !== 1 || !Array.isArray(data.entries)) throw new Error('not an ssot-lint baseline (expected {"version": 1, "entries": [...]})');
  for (const e of data.entries) {
    if (typeof e?.rule !== 'string' || typeof e.file !== 'string' || typeof e.fingerprint !== 'string') {
      throw new Error('baseline entry needs string rule, file and fingerprint');
    }
    if (e.content !== undefined && typeof e.content !== 'string') throw new Error('baseline entry content must be a string');
  }
  return data as Baseline;
}

/** Reads a baseline file; undefined when it does not exist. Throws with a clear message when it is malformed. */
export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseBaseline(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

/**
 * Splits violations into new and unchanged, and lists the fixed entries. First pass:
 * exact (rule, file, fingerprint). Second pass, for what is left: (rule, content)
 * against entries whose file no longer exists (moves and renames).
 */
export function compareToBaseline(violations: readonly Violation[], baseline: Baseline, options: CompareOptions = {}): BaselineComparison {
  const exact = new Map<string, number[]>();
  baseline.entries.forEach((e, i) => push(exact, `${e.rule}\0${e.file}\0${e.fingerprint}`, i));
  const used = new Set<number>();
  const out: BaselineComparison = { new: [], unchanged: [], fixed: [], moved: [] };
  const leftover: Violation[] = [];
  const state = new Map<Violation, boolean>();
  for (const v of violations) {
    const i = take(exact, `${v.rule}\0${v.file}\0${v.fingerprint}`, used);
    if (i === undefined) leftover.push(v);
    else state.set(v, true);
  }
  if (leftover.length && options.content && options.fileExists) {
    const byContent = new Map<string, number[]>();
    baseline.entries.forEach((e, i) => {
      if (!used.has(i) && e.content && !options.fileExists!(e.file)) push(byContent, `${e.rule}\0${e.content}`, i);
    });
    for (const v of leftover) {
      const c = options.content(v);
      const i = c === undefined ? undefined : take(byContent, `${v.rule}\0${c}`, used);
      if (i !== undefined) {
        state.set(v, true);
        out.moved.push({ entry: baseline.entries[i], violation: v });
      }
    }
  }
  // Keep the caller's order in both lists (it is the report's deterministic order).
  for (const v of violations) (state.get(v) ? out.unchanged : out.new).push(v);
  out.fixed = baseline.entries.filter((_, i) => !used.has(i));
  return out;
}

export function summarizeComparison(c: BaselineComparison): BaselineSummary {
  return { new: c.new.length, fixed: c.fixed.length, unchanged: c.unchanged.length };
}

/**
 * The ratchet (`--update-baseline`): drop fixed entries, re-point moved ones at their
 * new file, never add. New violations stay new until someone writes a fresh baseline.
 */
export function ratchetBaseline(baseline: Baseline, c: BaselineComparison, content?: (v: Violation) => string | undefined): Baseline {
  const fixed = new Set(c.fixed);
  const moved = new Map(c.moved.map((m) => [m.entry, m.violation]));
  const entries: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    if (fixed.has(e)) continue;
    const v = moved.get(e);
    if (!v) {
      entries.push(e);
      continue;
    }
    const entry: BaselineEntry = { rule: v.rule, file: v.file, fingerprint: v.fingerprint };
    const cv = content?.(v) ?? e.content;
    if (cv) entry.content = cv;
    entries.push(entry);
  }
  entries.sort(compareEntries);
  return { version: 1, entries };
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function take(map: Map<string, number[]>, key: string, used: Set<number>): number | undefined {
  const list = map.get(key);
  while (list && list.length) {
    const i = list.shift()!;
    if (!used.has(i)) {
      used.add(i);
      return i;
    }
  }
  return undefined;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint) || cmp(a.content ?? '', b.content ?? '');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
