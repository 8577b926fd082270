/**
 * env-access: environment variables are read and written only through the
 * canonical accessor (`shared.isolated_environment.get_env()` in Python, the typed
 * config module in TS). Every direct `os.environ` / `process.env` form is flagged;
 * the fix rewrites it to the canonical form and adds the import once.
 */
import type { EnvAccess } from '../facts';
import type { Fix, Rule, RuleContext } from '../types';
import { rewritePythonEnv } from '../fix/python-env';
import { keepTokensApart } from '../fix/apply';
import { addPythonImport, addTsImport, pythonLocalName, pythonModuleName, relativeSpecifier, tsLocalName } from '../fix/imports';

interface PythonOptions {
  module: string;
  accessor: string;
  canonicalFiles: string[];
  sourceArgument: string;
}

interface TsOptions {
  module: string;
  importName: string;
  keys: Record<string, string>;
  fallbackAccessor: string | null;
  canonicalFiles: string[];
}

export const envAccess: Rule = {
  meta: {
    id: 'env-access',
    tag: 'environment',
    summary: 'Environment variables are accessed only through the canonical accessor (get_env() / the typed config module).',
    defaultSeverity: 'error',
    languages: ['python', 'typescript', 'javascript'],
    fixable: true,
    defaultOptions: {
      python: {
        module: 'shared.isolated_environment',
        accessor: 'get_env',
        canonicalFiles: ['shared/isolated_environment.py'],
        sourceArgument: 'module',
      },
      typescript: {
        module: 'frontend/lib/unified-api-config.ts',
        importName: 'getUnifiedApiConfig',
        // Typed fields, not a dynamic getEnv(name): Next.js inlines NEXT_PUBLIC_* only
        // for literal `process.env.NAME` reads (reference spec 7.4).
        keys: {
          NEXT_PUBLIC_API_URL: 'getUnifiedApiConfig().urls.api',
          NEXT_PUBLIC_WS_URL: 'getUnifiedApiConfig().urls.websocket',
          NEXT_PUBLIC_AUTH_URL: 'getUnifiedApiConfig().urls.auth',
          NEXT_PUBLIC_FRONTEND_URL: 'getUnifiedApiConfig().urls.frontend',
          NEXT_PUBLIC_ENVIRONMENT: 'getUnifiedApiConfig().environment',
          NODE_ENV: 'getUnifiedApiConfig().environment',
        },
        fallbackAccessor: null,
        canonicalFiles: ['frontend/lib/unified-api-config.ts', 'frontend/lib/secure-api-config.ts', 'frontend/config.ts'],
      },
    },
  },
  check(ctx) {
    if (ctx.file.language === 'python') checkPython(ctx, ctx.options.python as PythonOptions);
    else checkTs(ctx, ctx.options.typescript as TsOptions);
  },
};

