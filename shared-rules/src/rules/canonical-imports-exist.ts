/**
 * canonical-imports-exist: every concept's canonical module (canonical-module's
 * `concepts`) exists and defines its canonical symbols; otherwise every fix that points
 * people there is wrong. A missing module is reported only when some file imports from it
 * (or from a forbidden source of the concept): a preset concept the workspace does not
 * have breaks nothing. Where it is reported:
 * - a canonical module that does not exist: on the config file (ssot-lint.json) when there
 *   is one, at the concept's `canonicalModule` value; with the built-in preset, at line 1
 *   of the path where the module is expected (the file to create);
 * - a canonical module missing a symbol: at line 1 of that module, where the fix belongs.
 */
import type { Rule, RuleContext, WorkspaceRuleContext } from '../types';
import { mergeOptions } from '../engine/options';
import { canonicalModule } from './canonical-module';
import { canonicalFileOf, canonicalPathGuess, conceptIsTs, conceptsOf, importTarget, importsCanonical, importsForbidden, isCanonicalFile, type Concept } from './concepts';
import { firstLineSpan } from './util';

export const canonicalImportsExist: Rule = {
  meta: {
    id: 'canonical-imports-exist',
    tag: 'architecture',
    summary: 'Each configured canonical module exists and defines its canonical symbols.',
    defaultSeverity: 'error',
    languages: ['python', 'typescript', 'javascript'],
    fixable: false,
    defaultOptions: {},
  },
  check(ctx) {
    for (const c of concepts(ctx)) {
      if (!isCanonicalFile(c, ctx.file.path, ctx.config.sourceRoots)) continue;
      const missing = missingSymbols(c, ctx.file.facts);
      if (missing.length) ctx.report({ span: firstLineSpan(ctx.file), message: `Canonical module of ${c.name} does not define ${missing.join(', ')}` });
    }
  },
  checkWorkspace(ctx) {
    for (const c of concepts(ctx)) {
      // A missing module nobody refers to breaks nothing (a preset concept the workspace does not have).
      if (canonicalFileOf(c, ctx.index) || !referenced(ctx, c)) continue;
      const expected = canonicalPathGuess(c, ctx.config.sourceRoots);
      const message = `Canonical module ${c.canonicalModule} of ${c.name} does not exist${conceptIsTs(c) ? '' : ` (expected at ${expected})`}: every import pointing there is broken`;
      if (ctx.configFile) {
        const at = ctx.configText.indexOf(JSON.stringify(c.canonicalModule));
        ctx.report({ file: ctx.configFile, text: ctx.configText, span: at < 0 ? { start: 0, end: 0 } : { start: at, end: at + JSON.stringify(c.canonicalModule).length }, message });
      } else ctx.report({ file: expected, text: '', span: { start: 0, end: 0 }, message });
    }
  },
};

/** Does any file import from the canonical module or a forbidden source of the concept? */
function referenced(ctx: WorkspaceRuleContext, c: Concept): boolean {
  const roots = ctx.config.sourceRoots;
  for (const file of ctx.index.paths()) {
    if (c.forbiddenFiles.includes(file)) return true;
    const outline = ctx.index.outline(file)!;
    if ((outline.language === 'python') === conceptIsTs(c)) continue;
    for (const imp of outline.imports) {
      const t = importTarget(file, outline.language, imp, roots, ctx.index);
      if (importsCanonical(c, t, imp) || importsForbidden(c, t)) return true;
    }
  }
  return false;
}

/** The concepts come from canonical-module's options, whatever that rule's severity (once per config: this rule runs on every file). */
const conceptsByConfig = new WeakMap<object, Concept[]>();

function concepts(ctx: RuleContext | WorkspaceRuleContext): Concept[] {
  let out = conceptsByConfig.get(ctx.config);
  if (!out) {
    const setting = ctx.config.rules[canonicalModule.meta.id];
    conceptsByConfig.set(ctx.config, (out = conceptsOf(mergeOptions(canonicalModule.meta.defaultOptions, setting?.options)).filter((c) => c.canonicalModule)));
  }
  return out;
}

function missingSymbols(c: Concept, facts: RuleContext['file']['facts']): string[] {
  const provided = new Set<string>();
  for (const cls of facts.classes) if (cls.parentClass === -1) provided.add(cls.name);
  for (const fn of facts.functions) if (fn.classIndex === -1 && fn.parentFunction === -1) provided.add(fn.name);
  // A canonical module may re-export a symbol it imports from an implementation module.
  for (const imp of facts.imports) for (const n of imp.names) provided.add(n.alias ?? n.name);
  return c.symbols.filter((s) => !provided.has(s));
}
