/**
 * Import resolution keys. An import is recorded under the module name (Python) or the
 * extension-less path (TS) it can refer to; a file is found under the keys it provides.
 * Matching keys lazily (instead of resolving each import to a file once) means adding
 * or deleting a file re-links its importers with no extra bookkeeping.
 */
import type { FileFacts, ImportFact } from '../facts';
import { pythonPackageOf, sourceRootDir } from '../fix/imports';
import type { TsPathMapping } from './tsconfig';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every dotted module name a Python file has, one per source root that contains it. */
export function pythonModuleNames(path: string, sourceRoots: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of sourceRoots) {
    const root = sourceRootDir(r);
    if (root !== '' && !path.startsWith(root + '/')) continue;
    const parts = (root === '' ? path : path.slice(root.length + 1)).replace(/\.pyi?$/, '').split('/');
    if (parts[parts.length - 1] === '__init__') parts.pop();
    if (parts.length > 0 && parts.every((p) => IDENT.test(p))) out.push(parts.join('.'));
  }
  return out;
}

/** Extension-less paths a TS/JS file answers to: `a/b.ts` -> `a/b`; `a/b/index.ts` -> `a/b/index`, `a/b`. */
export function tsStems(path: string): string[] {
  const stem = path.replace(/(\.d)?\.[cm]?[jt]sx?$/, '');
  if (stem === path) return [];
  return stem.endsWith('/index') ? [stem, stem.slice(0, -'/index'.length)] : [stem];
}

/** The absolute dotted module a Python `from`/`import` statement names (relative ones resolved), or undefined. */
export function absolutePythonModule(file: string, imp: ImportFact, sourceRoots: readonly string[]): string | undefined {
  if (imp.level === 0) return imp.module;
  const pkg = pythonPackageOf(file, sourceRoots);
  if (!pkg || imp.level - 1 > pkg.length) return undefined;
  const base = pkg.slice(0, pkg.length - (imp.level - 1));
  const parts = [...base, ...(imp.module ? [imp.module] : [])];
  return parts.length ? parts.join('.') : undefined;
}

/** Keys (`py:a.b`) a Python file's imports may resolve to: the module, and `module.name` for submodules. */
export function pythonImportKeys(file: string, facts: Pick<FileFacts, 'imports'>, sourceRoots: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const imp of facts.imports) {
    if (imp.kind === 'import') {
      for (const n of imp.names) keys.add(`py:${n.name}`);
      continue;
    }
    const mod = absolutePythonModule(file, imp, sourceRoots);
    if (mod === undefined) continue;
    keys.add(`py:${mod}`);
    for (const n of imp.names) if (n.name !== '*') keys.add(`py:${mod}.${n.name}`);
  }
  return [...keys];
}

/** Normalises `a/./b/../c` to `a/c`; undefined when it climbs above the root. */
export function normalizePath(p: string): string | undefined {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/** Extension-less workspace paths a TS specifier may name (relative, or through tsconfig `paths` / `baseUrl`). */
export function tsSpecifierTargets(file: string, specifier: string, mapping: TsPathMapping | undefined): string[] {
  const strip = (s: string) => s.replace(/(\.d)?\.[cm]?[jt]sx?$/, '').replace(/\/$/, '');
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    const p = normalizePath(`${dir}/${specifier}`);
    return p === undefined ? [] : [strip(p)];
  }
  if (!mapping) return [];
  const out: string[] = [];
  for (const { prefix, suffix, targets, exact } of mapping.paths) {
    if (exact ? specifier !== prefix : !specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) continue;
    const star = specifier.slice(prefix.length, specifier.length - suffix.length);
    for (const t of targets) {
      const p = normalizePath(t.replace('*', star));
      if (p !== undefined) out.push(strip(p));
    }
  }
  if (out.length === 0 && mapping.baseUrl !== undefined) {
    const p = normalizePath(`${mapping.baseUrl}/${specifier}`);
    if (p !== undefined) out.push(strip(p));
  }
  return out;
}

export function tsImportKeys(file: string, facts: Pick<FileFacts, 'imports'>, mapping: TsPathMapping | undefined): string[] {
  const keys = new Set<string>();
  for (const imp of facts.imports) for (const t of tsSpecifierTargets(file, imp.module, mapping)) keys.add(`ts:${t}`);
  return [...keys];
}

/** `a.b.c` as the workspace path it would have under the first source root (`src/a/b/c`), no extension. */
export function modulePathUnderFirstRoot(module: string, sourceRoots: readonly string[]): string {
  const root = sourceRootDir(sourceRoots[0] ?? '.');
  return `${root ? `${root}/` : ''}${module.replace(/\./g, '/')}`;
}
