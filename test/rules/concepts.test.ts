/**
 * isCanonicalFile answers from a per-concept set of candidate paths; it must agree with
 * the definition it replaced: the file's Python module names (resolve.ts) include the
 * concept's module. Checked on every shape of path and source root that bends the rule.
 */
import { describe, expect, it } from 'vitest';
import { conceptsOf, isCanonicalFile, type Concept } from '../../shared-rules/src/rules/concepts';
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
