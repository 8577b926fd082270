/**
 * On-disk facts cache, keyed by content hash, so a second scan of an unchanged tree
 * parses nothing. Two pack files per workspace root (facts + stats, and results): 20k
 * small cache files would cost more in open/close than the parsing they save. Tables:
 * - entries: content key -> facts (+ definition shapes, which otherwise need the text);
 * - stats: path -> (size, mtimeMs, ino, content key), so an unchanged file is not even
 *   read or hashed. Only files older than STAT_TRUST_MS at scan start are recorded (git's
 *   "racy clean" rule: a file written in the same clock tick as the scan could change
 *   again without its mtime moving);
 * - results: path -> the file's finished rule results, valid for one content key and one
 *   digest of everything else rules read (config, rules' code, the whole tree's keys).
 *
 * Versioned: the pack's name carries the engine version, FACTS_SCHEMA_VERSION and a hash
 * of the front ends' own code, so a changed extractor never reads stale facts even if
 * nobody bumped a number. Safe to delete at any time; a missing, corrupt or foreign pack
 * is an empty cache. Written atomically (temp file + rename), so a crash or a concurrent
 * scan leaves either the old pack or the new one, never half of one.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { FileFacts } from '../facts';
import type { Violation } from '../types';

/** Bump when FileFacts or the pack's tables change shape or meaning (the code hash is a second guard). */
export const FACTS_SCHEMA_VERSION = 2;

/** A file whose mtime is this close to the scan start is re-hashed next time (see above). */
export const STAT_TRUST_MS = 2000;

export interface CachedFacts {
  facts: FileFacts;
  /** Definition shape per class index ('' = not a top-level definition); see definitionShapes. */
  shapes: string[];
}

export interface StatEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  key: string;
}

export interface CachedResult {
  key: string;
  digest: string;
  violations: Violation[];
  suppressedCount: number;
  usedSuppressions: number[];
}

let versionKeyMemo: string | undefined;

/** Engine version + schema version + the front ends' code, hashed. */
export function cacheVersionKey(): string {
  if (versionKeyMemo) return versionKeyMemo;
  const h = createHash('sha1');
  h.update(`${engineVersion()}\0${FACTS_SCHEMA_VERSION}\0`);
  const lang = path.join(__dirname, '..', 'lang');
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) h.update(e.name).update(fs.readFileSync(p));
    }
  };
  walk(lang);
  // Cached rule results depend on the rules and the engine, not only the front ends.
  for (const d of ['rules', 'engine', 'index', 'config']) walk(path.join(__dirname, '..', d));
  versionKeyMemo = h.digest('hex').slice(0, 16);
  return versionKeyMemo;
}

function engineVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
  } catch {
    return '0';
  }
}

/** `<root>/node_modules/.cache/ssot-lint` when the workspace has node_modules, else the OS cache dir. */
export function defaultCacheDir(root: string): string {
  const nm = path.join(root, 'node_modules');
  if (fs.existsSync(nm)) return path.join(nm, '.cache', 'ssot-lint');
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local')
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : process.env.XDG_CACHE_HOME || path.join(home, '.cache');
  return path.join(base, 'ssot-lint');
}

/** Key of one file's facts: which front end (the file's extension) and the exact bytes. */
export function contentKey(extension: string, bytes: Uint8Array): string {
  return createHash('sha1').update(extension).update('\0').update(bytes).digest('base64url');
}

/** The workspace-level pass (findings on no checked file, adoption metrics) for one inputs digest. */
export interface CachedWorkspace {
  digest: string;
  violations: Violation[];
  adoption: unknown;
}

interface Pack {
  version?: string;
  entries?: Map<string, CachedFacts>;
  stats?: Map<string, StatEntry>;
  results?: Map<string, CachedResult>;
  workspace?: CachedWorkspace;
}

export class FactsCache {
  private entries = new Map<string, CachedFacts>();
  private stats = new Map<string, StatEntry>();
  private results = new Map<string, CachedResult>();
  private readonly used = new Set<string>();
  private readonly seenPaths = new Set<string>();
  private workspace: CachedWorkspace | undefined;
  /** Facts + stats and results are two packs: serialising one big pack doubled the peak memory of a cold scan. */
  private dirty = false;
  private dirtyResults = false;
  hits = 0;
  misses = 0;

  private constructor(readonly file: string) {}

  /** The results pack beside the facts pack. */
  get resultsFile(): string {
    return path.join(path.dirname(this.file), path.basename(this.file).replace(/^facts-/, 'results-'));
  }

