/**
 * When a scan may replay phase 2 from its cache. Phase 2 (the rules that read the index)
 * and the workspace pass are functions of the index, and the index is a function of every
 * file's path and bytes, the config (and its file's text, where workspace findings are
 * placed), the rule set, the engine's code and the tsconfig files TS imports resolve
 * through. The first five are hashed into the world digest; the tsconfig answers are
 * recorded as the index asks them and asked again before a replay. When every one still
 * holds, the stored additions are what phase 2 would compute again, so a warm scan of an
 * unchanged tree builds no index and runs no index rule (issue 7: 1.9 s of a 4.5 s warm
 * run on the 475 MB tree).
 *
 * In another world (files changed, added or deleted since), a scan starts from the
 * recorded one when its tsconfig answers still hold (priorWorld, indexFromPrior): phase 2
 * runs on the changed files and their dependents in the index, the rest keep their stored
 * additions (issue 7: one edited file on the 475 MB tree, 7.9 s -> 3.7 s).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FactsCache, PriorFile, WorldRecord } from '../index/facts-cache';
import type { FileOutline } from '../index/outline';
import { answerNow, type TsconfigRead } from '../index/tsconfig';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { IndexAdditions, Project } from './check';
import { configFileOf } from './workspace';
import { byCodeUnit } from '../workspace/discover';

/** `inputs`: the cache's digest of config, rules and engine; `files`: [path, content key] of every indexed file, in path order. */
export function worldDigest(project: Project, inputs: string, files: Iterable<readonly [string, string]>): string {
  const h = createHash('sha1');
  h.update(`${inputs}\0`);
  const configFile = configFileOf(project);
  if (configFile) {
    h.update(configFile).update('\0');
    try {
      h.update(fs.readFileSync(path.join(project.root, configFile)));
    } catch {
      h.update('\0unreadable');
    }
  }
  h.update('\0');
  for (const [file, key] of files) h.update(file).update('\0').update(key).update('\n');
  return h.digest('base64url');
}

/**
 * What identifies a recorded world, and so every result of a scan in it: its digest and the
 * tsconfig answers it was computed with (a tsconfig's text changes the world without
 * changing the digest, which covers only the scanned files).
 */
export function worldIdentity(record: WorldRecord): string {
  return `${record.digest}.${createHash('sha1').update(JSON.stringify(record.tsconfigReads)).digest('base64url')}`;
}

/** An answer as stored: a config's text is kept as its hash. */
function answerKey(answer: TsconfigRead['answer']): string {
  if (typeof answer === 'string') return `t:${createHash('sha1').update(answer).digest('base64url')}`;
  return String(answer);
}

