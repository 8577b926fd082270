/**
 * Concepts: one canonical module per concept (canonical-module's `concepts` option),
 * shared by canonical-module (imports and definitions), canonical-imports-exist (the
 * module and its symbols exist) and the report's adoption metrics.
 */
import type { ImportFact, Language } from '../facts';
import type { ConceptAdoption } from '../report';
import type { Scope } from '../config/scope';
import type { WorkspaceIndex } from '../index/workspace-index';
import { absolutePythonModule, modulePathUnderFirstRoot, pythonModuleNames, tsSpecifierTargets, tsStems } from '../index/resolve';
import { sourceRootDir } from '../fix/imports';

export interface Concept {
  name: string;
  /** Python: dotted module (`netra_backend.app.db.clickhouse`); TS: workspace file (`frontend/lib/api.ts`). */
  canonicalModule: string;
  /** Names the canonical module must define; only it may define them. */
  symbols: string[];
  /** Further names the canonical module provides (aliases such as `BaseTestCase = SSotBaseTestCase`). */
  exports: string[];
  /** Regular expressions: a top-level class or function whose name matches may be defined only in the canonical module. */
  definitionPatterns: string[];
  /** Workspace files that must not exist (old copies of the concept). */
  forbiddenFiles: string[];
  /** Modules (Python dotted / TS workspace files) that are non-canonical sources: importing from them is flagged. */
  forbiddenImports: string[];
  /** For adoption: direct use of the environment (os.environ, process.env) counts as bypassing the concept. */
  directEnvAccess: boolean;
  /** For adoption: calls that bypass the concept (`create_async_engine`). */
  directCalls: string[];
}

/**
 * Per options object: rules get the same merged options object for every file of a scan
 * (engine/check.ts perProject), so each file sees the same Concept objects and the
 * per-concept memo below holds across files.
 */
const conceptsMemo = new WeakMap<Record<string, unknown>, Concept[]>();

export function conceptsOf(options: Record<string, unknown>): Concept[] {
  let out = conceptsMemo.get(options);
  if (!out) conceptsMemo.set(options, (out = readConcepts(options)));
  return out;
}

function readConcepts(options: Record<string, unknown>): Concept[] {
  const raw = (options.concepts ?? []) as Partial<Concept>[];
  return raw.map((c) => ({
    name: c.name ?? c.canonicalModule ?? '?',
    canonicalModule: c.canonicalModule ?? '',
    symbols: c.symbols ?? [],
    exports: c.exports ?? [],
    definitionPatterns: c.definitionPatterns ?? [],
    forbiddenFiles: c.forbiddenFiles ?? [],
    forbiddenImports: c.forbiddenImports ?? [],
    directEnvAccess: c.directEnvAccess ?? false,
    directCalls: c.directCalls ?? [],
  }));
}

export const isTsModule = (m: string) => /\.[cm]?[jt]sx?$/.test(m);

/** Whether the concept's canonical module is a TS file (else a Python module). */
export const conceptIsTs = (c: Concept): boolean => compiled(c).ts;

/** Does `file` (workspace path) implement the concept's canonical module? */
export function isCanonicalFile(c: Concept, file: string, sourceRoots: readonly string[]): boolean {
  const k = compiled(c);
  if (k.ts) return tsStems(file)[0] === k.stem;
  let memo = canonicalPaths.get(c);
  if (!memo || memo.roots !== sourceRoots) canonicalPaths.set(c, (memo = { roots: sourceRoots, paths: pythonPathsOf(c.canonicalModule, sourceRoots) }));
  return memo.paths.has(file);
}

/**
 * The files a Python module can be, per concept: asked for every file of the workspace
 * and concept (adoption metrics, canonical-module), where computing each file's module
 * names was ~0.4 s of the 25k tree's serial tail.
 */
const canonicalPaths = new WeakMap<Concept, { roots: readonly string[]; paths: Set<string> }>();