  /** Opens (reads) the pack for `root` in `dir`; never throws. */
  static open(dir: string, root: string): FactsCache {
    const rootKey = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 12);
    const cache = new FactsCache(path.join(dir, `facts-${rootKey}-${cacheVersionKey()}.bin`));
    try {
      const data = v8.deserialize(fs.readFileSync(cache.file)) as Pack;
      if (data && data.version === cacheVersionKey() && data.entries instanceof Map && data.stats instanceof Map) {
        cache.entries = data.entries;
        cache.stats = data.stats;
      }
    } catch {
      // Missing or unreadable: start empty.
    }
    try {
      const data = v8.deserialize(fs.readFileSync(cache.resultsFile)) as Pack;
      if (data && data.version === cacheVersionKey() && data.results instanceof Map) {
        cache.results = data.results;
        cache.workspace = data.workspace;
      }
    } catch {
      // Missing or unreadable: no results to reuse.
    }
    return cache;
  }

  get(key: string): CachedFacts | undefined {
    const f = this.entries.get(key);
    if (f) {
      this.hits++;
      this.used.add(key);
    } else this.misses++;
    return f;
  }

  set(key: string, facts: CachedFacts): void {
    this.entries.set(key, facts);
    this.used.add(key);
    this.dirty = true;
  }

  /** The content key of a file whose stat is unchanged since it was recorded, with its facts (a hit). */
  byStat(relPath: string, st: { size: number; mtimeMs: number; ino: number }): { key: string; cached: CachedFacts } | undefined {
    const e = this.stats.get(relPath);
    if (!e || e.size !== st.size || e.mtimeMs !== st.mtimeMs || e.ino !== st.ino) return undefined;
    const cached = this.get(e.key);
    return cached ? { key: e.key, cached } : undefined;
  }

  /** Records a file's stat for its content key, when the file is old enough to trust (see STAT_TRUST_MS). */
  recordStat(relPath: string, st: { size: number; mtimeMs: number; ino: number }, key: string, scanStart: number): void {
    this.seenPaths.add(relPath);
    const old = this.stats.get(relPath);
    if (st.mtimeMs > scanStart - STAT_TRUST_MS) {
      if (old) {
        this.stats.delete(relPath);
        this.dirty = true;
      }
      return;
    }
    if (old && old.key === key && old.size === st.size && old.mtimeMs === st.mtimeMs && old.ino === st.ino) return;
    this.stats.set(relPath, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, key });
    this.dirty = true;
  }

  /** A file's cached rule results, if they were computed for these bytes and these inputs. */
  result(relPath: string, key: string, digest: string): CachedResult | undefined {
    const r = this.results.get(relPath);
    return r && r.key === key && r.digest === digest ? r : undefined;
  }

  workspaceResult(digest: string): CachedWorkspace | undefined {
    return this.workspace?.digest === digest ? this.workspace : undefined;
  }

  setWorkspaceResult(w: CachedWorkspace): void {
    this.workspace = w;
    this.dirtyResults = true;
  }

  setResult(relPath: string, r: CachedResult): void {
    this.results.set(relPath, r);
    this.dirtyResults = true;
  }

  /**
   * Writes the pack if anything changed. `prune` drops entries this run did not use (a
   * full scan: they belong to deleted or edited files); partial scans keep them.
   */
  save(prune: boolean): void {
    if (prune && this.used.size < this.entries.size) {
      for (const k of this.entries.keys()) if (!this.used.has(k)) this.entries.delete(k);
      this.dirty = true;
    }
    if (prune) {
      // Deleted files' stats and results are dead weight too.
      for (const p of this.stats.keys()) {
        if (!this.seenPaths.has(p)) {
          this.stats.delete(p);
          this.dirty = true;
        }
      }
      for (const p of this.results.keys()) {
        if (!this.seenPaths.has(p)) {
          this.results.delete(p);
          this.dirtyResults = true;
        }
      }
    }
    if (this.dirty && this.write(this.file, { version: cacheVersionKey(), entries: this.entries, stats: this.stats })) this.dirty = false;
    if (this.dirtyResults && this.write(this.resultsFile, { version: cacheVersionKey(), results: this.results, workspace: this.workspace })) this.dirtyResults = false;
  }

  /** Atomic write of one pack (temp file + rename); false when the disk refused. */
  private write(file: string, pack: Pack): boolean {
    const dir = path.dirname(file);
    const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(tmp, v8.serialize(pack));
      fs.renameSync(tmp, file);
      this.removeStalePacks(dir, path.basename(file));
      return true;
    } catch {
      // A read-only or full disk only costs speed next time.
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing to clean */
      }
      return false;
    }
  }

  /** Packs of this root written by another engine version are dead weight. */
  private removeStalePacks(dir: string, mine: string): void {
    const prefix = mine.slice(0, mine.lastIndexOf('-') + 1);
    for (const name of fs.readdirSync(dir)) {
      if (name !== mine && name.startsWith(prefix) && name.endsWith('.bin')) fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}
