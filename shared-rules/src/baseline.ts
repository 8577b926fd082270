/**
 * Baseline ("zero new violations"): the accepted violations as fingerprints. A
 * violation whose fingerprint is in the baseline is old; anything else is new.
 * The file is sorted, one entry per line, so merges and reviews are easy.
 */
import * as fs from 'node:fs';
import type { Violation } from './types';

export const BASELINE_FILE = 'ssot-lint-baseline.json';

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
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
}

export function baselineFrom(violations: readonly Violation[]): Baseline {
  const entries = violations.map((v) => ({ rule: v.rule, file: v.file, fingerprint: v.fingerprint }));
  entries.sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint));
  return { version: 1, entries };
}

/** Stable bytes: one entry per line, sorted. */
export function serializeBaseline(b: Baseline): string {
  const lines = b.entries.map((e) => `    ${JSON.stringify({ rule: e.rule, file: e.file, fingerprint: e.fingerprint })}`);
  return `{\n  "version": 1,\n  "entries": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

export function parseBaseline(text: string): Baseline {
  const data = JSON.parse(text) as Partial<Baseline>;
  if (data.version !== 1 || !Array.isArray(data.entries)) throw new Error('not an ssot-lint baseline (expected {"version": 1, "entries": [...]})');
  for (const e of data.entries) {
    if (typeof e?.rule !== 'string' || typeof e.file !== 'string' || typeof e.fingerprint !== 'string') {
      throw new Error('baseline entry needs string rule, file and fingerprint');
    }
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

export function compareToBaseline(violations: readonly Violation[], baseline: Baseline): BaselineComparison {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const seen = new Set<string>();
  const out: BaselineComparison = { new: [], unchanged: [], fixed: [] };
  for (const v of violations) {
    if (known.has(v.fingerprint)) {
      out.unchanged.push(v);
      seen.add(v.fingerprint);
    } else out.new.push(v);
  }
  out.fixed = baseline.entries.filter((e) => !seen.has(e.fingerprint));
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
