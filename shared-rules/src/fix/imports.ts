/**
 * Import bookkeeping for fixes: the dotted module name of a Python file, the local
 * name a file already binds for an imported symbol, and the edit that adds an
 * import once, where the file's conventions want it.
 */
import type { FileFacts } from '../facts';
import { lineOfOffset } from '../text';
import type { OffsetEdit } from '../types';

/** `netra_backend/app/db/x.py` -> `netra_backend.app.db.x`, relative to the longest matching source root. */
export function pythonModuleName(path: string, sourceRoots: readonly string[]): string | undefined {
  const root = longestRoot(path, sourceRoots);
  if (root === undefined) return undefined;
  let rel = root === '' ? path : path.slice(root.length + 1);
  rel = rel.replace(/\.pyi?$/, '');
  const parts = rel.split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  if (parts.length === 0 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return undefined;
  return parts.join('.');
}

/**
 * The package a module's relative imports resolve against (a package's __init__ is its
 * own package). Only the folders must be identifiers: the file's own name never appears.
 */
export function pythonPackageOf(path: string, sourceRoots: readonly string[]): string[] | undefined {
  const root = longestRoot(path, sourceRoots);
  if (root === undefined) return undefined;
  const parts = (root === '' ? path : path.slice(root.length + 1)).split('/');
  const file = parts.pop()!;
  if (parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return undefined;
  return parts.length === 0 && /^__init__\.pyi?$/.test(file) ? undefined : parts;
}

/** A configured source root as a workspace folder: `.` and `./` are the root itself (''), `./src/` is `src`. */
export function sourceRootDir(r: string): string {
  return r === '.' || r === './' ? '' : r.replace(/^\.\//, '').replace(/\/+$/, '');
}

function longestRoot(path: string, sourceRoots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const r of sourceRoots) {
    const root = sourceRootDir(r);
    if (root !== '' && !path.startsWith(root + '/')) continue;
    if (best === undefined || root.length > best.length) best = root;
  }
  return best;
}

/** Local name bound by `from module import name [as alias]` at top level, if any. */
export function pythonLocalName(facts: FileFacts, module: string, name: string): string | undefined {
  for (const imp of facts.imports) {
    if (imp.kind !== 'from' || imp.level !== 0 || imp.module !== module) continue;
    for (const n of imp.names) if (n.name === name) return n.alias ?? n.name;
  }
  return undefined;
}

/**
 * Adds `name` to an existing top-level `from module import ...` when there is one (so a
 * file never imports from the same module twice); else inserts `from module import name`
 * at the file's import position (after docstring and __future__ imports).
 */
export function addPythonImport(facts: FileFacts, text: string, module: string, name: string): OffsetEdit {
  const existing = facts.imports.find((i) => i.kind === 'from' && i.level === 0 && i.module === module && i.topLevel && i.names.length > 0 && i.names.every((n) => n.name !== '*'));
  if (existing) {
    const last = existing.names[existing.names.length - 1].span.end;
    return { start: last, end: last, newText: `, ${name}` };
  }
  return insertLine(facts, text, `from ${module} import ${name}`);
}

/** Local name bound for `name` by an ES import from `specifier`, if any. */
export function tsLocalName(facts: FileFacts, specifier: string, name: string): string | undefined {
  for (const imp of facts.imports) {
    if (imp.kind !== 'from' || imp.module !== specifier || imp.typeOnly) continue;
    for (const n of imp.names) if (n.name === name) return n.alias ?? n.name;
  }
  return undefined;
}

export function addTsImport(facts: FileFacts, text: string, specifier: string, name: string): OffsetEdit {
  return insertLine(facts, text, `import { ${name} } from '${specifier}';`);
}

function insertLine(facts: FileFacts, text: string, line: string): OffsetEdit {
  let at = facts.importInsertOffset;
  // A next-line suppression above the insertion point would then silence the new import
  // instead of its own target (found by fuzzing: `import x = require('y') // ssot-lint-ignore-next-line ...`
  // as the last import). Insert above the suppression's line instead.
  const atLine = lineOfOffset(facts.lineStarts, at);
  for (const s of facts.suppressions) {
    if (s.scope === 'next-line' && s.line < atLine && s.targetLine >= atLine && facts.lineStarts[s.line] < at) at = facts.lineStarts[s.line];
  }
  const eol = facts.eol;
  // At the very end of a file that lacks a final newline, the new line must start on its own line.
  const needsLeadingEol = at === text.length && at > 0 && !/[\r\n]$/.test(text);
  return { start: at, end: at, newText: (needsLeadingEol ? eol : '') + line + eol };
}

/** Relative ES module specifier from one workspace file to another, without extension. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.replace(/\.(d\.)?[cm]?[jt]sx?$/, '').split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.length - i;
  const rest = to.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}


