/**
 * isCanonicalFile answers from a per-concept set of candidate paths; it must agree with
 * the definition it replaced: the file's Python module names (resolve.ts) include the
 * concept's module. Checked on every shape of path and source root that bends the rule.
 */
import { describe, expect, it } from 'vitest';
import { conceptsOf, importsCanonical, importsForbidden, isCanonicalFile, type Concept, type ImportTarget } from '../../shared-rules/src/rules/concepts';
import type { ImportFact } from '../../shared-rules/src/facts';
import { tsStems } from '../../shared-rules/src/index/resolve';
import { pythonModuleNames } from '../../shared-rules/src/index/resolve';

const concept = (canonicalModule: string): Concept => conceptsOf({ concepts: [{ name: canonicalModule, canonicalModule }] })[0];

describe('isCanonicalFile', () => {
  const modules = ['shared.isolated_environment', 'netra_backend.app.db', 'pkg', 'a.__init__', 'a.b-c', 'src.x', 'x'];
  const rootsList: string[][] = [['.'], ['./'], ['src'], ['src/', 'lib'], ['.', 'src'], ['./src']];
  const paths = [
    'shared/isolated_environment.py',
    'shared/isolated_environment.pyi',
    'shared/isolated_environment/__init__.py',
    'shared/isolated_environment/__init__.pyi',
    'src/shared/isolated_environment.py',
    'lib/shared/isolated_environment.py',
    'netra_backend/app/db/__init__.py',
    'netra_backend/app/db.py',
    'netra_backend/app/db.ts',
    'src/netra_backend/app/db/__init__.py',
    'pkg.py',
    'pkg/__init__.py',
    'src/pkg.py',
    'a/__init__.py',
    'a/__init__/__init__.py',
    'a/b-c.py',
    'src/x.py',
    'src/src/x.py',
    'x.py',
    'xx.py',
    'shared/isolated_environment.py.bak',
  ];

  it('agrees with the files\' module names for every path, root and module', () => {
    let canonical = 0;
    for (const roots of rootsList) {
      for (const m of modules) {
        const c = concept(m);
        for (const p of paths) {
          const expected = /\.pyi?$/.test(p) && pythonModuleNames(p, roots).includes(m);
          expect(isCanonicalFile(c, p, roots), `${p} as ${m} under ${roots.join(',')}`).toBe(expected);
          if (expected) canonical++;
        }
      }
    }
    // Not vacuous: the table holds canonical files under several roots.
    expect(canonical).toBe(54);
  });

  it('a TS concept is matched by its stem, index files included', () => {
    const c = concept('frontend/lib/api.ts');
    expect(isCanonicalFile(c, 'frontend/lib/api.ts', ['.'])).toBe(true);
    expect(isCanonicalFile(c, 'frontend/lib/api.tsx', ['.'])).toBe(true);
    expect(isCanonicalFile(c, 'frontend/lib/api/index.ts', ['.'])).toBe(false);
    expect(isCanonicalFile(c, 'frontend/lib/api.py', ['.'])).toBe(false);
  });
});

/**
 * importsCanonical and importsForbidden answer from per-concept values worked out once; they
 * must agree with the string tests they replaced, on every import and target in the table.
 */
describe('importsCanonical and importsForbidden', () => {
  const isTs = (m: string) => /\.[cm]?[jt]sx?$/.test(m);
  const canonicalBefore = (c: Concept, t: ImportTarget, imp: ImportFact) => {
    if (isTs(c.canonicalModule)) return t.stems.includes(tsStems(c.canonicalModule)[0]);
    if (t.module === c.canonicalModule) return true;
    return imp.kind === 'from' && imp.names.some((n) => `${t.module}.${n.name}` === c.canonicalModule);
  };
  const forbiddenBefore = (c: Concept, t: ImportTarget) => {
    for (const f of c.forbiddenImports) {
      if (isTs(f)) {
        if (t.stems.includes(tsStems(f)[0])) return f;
      } else if (t.module === f || t.module?.startsWith(`${f}.`)) return f;
    }
    return undefined;
  };
  const imp = (kind: ImportFact['kind'], names: string[]): ImportFact => ({
    kind,
    module: '',
    level: 0,
    names: names.map((name) => ({ name, span: { start: 0, end: 0 } })),
    span: { start: 0, end: 0 },
    moduleSpan: { start: 0, end: 0 },
    line: 0,
    topLevel: true,
  });
  const concepts = conceptsOf({
    concepts: [
      { name: 'py', canonicalModule: 'a.b.c', forbiddenImports: ['a.b.old', 'x', 'frontend/lib/old.ts'] },
      { name: 'top', canonicalModule: 'pkg', forbiddenImports: ['pkg2'] },
      { name: 'ts', canonicalModule: 'frontend/lib/api.ts', forbiddenImports: ['frontend/lib/api-old.tsx', 'legacy'] },
      { name: 'none', canonicalModule: '' },
    ],
  });
  const targets: ImportTarget[] = [
    ...['a.b.c', 'a.b', 'a', 'a.b.c.d', 'a.b.old', 'a.b.old.x', 'a.b.older', 'x', 'x.y', 'xy', 'pkg', 'pkg2', 'pkg2.z', 'legacy'].map((module) => ({ module, stems: [] })),
    { module: undefined, stems: [] },
    { module: 'frontend/lib/api', stems: ['frontend/lib/api'] },
    { module: 'frontend/lib/api-old', stems: ['frontend/lib/api-old', 'frontend/lib/api-old/index'] },
    { module: 'frontend/lib/old', stems: ['frontend/lib/old'] },
  ];
  const imports = [imp('import', ['a.b.c']), imp('from', ['c']), imp('from', ['x', 'c']), imp('from', ['b']), imp('from', ['*']), imp('from', []), imp('export-from', ['c'])];

  it('agree with the string tests on every concept, target and import', () => {
    let canonical = 0;
    let forbidden = 0;
    for (const c of concepts) {
      for (const t of targets) {
        expect(importsForbidden(c, t), `${c.name} ${t.module}`).toBe(forbiddenBefore(c, t));
        if (forbiddenBefore(c, t)) forbidden++;
        for (const i of imports) {
          expect(importsCanonical(c, t, i), `${c.name} ${t.module} ${i.kind} ${i.names.map((n) => n.name)}`).toBe(canonicalBefore(c, t, i));
          if (canonicalBefore(c, t, i)) canonical++;
        }
      }
    }
    // Not vacuous: both answers occur, `from a.b import c` among the canonical ones.
    expect(canonical).toBe(23);
    expect(forbidden).toBe(9);
    expect(importsCanonical(concepts[0], { module: 'a.b', stems: [] }, imp('from', ['c']))).toBe(true);
  });
});