/** Every workspace path whose module names include `module`: `a/b.py`, `a/b/__init__.py` (and .pyi) under each source root. */
function pythonPathsOf(module: string, sourceRoots: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (!module) return out;
  const rel = module.split('.').join('/');
  for (const r of sourceRoots) {
    const root = sourceRootDir(r);
    for (const tail of ['.py', '.pyi', '/__init__.py', '/__init__.pyi']) {
      const path = `${root ? `${root}/` : ''}${rel}${tail}`;
      // The definition itself decides (identifier parts, `__init__`): a candidate only counts if it names the module.
      if (pythonModuleNames(path, sourceRoots).includes(module)) out.add(path);
    }
  }
  return out;
}

/** Expected workspace file of the canonical module, when the index does not have it. */
export function canonicalPathGuess(c: Concept, sourceRoots: readonly string[]): string {
  if (conceptIsTs(c)) return c.canonicalModule;
  return `${modulePathUnderFirstRoot(c.canonicalModule, sourceRoots)}.py`;
}

export function canonicalFileOf(c: Concept, index: WorkspaceIndex | undefined): string | undefined {
  if (!index) return undefined;
  return conceptIsTs(c) ? index.tsFile(compiled(c).stem) : index.pythonFile(c.canonicalModule);
}

/**
 * `derive` of a concept, computed once per concept object: the rules ask for every file and
 * concept of a scan (104k times in the 25k tree's phase 2), and concepts are made once per
 * options object (conceptsOf).
 */
function perConcept<T>(derive: (c: Concept) => T): (c: Concept) => T {
  const memo = new WeakMap<Concept, T>();
  return (c) => {
    let value = memo.get(c);
    if (value === undefined) memo.set(c, (value = derive(c)));
    return value;
  };
}

/** The concept's symbols. */
export const conceptSymbols = perConcept((c): ReadonlySet<string> => new Set(c.symbols));

/** Its symbols and exports. */
export const conceptNames = perConcept((c): ReadonlySet<string> => new Set([...c.symbols, ...c.exports]));

/**
 * What the per-file questions below ask of a concept, worked out once: they run for every
 * file, concept and import of a scan (adoption metrics, canonical-module), where testing
 * the module's extension and building `module.name` strings each time was ~0.15 s of the
 * 25k tree's serial tail.
 */
interface Compiled {
  ts: boolean;
  /** TS: the canonical file's stem. */
  stem: string;
  /** Python: `from <parent> import <last>` imports the canonical module itself (no parent: no dot in it). */
  parent: string | undefined;
  last: string;
  forbidden: { module: string; ts: boolean; stem: string; prefix: string }[];
  patterns: RegExp[];
}

const compiled = perConcept((c): Compiled => {
  const ts = isTsModule(c.canonicalModule);
  const dot = c.canonicalModule.lastIndexOf('.');
  return {
    ts,
    stem: ts ? tsStems(c.canonicalModule)[0] : '',
    parent: ts || dot < 0 ? undefined : c.canonicalModule.slice(0, dot),
    last: c.canonicalModule.slice(dot + 1),
    forbidden: c.forbiddenImports.map((module) => {
      const fts = isTsModule(module);
      return { module, ts: fts, stem: fts ? tsStems(module)[0] : '', prefix: `${module}.` };
    }),
    patterns: c.definitionPatterns.map((p) => new RegExp(p)),
  };
});

export function matchesPattern(c: Concept, name: string): boolean {
  const { patterns } = compiled(c);
  for (const re of patterns) if (re.test(name)) return true;
  return false;
}

/** What an import statement refers to: a Python module name or TS workspace stems. */
export interface ImportTarget {
  /** Python: the absolute module; TS: the first resolved stem (or the specifier when unresolved). */
  module: string | undefined;
  /** TS: every candidate stem. */
  stems: string[];
}

