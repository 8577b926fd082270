/**
 * duplicate-definition: the same class (Python) or interface / type alias / class (TS,
 * including `extends`, generic and `declare` forms) defined at module level in more than
 * one production module. Each copy is reported with related locations to every other copy.
 * When the copies are identical up to whitespace, the fix on a non-chosen copy deletes it
 * and imports the chosen one (re-exporting it in TS when the copy was exported, so the
 * copy's own importers keep working); when they differ there is no fix, and it says so.
 */
import type { ClassFact } from '../facts';
import type { OffsetEdit, RelatedLocation, Rule, RuleContext } from '../types';
import { spanToRange } from '../text';
import { classSpanWithDecorators, definitionShape, type SymbolDefinition } from '../index/workspace-index';
import { pythonModuleNames } from '../index/resolve';
import { addPythonImport, relativeSpecifier } from '../fix/imports';
import { wholeLines } from './util';

interface Options {
  pythonKinds: string[];
  typescriptKinds: string[];
  /** Regular expressions of names never reported. */
  allow: string[];
  /** Globs of files whose definitions never count (examples, legacy copies). */
  ignoreFiles: string[];
  /** Copies in different roots of this list are legitimate (independent services own their types). */
  independentRoots: string[];
  /** Roots whose copy is chosen as the one to keep, in order (then the shortest path). */
  preferredRoots: string[];
}

export const duplicateDefinition: Rule = {
  meta: {
    id: 'duplicate-definition',
    tag: 'architecture',
    summary: 'A class, interface or type alias is defined in one production module only.',
    defaultSeverity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    fixable: true,
    scope: 'workspace',
    defaultOptions: {
      pythonKinds: ['class'],
      typescriptKinds: ['interface', 'type', 'class'],
      allow: ['^_'],
      ignoreFiles: ['**/*example*/**', '**/*demo*/**', '**/*sample*/**', '**/*_old.*', '**/*_legacy*', '**/*.d.ts'],
      independentRoots: ['netra_backend', 'auth_service', 'frontend'],
      preferredRoots: ['shared'],
    },
  },
  check(ctx) {
    const { file, index } = ctx;
    if (!index) return;
    const o = ctx.options as unknown as Options;
    const counts = (path: string) => counted(ctx, o, path);
    if (!counts(file.path)) return;
    const py = file.language === 'python';
    const kinds = py ? o.pythonKinds : o.typescriptKinds;
    const allow = o.allow.map((a) => new RegExp(a));
    const fnSpans = file.facts.functions.map((f) => f.span);
    file.facts.classes.forEach((cls, i) => {
      if (cls.parentClass !== -1 || !kinds.includes(cls.kind) || allow.some((a) => a.test(cls.name))) return;
      if (fnSpans.some((s) => s.start < cls.span.start && cls.span.end <= s.end)) return;
      const others = index
        .definitionsOf(cls.name)
        .filter((d) => d.file !== file.path && d.kind !== 'function' && sameLanguage(d.file, py) && kinds.includes(d.kind) && counts(d.file) && !legitimateApart(o, file.path, d.file));
      if (others.length === 0) return;
      report(ctx, o, cls, i, others);
    });
  },
};

function counted(ctx: RuleContext, o: Options, path: string): boolean {
  const scope = ctx.index?.options.scope;
  if (!scope) return path === ctx.file.path && ctx.file.category === 'real_system';
  if (scope.category(path) !== 'real_system' || !scope.ruleApplies('duplicate-definition', path)) return false;
  return !o.ignoreFiles.some((g) => globMatch(g, path));
}

const globCache = new Map<string, RegExp>();
function globMatch(glob: string, path: string): boolean {
  let re = globCache.get(glob);
  if (!re) {
    // The few shapes these options use: `**/`, `*`, literal text.
    const src = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*');
    globCache.set(glob, (re = new RegExp(`^${src}$`)));
  }
  return re.test(path);
}

const sameLanguage = (path: string, py: boolean) => /\.pyi?$/.test(path) === py;

function rootOf(o: Options, path: string): string | undefined {
  return o.independentRoots.find((r) => path === r || path.startsWith(`${r}/`));
}

