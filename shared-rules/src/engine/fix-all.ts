/**
 * Applies every safe fix in a file. Fixes are chosen greedily in document order,
 * skipping any that conflict with one already chosen, applied together, and the
 * file is re-checked; repeat until nothing safe is left. Re-checking (rather than
 * shifting stale offsets) is what makes the result correct when fixes interact,
 * e.g. two rewrites that both need the same import.
 */
import type { Violation } from '../types';
import { applyEdits, EditSet } from '../fix/apply';
import { checkFile, safeFixOf, type Project } from './check';

export interface FixAllResult {
  text: string;
  /** Violations fixed, in the order they were fixed. */
  fixed: Violation[];
  passes: number;
}

const MAX_PASSES = 10;

export function fixAll(project: Project, path: string, text: string): FixAllResult {
  const fixed: Violation[] = [];
  let current = text;
  let passes = 0;
  while (passes < MAX_PASSES) {
    const { violations } = checkFile(project, path, current);
    const chosen = new EditSet();
    let any = false;
    for (const v of violations) {
      const fix = safeFixOf(v);
      if (!fix || !chosen.tryAdd(fix.edits)) continue;
      fixed.push(v);
      any = true;
    }
    if (!any) break;
    passes++;
    const next = applyEdits(current, chosen.edits);
    if (next === current) break;
    current = next;
  }
  return { text: current, fixed, passes };
}
