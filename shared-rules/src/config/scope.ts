/**
 * Path matchers for a ResolvedConfig, compiled once per config: which files are checked,
 * which directories the walker may prune, what is a test, which score category a file is
 * in, and which rules apply to it.
 *
 * Pattern semantics (every list: include, exclude, productionCode, testFiles, rule
 * include/exclude): minimatch globs against POSIX paths relative to the root, `dot: true`
 * (so `**` crosses dot-folders and the default excludes see them). Like .gitignore, a
 * pattern that matches a directory also matches everything inside it (`legacy` and
 * `legacy/` mean `legacy/**`). A pattern starting with `!` removes matches from its list.
 */
import { Minimatch } from 'minimatch';
import { DEFAULT_EXCLUDES } from './defaults';
import type { ResolvedConfig } from './types';

export type Category = 'real_system' | 'test_files' | 'other';

export interface Scope {
  readonly config: ResolvedConfig;
  /** Matches `include` and no exclude (built-in or user). */
  isIncluded(relPath: string): boolean;
  /** Matches a built-in or user exclude. */
  isExcluded(relPath: string): boolean;
  /** True when nothing under this directory can be included, so the walker can skip it. */
  isExcludedDir(relDirPath: string): boolean;
  isTestFile(relPath: string): boolean;
  /** Test files first, then production code, else other (spec 5.3, minus its prefix quirk). */
  category(relPath: string): Category;
  /** The rule's include/exclude; `off` rules never apply; rules absent from the config apply everywhere. */
  ruleApplies(ruleId: string, relPath: string): boolean;
}

const MM_OPTS = { dot: true, nonegate: true, nocomment: true, platform: 'linux' as const };

/**
 * One list of patterns compiled into a few regular expressions (one test per path instead
 * of one per pattern: the walker asks about every file and directory of a large monorepo).
 * Most patterns are `** /name` or `** /name/**` (written without the space); those are
 * tested segment by segment with small anchored expressions, several times faster than
 * minimatch's whole-path expressions, which re-check every character for `.`/`..`.
 */
export class PatternSet {
  /** `** /seg`: any segment matches (the file itself, or a folder holding it). */
  private readonly anySegment: RegExp | undefined;
  /** `** /seg/**`: a folder segment (not the last) matches. */
  private readonly folderSegment: RegExp | undefined;
  private readonly files: RegExp | undefined;
  private readonly dirs: RegExp | undefined;
  private readonly negFiles: RegExp | undefined;
  /** With negations, a directory can hold an un-excluded file, so it can never be pruned. */
  readonly hasNegations: boolean;
  readonly isEmpty: boolean;

  constructor(patterns: readonly string[]) {
    const pos: string[] = [];
    const neg: string[] = [];
    for (const raw of patterns) {
      const negated = raw.startsWith('!');
      const p = normalizePattern(negated ? raw.slice(1) : raw);
      if (p) (negated ? neg : pos).push(p);
    }
    this.isEmpty = pos.length === 0;
    this.hasNegations = neg.length > 0;
    const anySeg: string[] = [];
    const folderSeg: string[] = [];
    const general: string[] = [];
    for (const p of pos) {
      const m = /^\*\*\/([^/]+?)(\/\*\*)?$/.exec(p);
      if (m && !m[1].includes('**')) (m[2] ? folderSeg : anySeg).push(m[1]);
      else general.push(p);
    }
    this.anySegment = compile(anySeg);
    this.folderSegment = compile(folderSeg);
    this.files = compile(general.flatMap(withContents));
    this.dirs = compile(general.map(dirBase));
    this.negFiles = compile(neg.flatMap(withContents));
  }

  matches(relPath: string): boolean {
    if (this.isEmpty) return false;
    const p = normalizePath(relPath);
    return this.positive(p, false) && !this.negFiles?.test(p);
  }

