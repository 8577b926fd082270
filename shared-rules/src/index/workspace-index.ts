/**
 * WorkspaceIndex: every file's outline (see outline.ts) plus the tables workspace rules query (where
 * each class/interface/type/function is defined, who imports whom, who imports a
 * name), kept up to date one file at a time. `update` and `remove` return the files
 * whose workspace-rule results can change, so an editor re-checks only those.
 */
import type { ClassFact, Language, Span } from '../facts';
import type { Range } from '../types';
import { pythonImportKeys, pythonModuleNames, tsImportKeys, tsStems } from './resolve';
import type { TsPathMapping } from './tsconfig';
import type { Scope } from '../config/scope';
import { nameRange, type FileOutline } from './outline';

export interface SymbolDefinition {
  file: string;
  name: string;
  kind: ClassFact['kind'] | 'function';
  /** The name's span in its file. */
  span: Span;
  /** 0-based line of the name. */
  line: number;
  /** 0-based column of the name (with `line`, its range: the index keeps no line table). */
  column: number;
  /** Index into the file's classes (or facts.functions for kind `function`). */
  index: number;
  /** Hash of the definition's code with whitespace folded (definitionShape); undefined for functions. */
  shape?: number;
}

export interface IndexOptions {
  sourceRoots: readonly string[];
  /** The tsconfig path mapping that applies to a TS file (see createTsconfigLookup). */
  tsPaths?: (file: string) => TsPathMapping | undefined;
  /** The project's scope, so workspace rules can ask about other files (test file? production code?). */
  scope?: Scope;
}

interface Entry {
  outline: FileOutline;
  language: Language;
  /** Keys this file answers to (`py:a.b`, `ts:a/b`). */
  provides: string[];
  /** Keys its imports may resolve to. */
  imports: string[];
  defs: SymbolDefinition[];
  /** Names imported by name (`from m import X`, `import { X }`). */
  importedNames: string[];
}

const isPython = (p: string) => /\.pyi?$/.test(p);

export class WorkspaceIndex {
  private readonly files = new Map<string, Entry>();
  private readonly providers = new Map<string, string[]>();
  private readonly importers = new Map<string, string[]>();
  /**
   * Name -> its definitions in path order. Replaced, never mutated, on change: callers may
   * keep (and memoise on) the array definitionsOf returned. An array per name rather than a
   * map per name: most names are defined once, and a Map per name cost ~300 bytes each.
   */
  private readonly definitions = new Map<string, readonly SymbolDefinition[]>();
  private readonly strings = new Map<string, string>();
  private readonly nameImporters = new Map<string, string[]>();

  /**
   * Read tracking: every query names the keys its answer depends on (`f:` a file's facts,
   * `d:` a name's definitions, `n:` a name's importers, `i:`/`p:` importers/providers of
   * an import key, `*` the set of files); each change bumps the keys whose answers changed.
   * A rule's result on a file is still valid when no key it read moved past the epoch it
   * ran at (see readsSince), which is what makes re-checking dependents cheap.
   */
  private epochCounter = 0;
  private readonly keyEpochs = new Map<string, number>();
  private reads: Set<string> | undefined;
  private tracked = false;

  constructor(readonly options: IndexOptions) {}

  /** The current change epoch (increases with every change that moved a key). */
  get epoch(): number {
    return this.epochCounter;
  }

  /** Runs `fn` recording the keys the index was asked about; returns them with fn's value. */
  recordReads<T>(fn: () => T): { value: T; keys: string[] } {
    const outer = this.reads;
    const mine = new Set<string>();
    this.tracked = true;
    this.reads = mine;
    try {
      const value = fn();
      return { value, keys: [...mine] };
    } finally {
      this.reads = outer;
      if (outer) for (const k of mine) outer.add(k);
    }
  }

  /** Whether any of `keys` changed after `epoch`. */
  changedSince(keys: readonly string[], epoch: number): boolean {
    for (const k of keys) if ((this.keyEpochs.get(k) ?? 0) > epoch) return true;
    return false;
  }

  private read(key: string): void {
    this.reads?.add(key);
  }

  private bump(key: string): void {
    this.keyEpochs.set(key, ++this.epochCounter);
  }

  get size(): number {
    this.read('*');
    return this.files.size;
  }

  paths(): IterableIterator<string> {
    this.read('*');
    return this.files.keys();
  }

  has(path: string): boolean {
    this.read(`f:${path}`);
    return this.files.has(path);
  }

  outline(path: string): FileOutline | undefined {
    this.read(`f:${path}`);
    return this.files.get(path)?.outline;
  }

  /** Adds or replaces a file; returns the files whose workspace results may change (not including `path`). */
  update(path: string, outline: FileOutline): string[] {
    const before = this.files.has(path) ? this.dependentsOf(path) : [];
    this.add(path, outline);
    return union(before, this.dependentsOf(path), path);
  }