export function importTarget(file: string, language: Language, imp: ImportFact, sourceRoots: readonly string[], index: WorkspaceIndex | undefined): ImportTarget {
  if (language === 'python') return { module: imp.kind === 'import' ? imp.names[0]?.name : absolutePythonModule(file, imp, sourceRoots), stems: [] };
  const stems = tsSpecifierTargets(file, imp.module, index?.options.tsPaths?.(file));
  return { module: stems[0], stems };
}

/** Is the import from the concept's canonical module? (`from pkg import canonical_mod` counts too.) */
export function importsCanonical(c: Concept, t: ImportTarget, imp: ImportFact): boolean {
  const k = compiled(c);
  if (k.ts) return t.stems.includes(k.stem);
  if (t.module === c.canonicalModule) return true;
  // `from a.b import c` of `a.b.c` (an imported name never holds a dot).
  if (imp.kind !== 'from' || k.parent === undefined || t.module !== k.parent) return false;
  for (const n of imp.names) if (n.name === k.last) return true;
  return false;
}

export function importsForbidden(c: Concept, t: ImportTarget): string | undefined {
  for (const f of compiled(c).forbidden) {
    if (f.ts) {
      if (t.stems.includes(f.stem)) return f.module;
    } else if (t.module === f.module || t.module?.startsWith(f.prefix)) return f.module;
  }
  return undefined;
}

/**
 * Adoption metrics per concept over every indexed file the rule applies to. Files outside,
 * concepts inside: where each import points (importTarget, pathOfTarget) is worked out once
 * per file for all concepts, as canonical-module's check does, not once per concept.
 */
export function conceptAdoption(index: WorkspaceIndex, options: Record<string, unknown>, scope: Scope): ConceptAdoption[] {
  const roots = scope.config.sourceRoots;
  const concepts = conceptsOf(options).map((c) => ({ c, names: conceptNames(c), canonical: 0, direct: 0, using: 0, onlyCanonical: 0 }));
  for (const file of index.paths()) {
    if (!scope.ruleApplies('canonical-module', file)) continue;
    const outline = index.outline(file)!;
    let targets: ImportTarget[] | undefined;
    let paths: (string | undefined)[] | undefined;
    for (const n of concepts) {
      const { c, names } = n;
      // A Python concept is used by Python files; process.env in TS is another concept's business.
      if ((outline.language === 'python') === conceptIsTs(c) || isCanonicalFile(c, file, roots)) continue;
      targets ??= outline.imports.map((imp) => importTarget(file, outline.language, imp, roots, index));
      let can = false;
      let dir = false;
      for (let i = 0; i < outline.imports.length; i++) {
        const imp = outline.imports[i];
        const t = targets[i];
        if (importsCanonical(c, t, imp)) can = true;
        else if (importsForbidden(c, t)) dir = true;
        else if (imp.names.some((m) => names.has(m.name)) && index.has((paths ??= targets.map((x) => pathOfTarget(x, index)))[i] ?? '')) dir = true;
      }
      if (c.directEnvAccess && outline.touchesEnv) dir = true;
      if (c.directCalls.length && outline.callTails.some((t) => c.directCalls.includes(t))) dir = true;
      if (can) n.canonical++;
      if (dir) n.direct++;
      if (can || dir) n.using++;
      if (can && !dir) n.onlyCanonical++;
    }
  }
  return concepts.map(({ c, canonical, direct, using, onlyCanonical }) => ({
    concept: c.name,
    canonical_module: c.canonicalModule,
    canonical_files: canonical,
    direct_files: direct,
    files_using: using,
    adoption_percent: using === 0 ? 100 : Math.round((onlyCanonical / using) * 1000) / 10,
  }));
}

/** The workspace file an import target resolves to, if any. */
export function pathOfTarget(t: ImportTarget, index: WorkspaceIndex | undefined): string | undefined {
  if (!index || t.module === undefined) return undefined;
  if (t.stems.length) {
    for (const s of t.stems) {
      const f = index.tsFile(s);
      if (f) return f;
    }
    return undefined;
  }
  return index.pythonFile(t.module);
}