function checkPython(ctx: RuleContext, o: PythonOptions): void {
  const { file } = ctx;
  // Nothing to report: return before the import lookup, which would need the file's imports.
  if (file.facts.envAccesses.length === 0 || o.canonicalFiles.includes(file.path)) return;
  const local = pythonLocalName(file.facts, o.module, o.accessor);
  const accessor = local ?? o.accessor;
  const moduleName = pythonModuleName(file.path, ctx.config.sourceRoots) ?? file.path;
  const sourceText = o.sourceArgument === 'module' ? moduleName : o.sourceArgument;
  const source = `'${sourceText.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const canonical = `${o.module}.${o.accessor}()`;
  for (const a of file.facts.envAccesses) {
    if (a.kind === 'import') {
      reportImport(ctx, a, canonical);
      continue;
    }
    const r = rewritePythonEnv(file.text, a, { accessor, source });
    const base = `${describe(a)}: use ${canonical}`;
    if (!r.ok) {
      ctx.report({ span: a.span, message: `${base} (no automatic fix: ${r.reason})`, noFixReason: r.reason });
      continue;
    }
    const keyErr = a.raisesKeyError ? '; note: get() returns None where os.environ[...] raises KeyError' : '';
    const edits = r.edits.map((e) => keepTokensApart(file.text, e));
    if (!local) edits.push(addPythonImport(file.facts, file.text, o.module, o.accessor));
    const fix: Fix = { title: r.title, edits, safe: r.safe, preferred: true };
    ctx.report({ span: a.span, message: `${base}${keyErr}`, fixes: [fix] });
  }
}

/** `from os import environ` is fixable only once nothing uses the imported name any more. */
function reportImport(ctx: RuleContext, a: EnvAccess, canonical: string): void {
  const { file } = ctx;
  const imp = file.facts.imports.find((i) => i.span.start <= a.span.start && a.span.end <= i.span.end);
  const name = imp?.names.find((n) => n.span.start === a.span.start);
  const message = `${describe(a)}: use ${canonical}`;
  if (!imp || !name) return ctx.report({ span: a.span, message });
  const local = name.alias ?? name.name;
  // Every use of an imported environ/getenv name is itself an env access (a `reference`
  // at least), so counting accesses that mention the name counts the uses.
  const word = new RegExp(`(^|[^A-Za-z0-9_.])${local}(?![A-Za-z0-9_])`);
  const uses = file.facts.envAccesses.filter((u) => u.kind !== 'import' && word.test(file.text.slice(u.span.start, u.span.end))).length;
  if (uses > 0) {
    const reason = `${uses} use${uses === 1 ? '' : 's'} of ${local} must be rewritten first`;
    return ctx.report({ span: a.span, message: `${message} (${reason})`, noFixReason: reason });
  }
  ctx.report({ span: a.span, message, fixes: [{ title: `Remove the unused import of ${local}`, edits: [removeImportedName(file.text, imp, name)], safe: true, preferred: true }] });
}

type ImportLike = { span: { start: number; end: number }; names: { span: { start: number; end: number } }[] };

function removeImportedName(text: string, imp: ImportLike, name: { span: { start: number; end: number } }) {
  if (imp.names.length === 1) {
    // Remove the whole statement with its line break.
    let end = imp.span.end;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { start: imp.span.start, end, newText: '' };
  }
  const idx = imp.names.indexOf(name as (typeof imp.names)[number]);
  if (idx < imp.names.length - 1) return { start: name.span.start, end: imp.names[idx + 1].span.start, newText: '' };
  return { start: imp.names[idx - 1].span.end, end: name.span.end, newText: '' };
}

function checkTs(ctx: RuleContext, o: TsOptions): void {
  const { file } = ctx;
  if (o.canonicalFiles.includes(file.path)) return;
  const specifier = isPathLike(o.module) ? relativeSpecifier(file.path, o.module) : o.module;
  const local = tsLocalName(file.facts, specifier, o.importName);
  for (const a of file.facts.envAccesses) {
    const message = `${describe(a)}: read configuration through ${o.importName}() from ${o.module}`;
    if (a.kind !== 'read' || a.statement || !a.key) {
      const reason = a.kind === 'read' ? 'destructuring and computed keys need a manual rewrite' : `no canonical form for ${a.kind}`;
      // A destructuring statement yields one access per key: point each at its own key.
      const span = a.kind === 'read' && a.statement && a.keySpan ? a.keySpan : a.span;
      ctx.report({ span, message: `${message} (no automatic fix: ${reason})`, noFixReason: reason });
      continue;
    }
    let expr = o.keys[a.key];
    if (expr === undefined && o.fallbackAccessor) expr = o.fallbackAccessor.replace('{key}', JSON.stringify(a.key).replace(/"/g, "'"));
    if (expr === undefined) {
      const reason = `no typed field is configured for ${a.key} (env-access.options.typescript.keys); a dynamic lookup would defeat Next.js build-time inlining`;
      ctx.report({ span: a.span, message: `${message} (no automatic fix: ${reason})`, noFixReason: reason });
      continue;
    }
    if (local && local !== o.importName) expr = expr.split(`${o.importName}(`).join(`${local}(`);
    const edits = [keepTokensApart(file.text, { start: a.span.start, end: a.span.end, newText: expr })];
    if (!local && expr.includes(`${o.importName}(`)) edits.push(addTsImport(file.facts, file.text, specifier, o.importName));
    ctx.report({ span: a.span, message, fixes: [{ title: `Replace with ${expr}`, edits, safe: true, preferred: true }] });
  }
}

function describe(a: EnvAccess): string {
  return a.key !== undefined ? `Direct environment access to ${a.key} via ${a.via}` : `Direct environment access via ${a.via}`;
}

function isPathLike(module: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(module);
}
