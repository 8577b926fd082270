/**
 * Applies every safe fix in a file. Fixes are chosen greedily in document order,
 * skipping any that conflict with one already chosen, applied together, and the
 * file is re-checked; repeat until nothing safe is left. Re-checking (rather than
 * shifting stale offsets) is what makes the result correct when fixes interact,
 * e.g. two rewrites that both need the same import.
 */
import type { OffsetEdit, Violation } from '../types';
import { applyEdits, editsConflict } from '../fix/apply';
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
    const chosen: OffsetEdit[] = [];
    let any = false;
    for (const v of violations) {
      const fix = safeFixOf(v);
      if (!fix || editsConflict(chosen, fix.edits)) continue;
      chosen.push(...fix.edits);
      fixed.push(v);
      any = true;
    }
    if (!any) break;
    passes++;
    const next = applyEdits(current, chosen);
    if (next === current) break;
    current = next;
  }
  return { text: current, fixed, passes };
}
