/**
 * On-disk facts cache, keyed by content hash, so a second scan of an unchanged tree
 * reads and hashes files but parses none. One pack file per workspace root: 20k small
 * cache files would cost more in open/close than the parsing they save.
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

/** Bump when FileFacts changes shape or meaning (the front-end code hash is a second guard). */
export const FACTS_SCHEMA_VERSION = 1;

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

export class FactsCache {
  private entries = new Map<string, FileFacts>();
  private readonly used = new Set<string>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(readonly file: string) {}

  /** Opens (reads) the pack for `root` in `dir`; never throws. */
  static open(dir: string, root: string): FactsCache {
    const rootKey = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 12);
    const cache = new FactsCache(path.join(dir, `facts-${rootKey}-${cacheVersionKey()}.bin`));
    try {
      const data = v8.deserialize(fs.readFileSync(cache.file)) as { version?: string; entries?: Map<string, FileFacts> };
      if (data && data.version === cacheVersionKey() && data.entries instanceof Map) cache.entries = data.entries;
    } catch {
      // Missing or unreadable: start empty.
    }
    return cache;
  }

  get(key: string): FileFacts | undefined {
    const f = this.entries.get(key);
    if (f) {
      this.hits++;
      this.used.add(key);
    } else this.misses++;
    return f;
  }

  set(key: string, facts: FileFacts): void {
    this.entries.set(key, facts);
    this.used.add(key);
    this.dirty = true;
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
    if (!this.dirty) return;
    const dir = path.dirname(this.file);
    const tmp = `${this.file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(tmp, v8.serialize({ version: cacheVersionKey(), entries: this.entries }));
      fs.renameSync(tmp, this.file);
      this.dirty = false;
      this.removeStalePacks(dir);
    } catch {
      // A read-only or full disk only costs speed next time.
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing to clean */
      }
    }
  }

  /** Packs of this root written by another engine version are dead weight. */
  private removeStalePacks(dir: string): void {
    const mine = path.basename(this.file);
    const prefix = mine.slice(0, mine.lastIndexOf('-') + 1);
    for (const name of fs.readdirSync(dir)) {
      if (name !== mine && name.startsWith(prefix) && name.endsWith('.bin')) fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}
