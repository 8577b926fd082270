/**
 * One disk file through a scan's two phases, for the callers that drive the files
 * themselves: the CLI's scan (engine/scan.ts, with or without worker threads) and the
 * language server's background scan. So an editor opening a workspace reuses what the
 * last `ssot-lint check` (or the last editor session) recorded, and neither keeps the
 * tree's text or facts in memory between the phases.
 *
 * Phase 1 goes through the scan cache (index/facts-cache.ts): the file's entry reused when
 * its stat, or else its content key, says it is unchanged; otherwise the file is read and
 * checked (here, or in a worker that sends back its result) and recorded. Phase 2 runs the
 * rules that read the index on the file's outline, reading its text back only for a
 * finding that needs it (engine/lazy-source.ts).
 */
import { createHash } from 'node:crypto';
import { unpackCheck } from '../index/cache-pack';
import { FactsCache, cacheVersionKey, contentKey, defaultCacheDir, type FileStat } from '../index/facts-cache';
import { combine, phaseTwo, type FileResult, type IndexAdditions, type Project } from './check';
import { extensionOf, lazySourceFile } from './lazy-source';
import { type LocalCheck, type PhaseOneOutput, type SkippedFile } from './source-io';
import type { WorkOutput } from './worker-pool';

/** A file through phase 1 (with phase 2's additions when the cache has them). */
export interface Loaded extends LocalCheck {
  key: string;
  added?: IndexAdditions;
}

/** A file to take through phase 1: its path and the stat it was found with. */
export interface StatedFile extends FileStat {
  path: string;
}

/** Phase 1 of a scan's files, through the scan cache when there is one. */
export class PhaseOne {
  private constructor(
    /** What local results depend on besides a file's path and bytes (see localInputsDigest). */
    readonly inputs: string,
    readonly cache: FactsCache | undefined,
    /** The scan's start: a file modified less than STAT_TRUST_MS before it is not trusted by stat. */
    private readonly started: number,
  ) {}

  /**
   * `cacheDir`: undefined = the default location (defaultCacheDir), null = no cache.
   * `deferWrites`: checked files' entries are written when the cache is saved (FactsCache).
   */
  static open(project: Project, cacheDir: string | null | undefined, opts: { started?: number; deferWrites?: boolean } = {}): PhaseOne {
    const inputs = localInputsDigest(project);
    const cache = cacheDir === null ? undefined : FactsCache.open(cacheDir ?? defaultCacheDir(project.root), project.root, inputs, { deferWrites: opts.deferWrites });
    return new PhaseOne(inputs, cache, opts.started ?? Date.now());
  }

  /** The file's entry when its stat says it is unchanged (nothing read); else what phaseOne needs. */
  lookup(f: StatedFile): Loaded | { path: string; expectKey: string | undefined } {
    // As it is: its outline is parsed only if the index is built (see cache-pack.ts).
    return this.cache?.byStat(f.path, f) ?? { path: f.path, expectKey: this.cache?.keyOf(f.path) };
  }

  /** phaseOne's answer for a file, from this thread or a worker's (checked files' results as JSON, see WorkOutput). */
  accept(f: StatedFile, out: PhaseOneOutput | WorkOutput): Loaded | SkippedFile {
    if ('reason' in out) {
      this.cache?.miss(f.path);
      return out;
    }
    const { key } = out;
    if ('unchanged' in out) return this.cache!.byContent(f.path, key, f, this.started)!;
    const packed = 'packed' in out ? out.packed : undefined;
    const { outline, local } = packed ? unpackCheck(f.path, packed) : (out as LocalCheck);
    // A file a rule crashed on is checked again next time rather than remembered broken.
    if (local.internalErrors.length === 0) this.cache?.set(f.path, f, this.started, { key, outline, local }, packed);
    else this.cache?.miss(f.path);
    return { key, outline, local };
  }
}

/** Phase 2 of a file: the index rules on its outline (the index must be complete), and the file's whole result. */
export function phaseTwoOf(project: Project, relPath: string, l: Loaded): { result: FileResult; added: IndexAdditions } {
  const file = lazySourceFile(project, relPath, l.key, l.outline);
  const added = phaseTwo(project, file, l.local);
  return { result: combine(file, l.local, added), added };
}

/** A file's whole result from its stored phase 2 additions (WorldPass.replay): no index rule runs. */
export function replayedResult(project: Project, relPath: string, l: Loaded & { added: IndexAdditions }): FileResult {
  return combine(lazySourceFile(project, relPath, l.key, () => l.outline), l.local, l.added);
}

/** The content key of an editor buffer's text (as its UTF-8 bytes on disk would have). */
export function textKey(relPath: string, text: string): string {
  return contentKey(extensionOf(relPath), Buffer.from(text, 'utf8'));
}

/**
 * What a file's local results depend on besides its path and bytes: the config and the
 * rule set (the engine's code is in the cache's version key).
 */
function localInputsDigest(project: Project): string {
  const h = createHash('sha1');
  h.update(`${cacheVersionKey()}\0${project.root}\0${JSON.stringify(project.config)}\0`);
  h.update(project.rules.map((r) => r.meta.id).join(','));
  return h.digest('base64url');
}