export function recordReads(reads: readonly TsconfigRead[]): WorldRecord['tsconfigReads'] {
  const seen = new Set<string>();
  const out: WorldRecord['tsconfigReads'] = [];
  for (const r of reads) {
    const id = `${r.kind}\0${r.file}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push([r.kind, r.file, answerKey(r.answer)]);
  }
  return out;
}

/** Whether every recorded tsconfig answer is still what the file system says. */
export function readsStillHold(reads: WorldRecord['tsconfigReads']): boolean {
  return reads.every(([kind, file, answer]) => answerKey(answerNow(kind, file)) === answer);
}

/**
 * Leaves `project.index` to be built on first use: a replayed scan's callers rarely need
 * it (`--fix` does), and building it costs ~0.3 s and ~150 MB on the 475 MB tree.
 * Assigning an index replaces the pending one.
 */
export function setLazyIndex(project: Project, build: () => WorkspaceIndex): void {
  const settle = (value: WorkspaceIndex | undefined) => Object.defineProperty(project, 'index', { value, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(project, 'index', {
    enumerable: true,
    configurable: true,
    get: () => {
      const index = build();
      settle(index);
      return index;
    },
    set: settle,
  });
}

/**
 * Phase 2 of one pass against the scan cache's world record: `replay` is the record when
 * the cache recorded this very world (its stored additions stand), else what the pass
 * computes is recorded for the next one (the CLI's scan and the language server's first
 * pass, so each replays what the other recorded).
 */
export class WorldPass {
  private constructor(
    private readonly cache: FactsCache,
    private readonly digest: string,
    readonly replay: WorldRecord | undefined,
    /** Give to createWorkspaceIndex: the tsconfig answers the index asks for, recorded with the world. */
    readonly tsconfigReads: TsconfigRead[],
  ) {}

  /**
   * `indexed`: [path, content key] of every file the index will hold, in path order;
   * `complete`: whether the caller can replay from the record (the CLI's scan needs stored
   * additions for every file it reports on); `reads`: where an index built before the pass
   * opened has been recording its tsconfig answers.
   */
  static open(project: Project, inputs: string, cache: FactsCache, indexed: Iterable<readonly [string, string]>, complete: () => boolean, reads: TsconfigRead[] = []): WorldPass {
    const digest = worldDigest(project, inputs, indexed);
    const record = cache.world;
    const replay = record && record.digest === digest && complete() && readsStillHold(record.tsconfigReads) ? record : undefined;
    return new WorldPass(cache, digest, replay, reads);
  }

  /** The answers of an earlier world (PriorWorld) whose stored findings this one keeps: still true, and still relied on. */
  private inherited: WorldRecord['tsconfigReads'] = [];

  /**
   * Phase 2 is about to run (no replay): additions of an earlier world are dropped before
   * this one's are recorded, except those of the files `kept` (see indexFromPrior), whose
   * tsconfig answers `inherited` holds.
   */
  enter(kept?: (relPath: string) => boolean, inherited: WorldRecord['tsconfigReads'] = []): void {
    if (this.replay) return;
    this.cache.enterWorld(this.digest, kept);
    this.inherited = inherited;
  }

  /** A file's phase 2 additions, computed in this world. */
  record(relPath: string, added: IndexAdditions): void {
    if (!this.replay) this.cache.setAdded(relPath, added);
  }

  /** The workspace pass's findings (asked for only when recording): the world is complete, and recorded. */
  finish(whole: () => Pick<WorldRecord, 'workspaceViolations' | 'adoption'>): void {
    if (this.replay) return;
    const reads = recordReads(this.tsconfigReads);
    const asked = new Set(reads.map(([kind, file]) => `${kind}\0${file}`));
    for (const r of this.inherited) if (!asked.has(`${r[0]}\0${r[1]}`)) reads.push(r);
    this.cache.setWorld({ digest: this.digest, tsconfigReads: reads, ...whole() });
  }
}

/**
 * The world the scan cache recorded, when a scan in another world can start from it: the
 * pack's entries as opened are exactly that world's files (their content keys give its
 * digest) and its tsconfig answers still hold.
 */
export interface PriorWorld {
  record: WorldRecord;
  files: Map<string, PriorFile>;
}

export function priorWorld(project: Project, inputs: string, cache: FactsCache): PriorWorld | undefined {
  const record = cache.world;
  const files = cache.priorFiles();
  if (!record || !files || !readsStillHold(record.tsconfigReads)) return undefined;
  const keys = [...files].map(([p, f]) => [p, f.key] as const).sort((a, b) => byCodeUnit(a[0], b[0]));
  return worldDigest(project, inputs, keys) === record.digest ? { record, files } : undefined;
}

/** Runs a generator to its end: its return value. */
export function finished<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A file of a scan, for indexFromPrior. */
export interface IndexedFile {
  path: string;
  key: string;
  outline: () => FileOutline;
}

/**
 * Fills `index` with the scan's files, starting from the prior world's, and returns the
 * files whose phase 2 findings may differ from the stored ones: each changed, new or
 * deleted file and its dependents in the index before and after the change (what the
 * language server re-checks after an edit, WorkspaceIndex.dependentsOf), and every file
 * without stored findings. Every other file's stored findings stand. `now`: the scan's
 * files in path order. Each file is added once at its place in path order (the index's
 * tables then read as a build from scratch would), a changed or deleted one with its prior
 * outline, replaced or removed when the dependents before the change are known. A
 * generator that pauses after each file (`finished` runs it through).
 */
export function* indexFromPrior(index: WorkspaceIndex, prior: PriorWorld, now: Iterable<IndexedFile>): Generator<void, Set<string>> {
  const affected = new Set<string>();
  const current = new Map<string, IndexedFile>();
  for (const f of now) current.set(f.path, f);
  const paths = [...new Set([...current.keys(), ...prior.files.keys()])].sort(byCodeUnit);
  /** Changed or deleted files: in the index with their prior outline for now. */
  const moved: string[] = [];
  const added: string[] = [];
  for (const p of paths) {
    // A pause per file: the language server yields to its event loop between slices.
    yield;
    const f = current.get(p);
    const old = prior.files.get(p);
    if (f && old?.key === f.key) {
      index.add(p, f.outline());
      if (!old.added) affected.add(p);
    } else if (f && !old) {
      index.add(p, f.outline());
      added.push(p);
    } else {
      index.add(p, old!.outline());
      moved.push(p);
    }
  }
  const withDependents = (p: string) => {
    affected.add(p);
    for (const d of index.dependentsOf(p)) affected.add(d);
  };
  moved.forEach(withDependents);
  for (const p of moved) {
    const f = current.get(p);
    if (f) index.add(p, f.outline());
    else index.remove(p);
  }
  added.forEach(withDependents);
  for (const p of moved) if (current.has(p)) withDependents(p);
  // Deleted files were reported on only in the prior world.
  for (const p of moved) if (!current.has(p)) affected.delete(p);
  return affected;
}
