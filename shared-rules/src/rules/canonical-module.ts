/**
 * canonical-module: each configured concept (a ClickHouse client, the environment,
 * the test bases, the database manager) lives in one canonical module. Flags a
 * concept symbol defined elsewhere, a forbidden copy of the module existing, and an
 * import of the concept from anywhere but the canonical module; never the canonical
 * import itself (the reference checker flags that one). The fix rewrites the import's
 * source to the canonical module, keeping `as` aliases; related information points to
 * the canonical definition when the workspace index knows it.
 */
import type { ImportFact } from '../facts';
import type { RelatedLocation, Rule, RuleContext } from '../types';
import { relativeSpecifier } from '../fix/imports';
import { definitionRange } from '../index/definitions';
import type { OutlineClass, OutlineFunction } from '../index/outline';
import { firstLineSpan, nameFinding } from './util';
import {
  canonicalFileOf,
  conceptIsTs,
  conceptNames,
  conceptSymbols,
  conceptsOf,
  importTarget,
  importsCanonical,
  importsForbidden,
  isCanonicalFile,
  matchesPattern,
  pathOfTarget,
  type Concept,
  type ImportTarget,
} from './concepts';
import { NETRA_CONCEPTS } from './concepts-netra';

export const canonicalModule: Rule = {
  meta: {
    id: 'canonical-module',
    tag: 'architecture',
    summary: 'Each concept is defined in and imported from its one canonical module.',
    defaultSeverity: 'error',
    languages: ['python', 'typescript', 'javascript'],
    fixable: true,
    readsIndex: true,
    defaultOptions: { concepts: NETRA_CONCEPTS },
  },
  check(ctx) {
    const { file } = ctx;
    const roots = ctx.config.sourceRoots;
    // Where each import points, worked out once for all concepts (not once per concept).
    let targets: ImportTarget[] | undefined;
    for (const c of conceptsOf(ctx.options)) {
      if (!c.canonicalModule || conceptIsTs(c) !== (file.language !== 'python')) continue;
      const canonical = isCanonicalFile(c, file.path, roots);
      if (c.forbiddenFiles.includes(file.path)) {
        ctx.report({ span: firstLineSpan(file), message: `${file.path} is a forbidden copy of the ${c.name} module: use ${c.canonicalModule} and delete this file`, related: related(ctx, c) });
      }
      if (!canonical && !file.isTest) checkDefinitions(ctx, c);
      if (!canonical) checkImports(ctx, c, (targets ??= file.outline.imports.map((imp) => importTarget(file.path, file.language, imp, roots, ctx.index))));
    }
  },
};

function checkDefinitions(ctx: RuleContext, c: Concept): void {
  const names = conceptSymbols(c);
  const { outline } = ctx.file;
  const report = (def: OutlineClass | OutlineFunction) =>
    ctx.report({ ...nameFinding(def), message: `${def.name} is part of the ${c.name} concept and must be defined only in ${c.canonicalModule}: import it from there`, related: related(ctx, c, def.name) });
  for (const cls of outline.classes) if (cls.parentClass === -1 && (names.has(cls.name) || matchesPattern(c, cls.name))) report(cls);
  // The outline's functions are the ones neither methods nor nested in a function.
  for (const fn of outline.functions) if (names.has(fn.name) || matchesPattern(c, fn.name)) report(fn);
}

/** `targets[i]`: where the file's import i points (importTarget). */
function checkImports(ctx: RuleContext, c: Concept, targets: readonly ImportTarget[]): void {
  const { file, index } = ctx;
  const names = conceptNames(c);
  const imports = file.outline.imports;
  for (let i = 0; i < imports.length; i++) {
    const imp = imports[i];
    const t = targets[i];
    if (importsCanonical(c, t, imp)) continue;
    const forbidden = importsForbidden(c, t);
    // Sliced only when reported: a re-check of an unchanged file need not read its text.
    const written = () => file.text.slice(imp.moduleSpan.start, imp.moduleSpan.end);
    if (forbidden) {
      const message = `${written()} is not the canonical source of ${c.name}: import from ${c.canonicalModule}`;
      // `import a.b as c` is flagged on the whole name (with its alias), `from a.b import x` on the module.
      const span = imp.kind === 'import' && imp.names.length ? imp.names[0].span : imp.moduleSpan;
      reportImport(ctx, c, imp, span, message, imp.names.map((n) => n.name));
      continue;
    }
    // A concept name imported from another first-party module (a re-export or a copy). Only
    // with the index: without it, a third-party module of the same name cannot be told apart.
    // Exact names only: a name-pattern match (`MockClickHouseClient` from a test helper) is a
    // definition question. Where the import points is asked only when a name could be flagged.
    if (!index || imp.kind === 'import' || !imp.names.some((n) => names.has(n.name))) continue;
    const target = pathOfTarget(t, index);
    if (!target) continue;
    for (const n of imp.names) {
      if (!names.has(n.name)) continue;
      const message = `${n.name} is imported from ${written()}, not from its canonical module ${c.canonicalModule}`;
      reportImport(ctx, c, imp, n.span, message, [n.name]);
    }
  }
}

