/**
 * service-boundary: services do not import each other. Each configured service root
 * (`netra_backend`, `auth_service`, `frontend`) may import itself, the shared roots
 * (`shared`) and third-party code; an import that resolves into another service is
 * flagged, for Python (absolute and relative) and TS (relative and tsconfig `paths`).
 * No fix: the message names the allowed alternative, and the shared module that already
 * defines the imported name when the index knows one.
 */
import type { ImportFact } from '../facts';
import type { Rule, RuleContext } from '../types';
import { absolutePythonModule, modulePathUnderFirstRoot, tsSpecifierTargets } from '../index/resolve';

interface Options {
  services: string[];
  shared: string[];
}

export const serviceBoundary: Rule = {
  meta: {
    id: 'service-boundary',
    tag: 'architecture',
    summary: 'Services import only themselves and the shared roots, never another service.',
    defaultSeverity: 'error',
    languages: ['python', 'typescript', 'javascript'],
    fixable: false,
    readsIndex: true,
    defaultOptions: { services: ['netra_backend', 'auth_service', 'frontend'], shared: ['shared'] },
  },
  check(ctx) {
    const o = ctx.options as unknown as Options;
    const own = rootOf(o.services, ctx.file.path);
    if (!own) return;
    for (const imp of ctx.file.outline.imports) {
      for (const target of targetsOf(ctx, imp)) {
        const other = rootOf(o.services, target);
        if (!other || other === own) continue;
        const written = ctx.file.text.slice(imp.moduleSpan.start, imp.moduleSpan.end);
        ctx.report({ span: imp.moduleSpan, message: `${own} imports ${written} from the ${other} service: ${alternative(ctx, o, imp)}` });
        break;
      }
    }
  },
};

function rootOf(roots: readonly string[], path: string): string | undefined {
  return roots.find((r) => path === r || path.startsWith(`${r}/`));
}

/** Workspace paths (or path-shaped module names) the import may name. */
function targetsOf(ctx: RuleContext, imp: ImportFact): string[] {
  const { file } = ctx;
  if (file.language !== 'python') return tsSpecifierTargets(file.path, imp.module, ctx.index?.options.tsPaths?.(file.path));
  const modules = imp.kind === 'import' ? imp.names.map((n) => n.name) : [absolutePythonModule(file.path, imp, ctx.config.sourceRoots)];
  const out: string[] = [];
  for (const m of modules) {
    if (!m) continue;
    const resolved = ctx.index?.pythonFile(m);
    out.push(resolved ?? moduleAsPath(m, ctx.config.sourceRoots));
  }
  return out;
}

/**
 * Per source roots, module -> moduleAsPath: every file asks for its third-party imports
 * (`json`, `typing`), the same few hundred modules across a whole tree.
 */
const modulePaths = new WeakMap<readonly string[], Map<string, string>>();

/** `a.b.c` as a workspace path under the first source root (what it would be if it existed). */
function moduleAsPath(module: string, sourceRoots: readonly string[]): string {
  let memo = modulePaths.get(sourceRoots);
  if (!memo) modulePaths.set(sourceRoots, (memo = new Map()));
  let path = memo.get(module);
  if (path === undefined) memo.set(module, (path = modulePathUnderFirstRoot(module, sourceRoots)));
  return path;
}

function alternative(ctx: RuleContext, o: Options, imp: ImportFact): string {
  const shared = o.shared.length ? o.shared.map((s) => `${s}/`).join(' or ') : undefined;
  if (!shared) return 'services must not depend on each other';
  const names = imp.names.map((n) => n.name).filter((n) => n !== '*' && n !== 'default');
  for (const name of names) {
    const def = ctx.index?.definitionsOf(name).find((d) => rootOf(o.shared, d.file) && /\.pyi?$/.test(d.file) === (ctx.file.language === 'python'));
    if (def) return `import ${name} from ${def.file}, which is shared`;
  }
  return `move what both services need to ${shared} and import it from there`;
}
