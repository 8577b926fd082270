/**
 * relative-import: `from . import x` / `from ..a import b` hide which module is the
 * source of truth and break when files move; the fix writes the absolute module
 * path computed from the file's location and the configured source roots.
 */
import type { Rule } from '../types';
import { pythonPackageOf } from '../fix/imports';

export const relativeImport: Rule = {
  meta: {
    id: 'relative-import',
    tag: 'imports',
    summary: 'Imports are absolute (no `from . import x`).',
    defaultSeverity: 'warning',
    languages: ['python'],
    fixable: true,
    defaultOptions: {},
  },
  check(ctx) {
    const pkg = pythonPackageOf(ctx.file.path, ctx.config.sourceRoots);
    for (const imp of ctx.file.facts.imports) {
      if (imp.kind !== 'from' || imp.level === 0) continue;
      const written = ctx.file.text.slice(imp.moduleSpan.start, imp.moduleSpan.end);
      const message = `Relative import '${written}': use the absolute module path`;
      if (!pkg || imp.level - 1 > pkg.length - (imp.module ? 0 : 1)) {
        const reason = pkg ? 'it climbs above the source root' : 'the file is not inside a configured source root';
        ctx.report({ span: imp.moduleSpan, message: `${message} (no automatic fix: ${reason})`, noFixReason: reason });
        continue;
      }
      const base = pkg.slice(0, pkg.length - (imp.level - 1));
      const absolute = [...base, ...(imp.module ? [imp.module] : [])].join('.');
      if (!absolute) {
        const reason = 'it resolves to the source root itself';
        ctx.report({ span: imp.moduleSpan, message: `${message} (no automatic fix: ${reason})`, noFixReason: reason });
        continue;
      }
      ctx.report({
        span: imp.moduleSpan,
        message: `${message} '${absolute}'`,
        fixes: [{ title: `Replace with 'from ${absolute} import ...'`, edits: [{ start: imp.moduleSpan.start, end: imp.moduleSpan.end, newText: absolute }], safe: true, preferred: true }],
      });
    }
  },
};
