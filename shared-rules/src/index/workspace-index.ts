/**
 * WorkspaceIndex: every file's outline (see outline.ts) plus the tables workspace rules query (where
 * each class/interface/type/function is defined, who imports whom, who imports a
 * name), kept up to date one file at a time. `update` and `remove` return the files
 * whose workspace-rule results can change, so an editor re-checks only those.
 */
import { pythonImportKeys, pythonModuleNames, tsImportKeys, tsStems } from './resolve';
import type { TsPathMapping } from './tsconfig';
import type { Scope } from '../config/scope';
import { classShape, intern, type FileOutline } from './outline';
import { topLevelDefinitions, type SymbolDefinition } from './definitions';
import { addTo, listOf, removeFrom, type Many } from './many';

export interface IndexOptions {
  sourceRoots: readonly string[];
  /** The tsconfig path mapping that applies to a TS file (see createTsconfigLookup). */
  tsPaths?: (file: string) => TsPathMapping | undefined;
  /** The project's scope, so workspace rules can ask about other files (test file? production code?). */
  scope?: Scope;
  /** Whether duplicate-definition compares a file's classes (engine/check.ts needsDefinitionShapes): only those get shapes. */
  comparesShapes?: (file: string) => boolean;
  /**
   * A file's text as the index has it (the scan's content, an open editor's buffer), for class
   * shapes computed on demand; undefined when it cannot be had (changed since, unreadable).
   */
  textOf?: (file: string) => string | undefined;
}

/** What the index keeps per file besides the outline's own data; its definitions are read off the outline when needed. */
interface Entry {
  outline: FileOutline;
  /** Keys this file answers to (`py:a.b`, `ts:a/b`). */
  provides: string[];
  /** Keys its imports may resolve to. */
  imports: string[];
  /** Names imported by name (`from m import X`, `import { X }`). */
  importedNames: string[];
}

const isPython = (p: string) => /\.pyi?$/.test(p);

export class WorkspaceIndex {
  private readonly files = new Map<string, Entry>();
  private readonly providers = new Map<string, Many<string>>();
  private readonly importers = new Map<string, Many<string>>();
  /**
   * Name -> its definitions in path order (one held as itself, see Many). Replaced, never
   * mutated, on change: callers may keep (and memoise on) the array definitionsOf returned.
   * An array per name rather than a map per name: a Map per name cost ~300 bytes each.
   */
  private readonly definitions = new Map<string, Many<SymbolDefinition>>();
  private readonly strings = new Map<string, string>();
  private readonly nameImporters = new Map<string, Many<string>>();

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
  /** Distinct tokens for shapes that could not be had (see bumpChanges). */
  private unknownShapes = 0;

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

  /**
   * Adds or replaces a file; returns the files whose workspace results may change (not
   * including `path`). `text`: the text the outline was made from (else options.textOf),
   * for the shapes of its classes that other files also define (see shapeCopies).
   */
  update(path: string, outline: FileOutline, text?: string): string[] {
    const before = this.files.has(path) ? this.dependentsOf(path) : [];
    this.shapeCopies(path, outline, text);
    this.add(path, outline);
    return union(before, this.dependentsOf(path), path);
  }

  /**
   * The shape of a module-level class (OutlineClass.shape), computed from its file's text
   * (options.textOf) on first use and kept in the outline; undefined when that text cannot
   * be had. Never 0: "unknown" must not compare equal to "unknown".
   */
  shapeOf(def: SymbolDefinition): number | undefined {
    const c = def.outlineClass;
    if (!c) return undefined;
    if (c.shape === 0) c.shape = classShape(this.options.textOf?.(def.file), c) ?? 0;
    return c.shape === 0 ? undefined : c.shape;
  }

