/**
 * On-disk scan cache, so a second scan of an unchanged tree parses nothing and re-runs
 * only the rules that read the workspace index. One pack file per workspace root (20k
 * small cache files would cost more in open/close than the parsing they save), one entry
 * per path:
 * - the file's stat (size, mtimeMs, ino) and content key, so an unchanged file is not even
 *   read. A stat is trusted only for files older than STAT_TRUST_MS at scan start (git's
 *   "racy clean" rule: a file written in the same clock tick as the scan could change again
 *   without its mtime moving); a younger file is re-read and matched by content key;
 * - its outline (what the index keeps) and its local results (the rules that do not read
 *   the index, see engine/check.ts checkLocal), valid for that content key.
 * Local results depend on the path (categories, rule scopes, fingerprints), so entries are
 * per path, not per content; and on the config and rule set, so the pack records a digest
 * of those and is empty for any other.
 *
 * Versioned: the pack's name carries the engine version, CACHE_SCHEMA_VERSION and a hash of
 * the engine's own code, so a changed extractor or rule never reads stale results even if
 * nobody bumped a number. Safe to delete at any time; a missing, corrupt or foreign pack is
 * an empty cache. Written atomically (temp file + rename), so a crash or a concurrent scan
 * leaves either the old pack or the new one, never half of one.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IndexAdditions } from '../engine/check';
import type { ConceptAdoption } from '../report';
import type { Violation } from '../types';
import { PackWriter, loadEntry, packAdded, storedOutline, readPack, type CachedFile, type FileStat, type PackedCheck, type StoredFile } from './cache-pack';
import type { FileOutline } from './outline';

export type { CachedFile, FileStat } from './cache-pack';

/** A file of the world a pack recorded, as it was opened (FactsCache.priorFiles). */
export interface PriorFile {
  key: string;
  /** Its outline then, parsed on each call. */
  outline: () => FileOutline;
  /** Whether its phase 2 additions were stored. */
  added: boolean;
}

/** Bump when the pack's entries change shape or meaning (the code hash is a second guard). */
export const CACHE_SCHEMA_VERSION = 8;

/** A file whose mtime is this close to the scan start is re-hashed next time (see above). */
export const STAT_TRUST_MS = 2000;

/** Entries saving() writes between two pauses (~1-5 ms of encoding). */
const SAVE_STEP = 64;

/**
 * What phase 2 and the workspace pass saw: the whole index's inputs (digest: every file's
 * path and content key, the config and its file's text) and the tsconfig answers its TS
 * import resolution relied on. While both still hold, phase 2 would compute exactly the
 * stored additions and workspace results again.
 */
export interface WorldRecord {
  digest: string;
  /** [kind, absolute file, hash of the answer] per tsconfig answer (see index/tsconfig.ts). */
  tsconfigReads: [kind: 'exists' | 'read', file: string, answer: string][];
  workspaceViolations: Violation[];
  adoption: ConceptAdoption[];
}

let versionKeyMemo: string | undefined;

/** Engine version + schema version + the front ends' code, hashed. */
export function cacheVersionKey(): string {
  if (versionKeyMemo) return versionKeyMemo;
  const h = createHash('sha1');
  h.update(`${engineVersion()}\0${CACHE_SCHEMA_VERSION}\0`);
  hashCode(h, path.join(__dirname, '..', 'lang'));
  // Cached rule results depend on the rules and the engine, not only the front ends.
  for (const d of ['rules', 'engine', 'index', 'config']) hashCode(h, path.join(__dirname, '..', d));
  versionKeyMemo = h.digest('hex').slice(0, 16);
  return versionKeyMemo;
}

/**
 * Feeds every code file under `dir` (built .js, or .ts when run from source; names and
 * bytes, in name order) into `h`: a cache keyed by it is never read by other code.
 */
export function hashCode(h: Hash, dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) hashCode(h, p);
    else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) h.update(e.name).update(fs.readFileSync(p));
  }
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

interface PackHeader {
  version: string;
  inputs: string;
  world?: WorldRecord;
}

/** The pack being written: opened with the first entry checked afresh, renamed into place by save(). */
interface PackOut {
  fd: number;
  tmp: string;
  writer: PackWriter;
  /** Paths whose entries are already in it. */
  written: Set<string>;
}

export class FactsCache {
  /** Entries as read (decoded on use) or as checked this run. */
  private files = new Map<string, StoredFile | CachedFile>();
  private readonly seen = new Set<string>();
  private dirty = false;
  /** undefined: nothing written yet; null: the disk refused, this run writes no pack. */
  private out: PackOut | undefined | null;
  /** The world the entries' phase 2 additions belong to (undefined: none are valid). */
  world: WorldRecord | undefined;
  /** The entries as opened, when the pack recorded a world (see priorFiles). */
  private prior: Map<string, StoredFile | CachedFile> | undefined;
  hits = 0;
  misses = 0;