function reportImport(ctx: RuleContext, c: Concept, imp: ImportFact, span: { start: number; end: number }, message: string, imported: string[]): void {
  const rel = related(ctx, c, imported[0]);
  const why = fixBlocker(ctx, c, imp);
  if (why) return ctx.report({ span, message: `${message} (no automatic fix: ${why})`, noFixReason: why, related: rel });
  const newText = conceptIsTs(c) ? tsSpecifierFor(ctx, imp, c.canonicalModule) : c.canonicalModule;
  ctx.report({
    span,
    message,
    related: rel,
    fixes: [{ title: `Import from ${c.canonicalModule}`, edits: [{ start: imp.moduleSpan.start, end: imp.moduleSpan.end, newText }], safe: true, preferred: true }],
  });
}

/**
 * The specifier to write: through the same tsconfig `paths` alias when the import used one
 * and the alias can name the canonical file (`@/lib/x`), else relative; the quote style is kept.
 */
function tsSpecifierFor(ctx: RuleContext, imp: ImportFact, canonical: string): string {
  const written = ctx.file.text.slice(imp.moduleSpan.start, imp.moduleSpan.end);
  const q = written[0] === '"' ? '"' : "'";
  const stem = canonical.replace(/\.[cm]?[jt]sx?$/, '');
  if (!imp.module.startsWith('.')) {
    for (const p of ctx.index?.options.tsPaths?.(ctx.file.path)?.paths ?? []) {
      if (p.exact || !imp.module.startsWith(p.prefix)) continue;
      for (const t of p.targets) {
        const star = t.indexOf('*');
        if (star < 0) continue;
        const [pre, post] = [t.slice(0, star), t.slice(star + 1)];
        if (stem.startsWith(pre) && stem.endsWith(post) && stem.length >= pre.length + post.length) return `${q}${p.prefix}${stem.slice(pre.length, stem.length - post.length)}${p.suffix}${q}`;
      }
    }
  }
  return `${q}${relativeSpecifier(ctx.file.path, canonical)}${q}`;
}

/** Why rewriting the statement's source would break it, or undefined when it is safe. */
function fixBlocker(ctx: RuleContext, c: Concept, imp: ImportFact): string | undefined {
  const provided = providedNames(ctx, c);
  if (imp.kind === 'import') {
    if (ctx.file.language !== 'python') return 'a require/import-equals needs a manual rewrite';
    if (!imp.names.every((n) => n.alias)) return `uses of the module's dotted name would break; rewrite them to ${c.canonicalModule}`;
    return undefined;
  }
  if (imp.kind === 'export-from' || imp.kind === 'require') return 'a re-export or require() needs a manual rewrite';
  const missing = imp.names.filter((n) => n.name === '*' || n.name === 'default' || !provided.has(n.name)).map((n) => n.name);
  if (missing.length) return `${c.canonicalModule} does not provide ${missing.join(', ')}`;
  return undefined;
}

/** Names the canonical module provides: configured symbols and exports, plus what the index saw defined there. */
function providedNames(ctx: RuleContext, c: Concept): Set<string> {
  const out = new Set(conceptNames(c));
  const file = canonicalFileOf(c, ctx.index);
  const outline = file ? ctx.index!.outline(file) : undefined;
  if (outline) {
    for (const cls of outline.classes) if (cls.parentClass === -1) out.add(cls.name);
    for (const fn of outline.functions) out.add(fn.name);
  }
  return out;
}

/** "Go to canonical definition": the symbol's definition in the canonical module, else the module's first line. */
function related(ctx: RuleContext, c: Concept, name?: string): RelatedLocation[] {
  const file = canonicalFileOf(c, ctx.index);
  if (!file || !ctx.index) return [];
  const def = name ? ctx.index.definitionsOf(name).find((d) => d.file === file) : undefined;
  if (def) return [{ file, range: definitionRange(def), message: `canonical definition of ${name}` }];
  return [{ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `canonical module of ${c.name}` }];
}
