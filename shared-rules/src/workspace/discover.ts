/**
 * File discovery: walks the workspace, pruning excluded directories before reading them
 * (node_modules, .git and the backup folders hold most of the bytes of a large monorepo), and returns
 * the files in scope in a deterministic order. Nothing here throws for a file-system
 * problem: a file or directory that cannot be used is reported in `skipped` with a reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Scope } from '../config/scope';

export interface DiscoveredFile {
  /** POSIX path relative to the root. */
  path: string;
  size: number;
  /** From the same stat: with size and inode they let a warm scan trust its cache without reading the file. */
  mtimeMs: number;
  ino: number;
}
export interface SkippedPath {
  path: string;
  reason: string;
}
export interface DiscoverOptions {
  /** Files or folders (relative to root, or absolute inside it) to check instead of the whole root. */
  paths?: string[];
  /** Overrides scope.config.maxFileBytes. */
  maxFileBytes?: number;
  /** Follow symbolic links (cycles are detected). Default false: a link is skipped, reason 'symlink'. */
  followSymlinks?: boolean;
}
export interface DiscoverResult {
  files: DiscoveredFile[];
  skipped: SkippedPath[];
}

/** Why a file-system call failed, in words a user can act on. */
function failure(err: unknown, what: 'file' | 'directory', rel = ''): string {
  const code = (err as NodeJS.ErrnoException).code;
  // readdir decodes names as UTF-8; a name with other bytes comes back with U+FFFD and
  // cannot be opened by that string: say so rather than claim the file vanished.
  if (code === 'ENOENT' && rel.includes('\ufffd')) return `${what} name is not valid UTF-8`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'deleted during scan';
  if (code === 'EACCES' || code === 'EPERM') return `unreadable ${what} (permission denied)`;
  if (code === 'ELOOP') return 'symlink loop';
  return `unreadable ${what} (${code ?? String(err)})`;
}

/** Discovery's path order (UTF-16 code units); what "path order" means wherever a scan's files are listed. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Collects results; shared by the walk of the root and of explicit paths. */
class Walker {
  readonly files = new Map<string, { size: number; mtimeMs: number; ino: number }>();
  readonly skipped = new Map<string, string>();
  /** Real paths of the directories being walked (the current chain), so a followed link cycle stops. */
  private readonly stack = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly scope: Scope,
    private readonly maxBytes: number,
    private readonly follow: boolean,
  ) {}

  skip(rel: string, reason: string): void {
    this.skipped.set(rel, reason);
  }

  /** A candidate file (already known to be in scope): stat it and check its size and readability. */
  file(rel: string): void {
    const abs = path.join(this.root, rel);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
      // stat works on unreadable files; the engine reads them later, so say so now. A file
      // anyone may read needs no second syscall (~70 ms of a 26k-file walk, every run).
      if ((st.mode & 0o004) === 0) fs.accessSync(abs, fs.constants.R_OK);
    } catch (err) {
      return this.skip(rel, failure(err, 'file', rel));
    }
    if (!st.isFile()) return this.skip(rel, 'not a regular file');
    if (st.size > this.maxBytes) return this.skip(rel, 'too large');
    this.files.set(rel, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino });
  }

  /** Walks a directory that is not excluded (rel '' is the root). */
  dir(rel: string): void {
    const abs = rel ? path.join(this.root, rel) : this.root;
    let entries: fs.Dirent[];
    let real = '';
    try {
      // Cycles are only possible through followed links; skip the extra syscall otherwise.
      if (this.follow) {
        real = fs.realpathSync(abs);
        if (this.stack.has(real)) return this.skip(rel, 'symlink loop');
      }
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      if (!rel && (err as NodeJS.ErrnoException).code === 'ENOENT') return this.skip('.', 'not found');
      return this.skip(rel || '.', failure(err, 'directory', rel));
    }
    if (real) this.stack.add(real);
    for (const entry of entries) this.entry(rel ? `${rel}/${entry.name}` : entry.name, entry);
    if (real) this.stack.delete(real);
  }

  /** One directory entry; the Dirent type saves a stat per entry on most file systems. */
  entry(rel: string, dirent: fs.Dirent | fs.Stats): void {
    let kind = dirent;
    if (!dirent.isFile() && !dirent.isDirectory() && !dirent.isSymbolicLink()) {
      // Some file systems report DT_UNKNOWN; ask, rather than silently dropping the entry.
      try {
        kind = fs.lstatSync(path.join(this.root, rel));
      } catch (err) {
        if (this.scope.isIncluded(rel)) this.skip(rel, failure(err, 'file', rel));
        return;
      }
    }
    if (kind.isSymbolicLink()) return this.symlink(rel);
    if (kind.isDirectory()) {
      if (!this.scope.isExcludedDir(rel)) this.dir(rel);
      return;
    }
    if (!this.scope.isIncluded(rel)) return;
    if (!kind.isFile()) return this.skip(rel, 'not a regular file');
    this.file(rel);
  }

  /** Links are reported only when their target would otherwise be in scope. */
  private symlink(rel: string): void {
    let target: fs.Stats;
    try {
      target = fs.statSync(path.join(this.root, rel));
    } catch {
      if (this.scope.isIncluded(rel)) this.skip(rel, 'broken symlink');
      return;
    }
    if (target.isDirectory() ? this.scope.isExcludedDir(rel) : !this.scope.isIncluded(rel)) return;
    if (!this.follow) return this.skip(rel, 'symlink');
    if (target.isDirectory()) this.dir(rel);
    else this.file(rel);
  }

  /** An explicit path from the command line: honour excludes, but say why it yields nothing. */
  explicit(input: string): void {
    const abs = path.resolve(this.root, input);
    const relNative = path.relative(this.root, abs);
    const rel = relNative.split(path.sep).join('/');
    if (rel === '..' || rel.startsWith('../') || path.isAbsolute(relNative)) return this.skip(input, 'outside workspace');
    if (rel === '') return this.dir('');
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch (err) {
      return this.skip(rel, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : failure(err, 'file'));
    }
    const excludedAncestor = ancestors(rel).some((a) => this.scope.isExcludedDir(a));
    if (st.isDirectory()) {
      if (excludedAncestor || this.scope.isExcludedDir(rel)) return this.skip(rel, 'excluded');
      return this.dir(rel);
    }
    if (excludedAncestor || this.scope.isExcluded(rel)) return this.skip(rel, 'excluded');
    if (!this.scope.isIncluded(rel)) return this.skip(rel, 'not included');
    this.entry(rel, st);
  }

  result(): DiscoverResult {
    const files = [...this.files].map(([p, st]) => ({ path: p, ...st })).sort((a, b) => byCodeUnit(a.path, b.path));
    const skipped = [...this.skipped]
      .filter(([p]) => !this.files.has(p))
      .map(([p, reason]) => ({ path: p, reason }))
      .sort((a, b) => byCodeUnit(a.path, b.path));
    return { files, skipped };
  }
}

/** `a/b/c.py` -> [`a`, `a/b`]. */
function ancestors(rel: string): string[] {
  const parts = rel.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function discoverFiles(root: string, scope: Scope, opts: DiscoverOptions = {}): DiscoverResult {
  const walker = new Walker(
    path.resolve(root),
    scope,
    opts.maxFileBytes ?? scope.config.maxFileBytes,
    opts.followSymlinks ?? false,
  );
  if (opts.paths && opts.paths.length > 0) for (const p of opts.paths) walker.explicit(p);
  else walker.dir('');
  return walker.result();
}