  /**
   * `inputs`: digest of what local results depend on besides a file's bytes and path
   * (config, rules). `deferWrites`: entries are written when the pack is saved, not as they
   * are set (for a caller that saves in steps after its scan, see saving()).
   */
  private constructor(
    readonly file: string,
    private readonly inputs: string,
    private readonly deferWrites: boolean,
  ) {}

  /** Opens (reads) the pack for `root` in `dir`; never throws. */
  static open(dir: string, root: string, inputs: string, opts: { deferWrites?: boolean } = {}): FactsCache {
    const rootKey = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 12);
    const cache = new FactsCache(path.join(dir, `scan-${rootKey}-${cacheVersionKey()}.bin`), inputs, opts.deferWrites ?? false);
    try {
      const pack = readPack(fs.readFileSync(cache.file), (h) => (h as PackHeader).version === cacheVersionKey() && (h as PackHeader).inputs === inputs);
      if (pack) {
        cache.files = pack.files;
        cache.world = (pack.header as PackHeader).world;
        if (cache.world) cache.prior = new Map(pack.files);
      }
    } catch {
      // Missing, truncated or unreadable: start empty.
      cache.files = new Map();
    }
    return cache;
  }

  /** The entry of a file whose stat is unchanged since it was recorded (no read needed). */
  byStat(relPath: string, st: FileStat): CachedFile | undefined {
    if (this.keyByStat(relPath, st) === undefined) return undefined;
    return this.hit(relPath, this.files.get(relPath)!);
  }

  /** The content key of a file whose stat is unchanged since it was recorded; nothing decoded or counted. */
  keyByStat(relPath: string, st: FileStat): string | undefined {
    const e = this.files.get(relPath);
    return e && e.stat.mtimeMs >= 0 && e.stat.size === st.size && e.stat.mtimeMs === st.mtimeMs && e.stat.ino === st.ino ? e.key : undefined;
  }

  /** Whether the path's entry holds phase 2's additions of the pack's world. */
  hasAdded(relPath: string): boolean {
    return this.files.get(relPath)?.added !== undefined;
  }

  /**
   * The entries as the pack held them when it was opened, if it recorded a world: each
   * file's content key, its outline and whether its phase 2 additions were stored. What
   * a scan in a changed world starts from (see scan-world.ts priorWorld).
   */
  priorFiles(): Map<string, PriorFile> | undefined {
    if (!this.prior) return undefined;
    const out = new Map<string, PriorFile>();
    for (const [p, e] of this.prior) out.set(p, { key: e.key, outline: () => storedOutline(e), added: e.added !== undefined });
    return out;
  }

  /** The content key of the path's entry, if any (phase 1 skips checking bytes with this key). */
  keyOf(relPath: string): string | undefined {
    return this.files.get(relPath)?.key;
  }

  /** The entry of a file whose bytes (content key) are unchanged; its new stat is recorded. */
  byContent(relPath: string, key: string, st: FileStat, scanStart: number): CachedFile | undefined {
    const e = this.files.get(relPath);
    if (!e || e.key !== key) return undefined;
    const stat = trusted(st, scanStart);
    if (stat.size !== e.stat.size || stat.mtimeMs !== e.stat.mtimeMs || stat.ino !== e.stat.ino) {
      e.stat = stat;
      if ('head' in e) delete e.head;
      this.dirty = true;
    }
    return this.hit(relPath, e);
  }

  /**
   * A file was checked afresh: its entry goes into the new pack now, while phase 1 runs
   * (`packed`: its frames as a scan worker already encoded them).
   */
  set(relPath: string, st: FileStat, scanStart: number, entry: Omit<CachedFile, 'stat'>, packed?: PackedCheck): void {
    this.misses++;
    this.seen.add(relPath);
    const e: CachedFile = { stat: trusted(st, scanStart), ...entry };
    this.files.set(relPath, e);
    this.dirty = true;
    if (this.deferWrites) return;
    const out = this.opened();
    if (!out) return;
    try {
      out.writer.entry(relPath, e, packed);
      out.written.add(relPath);
    } catch {
      this.abandon();
    }
  }

  /**
   * Phase 2 runs in the world `digest`: additions recorded from now on belong to it, and
   * those of an earlier, different world are dropped (a file not checked this run keeps
   * none), except those of the files `kept`: phase 2 would find the same on them (see
   * scan-world.ts priorWorld). No world is valid until setWorld records the finished one.
   */
  enterWorld(digest: string, kept?: (relPath: string) => boolean): void {
    if (this.world?.digest !== digest) for (const [p, e] of this.files) if (!kept?.(p)) delete e.added;
    this.world = undefined;
    this.dirty = true;
  }

  /** Phase 2 and the workspace pass finished in this world. */
  setWorld(world: WorldRecord): void {
    this.world = world;
    this.dirty = true;
  }

  /** Phase 2's additions for a file checked in the current world (its entry must exist). */
  setAdded(relPath: string, added: IndexAdditions): void {
    const e = this.files.get(relPath);
    if (!e || added.internalErrors.length > 0) return;
    if (isStored(e)) {
      const packed = packAdded(relPath, added);
      if (packed) e.added = Buffer.from(JSON.stringify(packed));
      else delete e.added;
    } else e.added = added;
    this.dirty = true;
  }

  /** Counts a file that could be neither reused nor checked (unreadable, binary). */
  miss(relPath: string): void {
    this.misses++;
    if (this.files.delete(relPath)) this.dirty = true;
  }

  private hit(relPath: string, e: StoredFile | CachedFile): CachedFile {
    this.hits++;
    this.seen.add(relPath);
    return isStored(e) ? loadEntry(relPath, e) : e;
  }

  /**
   * Finishes the pack if anything changed: the entries not written yet (reused ones, as
   * read), every file's additions, the header; then renames it into place. `prune` drops
   * entries of paths this run did not see (a full scan: deleted or now out-of-scope
   * files); partial scans keep them.
   */
  save(prune: boolean): void {
    for (const _ of this.saving(prune));
  }

  /**
   * save() in steps: the generator pauses after every SAVE_STEP entries, so a caller on an
   * event loop (the language server) can write a large pack between other work.
   */
  *saving(prune: boolean): Generator<void, void> {
    if (prune) {
      for (const p of this.files.keys()) {
        if (this.seen.has(p)) continue;
        this.files.delete(p);
        this.dirty = true;
      }
    }
    if (!this.dirty) return this.abandon();
    const out = this.opened();
    if (!out) return;
    try {
      let n = 0;
      for (const [p, e] of this.files) {
        if (out.written.has(p)) continue;
        out.writer.entry(p, e);
        if (++n % SAVE_STEP === 0) yield;
      }
      for (const [p, e] of this.files) {
        const added = isStored(e) ? e.added : e.added && packAdded(p, e.added);
        if (added) out.writer.added(p, added);
      }
      out.writer.finish({ version: cacheVersionKey(), inputs: this.inputs, world: this.world } satisfies PackHeader);
      fs.closeSync(out.fd);
      fs.renameSync(out.tmp, this.file);
      this.out = undefined;
      this.dirty = false;
      this.removeStalePacks(path.dirname(this.file), path.basename(this.file));
    } catch {
      this.abandon();
    }
  }

  /** Drops a pack being written (the scan failed, or the disk refused: it only costs speed next time). */
  abandon(): void {
    const out = this.out;
    if (!out) return;
    this.out = null;
    try {
      fs.closeSync(out.fd);
    } catch {
      /* already closed */
    }
    fs.rmSync(out.tmp, { force: true });
  }

  /** The pack being written, opened on first use; undefined once the disk refused. */
  private opened(): PackOut | undefined {
    if (this.out !== undefined) return this.out ?? undefined;
    const tmp = `${this.file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const fd = fs.openSync(tmp, 'w');
      this.out = { fd, tmp, writer: new PackWriter(fd), written: new Set() };
    } catch {
      this.out = null;
    }
    return this.out ?? undefined;
  }

  /**
   * Packs of this root written by another engine version (or the older facts-/results-
   * packs) are dead weight, and so are temp packs of runs that died an hour ago or more.
   */
  private removeStalePacks(dir: string, mine: string): void {
    const rootKey = mine.split('-')[1];
    for (const name of fs.readdirSync(dir)) {
      if (name === mine || name.split('-')[1] !== rootKey) continue;
      const p = path.join(dir, name);
      if (name.endsWith('.bin') && /^(scan|facts|results)-/.test(name)) fs.rmSync(p, { force: true });
      else if (name.endsWith('.tmp') && /^scan-/.test(name) && (fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < Date.now() - 3600_000) fs.rmSync(p, { force: true });
    }
  }
}

const isStored = (e: StoredFile | CachedFile): e is StoredFile => e.local instanceof Uint8Array;

/** The stat to record: a file too young to trust by stat gets one that never matches. */
function trusted(st: FileStat, scanStart: number): FileStat {
  return { size: st.size, mtimeMs: st.mtimeMs > scanStart - STAT_TRUST_MS ? -1 : st.mtimeMs, ino: st.ino };
}