function legitimateApart(o: Options, a: string, b: string): boolean {
  const ra = rootOf(o, a);
  const rb = rootOf(o, b);
  return ra !== undefined && rb !== undefined && ra !== rb;
}

function report(ctx: RuleContext, o: Options, cls: ClassFact, classIndex: number, others: SymbolDefinition[]): void {
  const { file, index } = ctx;
  const copies = [...new Set(others.map((d) => d.file))];
  const kind = cls.kind === 'type' ? 'Type alias' : cls.kind === 'interface' ? 'Interface' : 'Class';
  const related: RelatedLocation[] = others.map((d) => ({
    file: d.file,
    range: spanToRange(index!.facts(d.file)!.lineStarts, d.span),
    message: `${cls.name} is also defined here`,
  }));
  const list = copies.length > 3 ? `${copies.slice(0, 3).join(', ')} and ${copies.length - 3} more` : copies.join(', ');
  const message = `${kind} ${cls.name} is also defined in ${list} (${copies.length + 1} copies): keep one definition and import it`;
  const keep = chooseCanonical(o, [file.path, ...copies]);
  if (keep === file.path) {
    return ctx.report({ span: cls.nameSpan, message: `${message}; this is the copy to keep`, related, noFixReason: 'this is the copy the others should import' });
  }
  const keepDef = others.find((d) => d.file === keep)!;
  const mine = definitionShape(file.text, classSpanWithDecorators(cls));
  if (keepDef.shape === undefined || keepDef.shape !== mine) {
    const why = keepDef.shape === undefined ? `the copy in ${keep} has not been indexed with its text` : `it differs from the copy in ${keep}; merge them by hand`;
    return ctx.report({ span: cls.nameSpan, message: `${message} (no automatic fix: ${why})`, related, noFixReason: why });
  }
  const edits = replacementEdits(ctx, cls, keep);
  if (typeof edits === 'string') return ctx.report({ span: cls.nameSpan, message: `${message} (no automatic fix: ${edits})`, related, noFixReason: edits });
  void classIndex;
  ctx.report({ span: cls.nameSpan, message, related, fixes: [{ title: `Delete this copy and import ${cls.name} from ${keep}`, edits, safe: true, preferred: true }] });
}

/** The copy to keep: one under a preferred root (in order), else the shortest path, else code-unit order. */
export function chooseCanonical(o: Options, files: string[]): string {
  const rank = (f: string) => {
    const i = o.preferredRoots.findIndex((r) => f.startsWith(`${r}/`));
    return i < 0 ? o.preferredRoots.length : i;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
}

function replacementEdits(ctx: RuleContext, cls: ClassFact, keep: string): OffsetEdit[] | string {
  const { file } = ctx;
  const lines = wholeLines(file.text, classSpanWithDecorators(cls), /^[ \t;]*$/);
  if (!lines) return 'the definition shares its lines with other code';
  // Blank lines that separated the definition from what follows go with it, when it was separated above too.
  let end = lines.end;
  const blankBefore = /(^|\n)[ \t]*\r?\n$/.test(file.text.slice(0, lines.start));
  if (blankBefore) for (let m = /^[ \t]*\r?\n/.exec(file.text.slice(end)); m; m = /^[ \t]*\r?\n/.exec(file.text.slice(end))) end += m[0].length;
  const remove: OffsetEdit = { start: lines.start, end, newText: '' };
  if (file.language === 'python') {
    const module = pythonModuleNames(keep, ctx.config.sourceRoots)[0];
    if (!module) return `${keep} is not inside a configured source root`;
    const add = addPythonImport(file.facts, file.text, module, cls.name);
    if (add.start > lines.start && add.start < end) return 'the import would land inside the deleted definition';
    return [remove, add];
  }
  const spec = relativeSpecifier(file.path, keep);
  const typeOnly = cls.kind !== 'class' ? 'type ' : '';
  const exportLine = cls.exported ? `${file.facts.eol}export ${typeOnly}{ ${cls.name} };` : '';
  const at = file.facts.importInsertOffset;
  if (at > lines.start && at < end) return 'the import would land inside the deleted definition';
  return [remove, { start: at, end: at, newText: `import ${typeOnly}{ ${cls.name} } from '${spec}';${exportLine}${file.facts.eol}` }];
}