  /** update() without computing dependents: building a whole index needs none of them. */
  add(path: string, outline: FileOutline): void {
    const old = this.files.get(path);
    this.unlink(path);
    const entry = this.entryOf(path, outline);
    this.bumpChanges(path, old, entry);
    this.files.set(path, entry);
    for (const k of entry.provides) addTo(this.providers, k, path);
    for (const k of entry.imports) addTo(this.importers, k, path);
    for (const d of entry.defs) {
      const list = this.definitions.get(d.name);
      if (!list) {
        this.definitions.set(d.name, [d]);
        continue;
      }
      // After every definition from a path <= this one (the same file's earlier ones included).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].file <= path) lo = mid + 1;
        else hi = mid;
      }
      this.definitions.set(d.name, [...list.slice(0, lo), d, ...list.slice(lo)]);
    }
    for (const n of entry.importedNames) addTo(this.nameImporters, n, path);
  }

  /** Drops a file (deleted or out of scope); returns the files whose workspace results may change. */
  remove(path: string): string[] {
    const old = this.files.get(path);
    if (!old) return [];
    const before = this.dependentsOf(path);
    this.bumpChanges(path, old, undefined);
    this.unlink(path);
    this.files.delete(path);
    return union(before, [], path);
  }

  /** Bumps the keys whose answers differ between a file's old and new entry (see recordReads). */
  private bumpChanges(path: string, old: Entry | undefined, next: Entry | undefined): void {
    // Until a read was recorded no result can depend on epochs: a bulk build bumps nothing
    // (and keeps no epoch per key, which would cost memory per name and import).
    if (!this.tracked) return;
    this.bump(`f:${path}`);
    if (!old || !next) {
      this.bump('*');
      for (const k of (old ?? next)!.provides) this.bump(`p:${k}`);
    }
    const diff = (a: readonly string[] = [], b: readonly string[] = [], prefix: string) => {
      const sa = new Set(a);
      const sb = new Set(b);
      for (const k of sa) if (!sb.has(k)) this.bump(prefix + k);
      for (const k of sb) if (!sa.has(k)) this.bump(prefix + k);
    };
    diff(old?.imports, next?.imports, 'i:');
    diff(old?.importedNames, next?.importedNames, 'n:');
    // A name's definitions changed when one was added, removed, or moved or reshaped.
    const sig = (e: Entry | undefined) => {
      const m = new Map<string, string>();
      for (const d of e?.defs ?? []) m.set(d.name, `${m.get(d.name) ?? ''}|${d.kind},${d.span.start},${d.span.end},${d.line},${d.index},${d.shape ?? ''}`);
      return m;
    };
    const a = sig(old);
    const b = sig(next);
    for (const [n, v] of a) if (b.get(n) !== v) this.bump(`d:${n}`);
    for (const n of b.keys()) if (!a.has(n)) this.bump(`d:${n}`);
  }

  /**
   * Files whose workspace-rule results can change when `path` changes: its importers
   * (related locations point into it), files defining a name it defines (duplicates), and
   * files importing a name it defines (canonical-definition links).
   */
  dependentsOf(path: string): string[] {
    this.read('*');
    const e = this.files.get(path);
    const out = new Set<string>();
    for (const f of this.importersOf(path)) out.add(f);
    if (e) {
      for (const d of e.defs) {
        // Only types can be duplicates; a shared function name (`main`) links nothing.
        if (d.kind !== 'function') for (const o of this.definitions.get(d.name) ?? []) out.add(o.file);
        for (const f of this.nameImporters.get(d.name) ?? []) out.add(f);
      }
    }
    out.delete(path);
    return [...out].sort();
  }

  /** Files whose imports resolve to `path`. */
  importersOf(path: string): string[] {
    const out = new Set<string>();
    this.read(`f:${path}`);
    for (const k of this.providesOf(path)) {
      this.read(`i:${k}`);
      for (const f of this.importers.get(k) ?? []) out.add(f);
    }
    out.delete(path);
    return [...out].sort();
  }

  /** Files an import of `path` resolves to (Python modules and submodules, TS files). */
  importsOf(path: string): string[] {
    const out = new Set<string>();
    this.read(`f:${path}`);
    for (const k of this.files.get(path)?.imports ?? []) {
      this.read(`p:${k}`);
      for (const f of this.providers.get(k) ?? []) out.add(f);
    }
    out.delete(path);
    return [...out].sort();
  }

  /** Top-level definitions of `name`, in path order. Do not modify the returned array. */
  definitionsOf(name: string): readonly SymbolDefinition[] {
    this.read(`d:${name}`);
    return this.definitions.get(name) ?? [];
  }

  /** Names defined in more than one file (candidates for duplicate-definition). */
  *definedNames(): IterableIterator<string> {
    this.read('*');
    yield* this.definitions.keys();
  }

  /** The file defining a Python module (`a.b` -> `a/b.py` or `a/b/__init__.py`). */
  pythonFile(module: string): string | undefined {
    this.read(`p:py:${module}`);
    return first(this.providers.get(`py:${module}`));
  }

  /** The TS file an extension-less workspace path names (`a/b` -> `a/b.ts`, `a/b/index.tsx`). */
  tsFile(stem: string): string | undefined {
    this.read(`p:ts:${stem}`);
    return first(this.providers.get(`ts:${stem}`));
  }

  /** Files that import `name` by name from anywhere. */
  importersOfName(name: string): string[] {
    this.read(`n:${name}`);
    return [...(this.nameImporters.get(name) ?? [])].sort();
  }

  private providesOf(path: string): string[] {
    return this.files.get(path)?.provides ?? (isPython(path) ? pythonModuleNames(path, this.options.sourceRoots).map((m) => `py:${m}`) : tsStems(path).map((s) => `ts:${s}`));
  }

  private entryOf(path: string, outline: FileOutline): Entry {
    const py = outline.language === 'python';
    const provides = py ? pythonModuleNames(path, this.options.sourceRoots).map((m) => `py:${m}`) : tsStems(path).map((s) => `ts:${s}`);
    // Pooled: the same few module keys and names recur in thousands of files' entries.
    const imports = [...new Set(py ? pythonImportKeys(path, outline, this.options.sourceRoots) : tsImportKeys(path, outline, this.options.tsPaths?.(path)))].map((k) => this.pooled(k));
    const importedNames = new Set<string>();
    for (const imp of outline.imports) {
      if (imp.kind === 'import' && py) continue;
      for (const n of imp.names) if (n.name !== '*' && n.name !== 'default') importedNames.add(n.name);
    }
    return { outline, language: outline.language, provides: [...new Set(provides)], imports, defs: topLevelDefinitions(path, outline), importedNames: [...importedNames].map((n) => this.pooled(n)) };
  }

  /** One copy of a key or name per index (never shrinks: bounded by the distinct keys ever seen). */
  private pooled(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }

  private unlink(path: string): void {
    const e = this.files.get(path);
    if (!e) return;
    for (const k of e.provides) removeFrom(this.providers, k, path);
    for (const k of e.imports) removeFrom(this.importers, k, path);
    for (const name of new Set(e.defs.map((d) => d.name))) {
      const list = this.definitions.get(name);
      if (!list) continue;
      const rest = list.filter((d) => d.file !== path);
      if (rest.length) this.definitions.set(name, rest);
      else this.definitions.delete(name);
    }
    for (const n of e.importedNames) removeFrom(this.nameImporters, n, path);
  }
}