  private positive(p: string, isDir: boolean): boolean {
    if (this.anySegment || this.folderSegment) {
      const segs = p.split('/');
      // A directory's own name counts as a folder segment; a file's last segment does not.
      const folders = isDir ? segs.length : segs.length - 1;
      for (let i = 0; i < segs.length; i++) {
        if (this.anySegment?.test(segs[i])) return true;
        if (i < folders && this.folderSegment?.test(segs[i])) return true;
      }
    }
    return !!(isDir ? this.dirs : this.files)?.test(p);
  }

  /** Like matches(), but a list with no positive pattern means "everything" (rule include). */
  allows(relPath: string): boolean {
    if (this.isEmpty) return !this.hasNegations || !this.negFiles?.test(normalizePath(relPath));
    return this.matches(relPath);
  }

  /** The directory itself matches, hence (by the folder rule) everything inside it does. */
  matchesDir(relDirPath: string): boolean {
    const d = normalizePath(relDirPath);
    return d !== '' && !this.hasNegations && this.positive(d, true);
  }
}

function normalizePattern(p: string): string {
  return p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function normalizePath(p: string): string {
  return p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

/**
 * `p` and everything below it. A `x/**` pattern gets one more `/*` (at least one segment
 * below x): minimatch lets `x/**` match a file named `x` itself, so the dot-folder exclude
 * would otherwise also drop dot-files such as `.eslintrc.js`.
 */
function withContents(p: string): string[] {
  if (p === '**') return [p];
  return p.endsWith('/**') ? [`${p}/*`] : [p, `${p}/**/*`];
}

/** The folder a `x/**` pattern names; other patterns name a folder by matching it. */
function dirBase(p: string): string {
  return p.endsWith('/**') ? p.slice(0, -3) : p;
}

function compile(patterns: string[]): RegExp | undefined {
  const sources: string[] = [];
  for (const p of patterns) {
    const re = new Minimatch(p, MM_OPTS).makeRe();
    // makeRe() is false only for patterns that can match nothing; they add nothing.
    if (re) sources.push(re.source);
  }
  return sources.length ? new RegExp(sources.map((s) => `(?:${s})`).join('|')) : undefined;
}

export function createScope(config: ResolvedConfig): Scope {
  const include = new PatternSet(config.include);
  const builtIn = new PatternSet(DEFAULT_EXCLUDES);
  const userExclude = new PatternSet(config.exclude);
  const tests = new PatternSet(config.testFiles);
  const production = new PatternSet(config.productionCode);
  const ruleSets = new Map<string, { include: PatternSet; exclude: PatternSet } | null>();

  const isExcluded = (p: string) => builtIn.matches(p) || userExclude.matches(p);
  const isTestFile = (p: string) => tests.matches(p);

  const ruleScope = (id: string) => {
    let s = ruleSets.get(id);
    if (s === undefined) {
      const r = config.rules[id];
      s = r ? { include: new PatternSet(r.include), exclude: new PatternSet(r.exclude) } : null;
      ruleSets.set(id, s);
    }
    return s;
  };

  // Asked for every file by every rule pass, and for other files by workspace rules: one
  // answer per path (bounded, so a long-lived server does not grow it without end).
  const categories = new Map<string, Category>();
  const category = (p: string): Category => {
    let c = categories.get(p);
    if (c === undefined) {
      c = isTestFile(p) ? 'test_files' : production.matches(p) ? 'real_system' : 'other';
      if (categories.size >= 500_000) categories.clear();
      categories.set(p, c);
    }
    return c;
  };

  return {
    config,
    isIncluded: (p) => include.matches(p) && !isExcluded(p),
    isExcluded,
    isExcludedDir: (d) => builtIn.matchesDir(d) || userExclude.matchesDir(d),
    isTestFile: (p) => category(p) === 'test_files',
    category,
    ruleApplies: (id, p) => {
      const rule = config.rules[id];
      if (!rule) return true;
      if (rule.severity === 'off') return false;
      const s = ruleScope(id)!;
      return s.include.allows(p) && !s.exclude.matches(p);
    },
  };
}