  /**
   * Shapes for a new entry's classes whose name another file defines, before its change
   * signature is taken (bumpChanges): an edit that reshapes a copy in place (same spans) must
   * move `d:` of its name, or a copy elsewhere keeps a fix that deletes it in favour of a class
   * that no longer matches. The scan's outlines leave shapes to be computed on demand.
   */
  private shapeCopies(path: string, outline: FileOutline, text: string | undefined): void {
    if (!this.options.comparesShapes?.(path)) return;
    let asked = text !== undefined;
    for (const c of outline.classes) {
      if (c.shape !== 0 || c.parentClass !== -1 || c.inFunction || !this.definedElsewhere(c.name, path)) continue;
      // One read of the file for all its copies, even when it yields nothing.
      if (!asked) {
        text = this.options.textOf?.(path);
        asked = true;
      }
      c.shape = classShape(text, c) ?? 0;
    }
  }

  /** Whether a file other than `path` defines `name` at module level (no read recorded: not a rule's question). */
  private definedElsewhere(name: string, path: string): boolean {
    return listOf(this.definitions.get(name)).some((d) => d.file !== path);
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
    for (const d of topLevelDefinitions(path, outline)) {
      const held = this.definitions.get(d.name);
      if (!held) {
        this.definitions.set(d.name, d);
        continue;
      }
      const list = listOf(held);
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
    // A name's definitions changed when one was added, removed, or moved or reshaped. A copy
    // whose shape could not be had (shapeCopies) counts as reshaped: never equal to itself.
    const compares = !!this.options.comparesShapes?.(path);
    const unknown = (d: SymbolDefinition) => compares && d.shape === 0 && this.definedElsewhere(d.name, path);
    const sig = (e: Entry | undefined) => {
      const m = new Map<string, string>();
      for (const d of e ? topLevelDefinitions(path, e.outline) : []) m.set(d.name, `${m.get(d.name) ?? ''}|${d.kind},${d.span.start},${d.span.end},${d.line},${d.index},${unknown(d) ? `?${++this.unknownShapes}` : (d.shape ?? '')}`);
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
      for (const d of topLevelDefinitions(path, e.outline)) {
        // Only types can be duplicates; a shared function name (`main`) links nothing.
        if (d.kind !== 'function') for (const o of listOf(this.definitions.get(d.name))) out.add(o.file);
        for (const f of listOf(this.nameImporters.get(d.name))) out.add(f);
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
      for (const f of listOf(this.importers.get(k))) out.add(f);
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
      for (const f of listOf(this.providers.get(k))) out.add(f);
    }
    out.delete(path);
    return [...out].sort();
  }

  /**
   * Top-level definitions of `name`, in path order. Do not modify the returned array. A
   * name defined more than once gets the same array until its definitions change; one
   * defined once, a fresh one-element array.
   */
  definitionsOf(name: string): readonly SymbolDefinition[] {
    this.read(`d:${name}`);
    return listOf(this.definitions.get(name));
  }

  /** Names defined in more than one file (candidates for duplicate-definition). */
  *definedNames(): IterableIterator<string> {
    this.read('*');
    yield* this.definitions.keys();
  }

  /** The file defining a Python module (`a.b` -> `a/b.py` or `a/b/__init__.py`). */
  pythonFile(module: string): string | undefined {
    this.read(`p:py:${module}`);
    return first(listOf(this.providers.get(`py:${module}`)));
  }

  /** The TS file an extension-less workspace path names (`a/b` -> `a/b.ts`, `a/b/index.tsx`). */
  tsFile(stem: string): string | undefined {
    this.read(`p:ts:${stem}`);
    return first(listOf(this.providers.get(`ts:${stem}`)));
  }

  /** Files that import `name` by name from anywhere. */
  importersOfName(name: string): string[] {
    this.read(`n:${name}`);
    return [...listOf(this.nameImporters.get(name))].sort();
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
    // intern: a key built by a template is a two-part string until flattened.
    return { outline, provides: [...new Set(provides)].map(intern), imports, importedNames: [...importedNames].map((n) => this.pooled(n)) };
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
    for (const name of new Set(topLevelDefinitions(path, e.outline).map((d) => d.name))) {
      const held = this.definitions.get(name);
      if (!held) continue;
      const rest = listOf(held).filter((d) => d.file !== path);
      if (rest.length) this.definitions.set(name, rest.length === 1 ? rest[0] : rest);
      else this.definitions.delete(name);
    }
    for (const n of e.importedNames) removeFrom(this.nameImporters, n, path);
  }
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
