/**
 * Re-checking a file because another file changed (an editor's dependents, after
 * `index.update` returned them). The file's own text and facts are unchanged, so only
 * the rules that read the workspace index on it last time can give different results,
 * and of those only the ones whose index reads changed since (FileResult.indexReads, with
 * project.trackIndexReads): those re-run, every other rule's violations are kept. Without
 * recorded reads it is the result's indexRules, else every rule that declares readsIndex.
 * The re-run rules look at the file's outline (the index's copy); its text and facts are
 * read only if a re-run rule or a new violation needs them.
 *
 * The merge equals a full checkFile: violations are ordered by (span start, rule id)
 * with each rule's own report order kept, and fingerprint occurrence counts are per rule.
 * A file with suppression comments, or whose last check had a rule fail, gets the full
 * check instead: whether a suppression is used is decided across all rules.
 */
import type { SourceFile, Violation } from '../types';
import type { FileOutline } from '../index/outline';
import { checkFile, checkSource, type FileResult, type InternalError, type Project } from './check';
import { sourceFileOf } from './lazy-source';

export interface PreviousCheck {
  violations: readonly Violation[];
  suppressedCount: number;
  internalErrors: readonly InternalError[];
  /** The rules that read the index last time (FileResult.indexRules), when kept. */
  indexRules?: readonly string[];
  /** What they read, and when (FileResult.indexReads), when kept. */
  indexReads?: { epoch: number; keys: Record<string, readonly string[]> };
}

export function recheckDependent(project: Project, path: string, previous: PreviousCheck, outline: FileOutline, text: () => string): FileResult {
  if (previous.internalErrors.length > 0 || outline.suppressions.length > 0) return checkFile(project, path, text());
  const only = rulesToRerun(project, previous);
  if (only.size === 0 && previous.indexReads) {
    // Nothing it read moved: the old result stands (still current as of this epoch).
    const indexReads = { epoch: project.index?.epoch ?? previous.indexReads.epoch, keys: previous.indexReads.keys };
    return { file: lazyFile(project, path, outline, text), violations: [...previous.violations], suppressedCount: previous.suppressedCount, usedSuppressions: [], internalErrors: [], indexRules: previous.indexRules ? [...previous.indexRules] : undefined, indexReads };
  }
  const file = lazyFile(project, path, outline, text);
  const fresh = only.size ? checkSource(project, file, only) : { file, violations: [], suppressedCount: 0, usedSuppressions: [], internalErrors: [], indexRules: [] };
  const kept = previous.violations.filter((v) => !only.has(v.rule));
  const violations = [...kept, ...fresh.violations].sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  // Rules not re-run keep their old reads, the re-run ones read afresh at this epoch. One
  // epoch (now) is exact for both: no key a kept rule read has moved since it ran.
  const indexRules = [...new Set([...(previous.indexRules ?? []).filter((r) => !only.has(r)), ...(fresh.indexRules ?? [])])];
  // Without old reads, every rule that can read the index was re-run: the fresh record is complete.
  let indexReads: FileResult['indexReads'] = previous.indexReads ? undefined : fresh.indexReads;
  if (previous.indexReads && fresh.indexReads) {
    const keys: Record<string, readonly string[]> = {};
    for (const r of indexRules) keys[r] = (only.has(r) ? fresh.indexReads.keys[r] : previous.indexReads.keys[r]) ?? [];
    indexReads = { epoch: fresh.indexReads.epoch, keys };
  }
  return { ...fresh, violations, suppressedCount: previous.suppressedCount, indexRules, indexReads };
}

/** The rules whose result on the file may differ now (see the file comment). */
function rulesToRerun(project: Project, previous: PreviousCheck): Set<string> {
  const reads = previous.indexReads;
  const index = project.index;
  if (reads && index) return new Set(Object.keys(reads.keys).filter((r) => index.changedSince(reads.keys[r], reads.epoch)));
  return new Set(previous.indexRules ?? project.rules.filter((r) => r.meta.readsIndex).map((r) => r.meta.id));
}

function lazyFile(project: Project, path: string, outline: FileOutline, text: () => string): SourceFile {
  return sourceFileOf(project, path, { text, outline });
}