/**
 * Module-level definitions: classes not nested in a class or function, and functions
 * that are neither methods nor nested. Local helpers and nested `class Config:` blocks
 * are not a module's API, so they can be neither canonical nor duplicates.
 */
/** A definition's name range in its file, for related locations. */
export function definitionRange(d: SymbolDefinition): Range {
  return nameRange({ nameSpan: d.span, nameLine: d.line, nameColumn: d.column });
}

export function topLevelDefinitions(file: string, outline: FileOutline): SymbolDefinition[] {
  const out: SymbolDefinition[] = [];
  outline.classes.forEach((c, index) => {
    if (c.parentClass !== -1 || c.inFunction) return;
    out.push({ file, name: c.name, kind: c.kind, span: c.nameSpan, line: c.nameLine, column: c.nameColumn, index, shape: c.shape });
  });
  for (const f of outline.functions) {
    if (f.inClass) continue;
    out.push({ file, name: f.name, kind: 'function', span: f.nameSpan, line: f.nameLine, column: f.nameColumn, index: f.index, shape: undefined });
  }
  return out;
}

/*
 * The key -> paths tables hold arrays, not Sets (a Set per key cost ~150 bytes, and most
 * keys have one or two files). A file's keys are distinct and unlinked before it is added
 * again, so a path is never in one list twice.
 */
function addTo(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function removeFrom(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (!list) return;
  const i = list.indexOf(v);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) m.delete(k);
}

function first(s: readonly string[] | undefined): string | undefined {
  if (!s || s.length === 0) return undefined;
  let best: string | undefined;
  // Several providers (a.py and a/__init__.py, or two roots): the shortest path, then code-unit order, wins.
  for (const p of s) if (best === undefined || p.length < best.length || (p.length === best.length && p < best)) best = p;
  return best;
}

function union(a: readonly string[], b: readonly string[], self: string): string[] {
  const s = new Set([...a, ...b]);
  s.delete(self);
  return [...s].sort();
}
