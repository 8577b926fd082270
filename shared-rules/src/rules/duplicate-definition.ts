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
import { definitionRange, type SymbolDefinition } from '../index/definitions';
import { classShape, classSpanWithDecorators, type OutlineClass } from '../index/outline';
import { pythonModuleNames } from '../index/resolve';
import { addPythonImport, relativeSpecifier } from '../fix/imports';
import { nameFinding, wholeLines } from './util';

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
    readsIndex: true,
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
    const allow = allowOf(o);
    file.outline.classes.forEach((cls, i) => {
      if (cls.parentClass !== -1 || cls.inFunction || !kinds.includes(cls.kind) || allow.some((a) => a.test(cls.name))) return;
      const defs = index.definitionsOf(cls.name);
      if (defs.length < 2) return;
      const group = groupOf(o, eligible(o, defs, py, kinds, counts), rootOf(o, file.path));
      if (group.files.length - (group.byFile.has(file.path) ? 1 : 0) === 0) return;
      report(ctx, o, cls, i, group);
    });
  },
};

/** The `allow` patterns, compiled once per options object (the same for every file of a scan). */
const allowMemo = new WeakMap<Options, RegExp[]>();

function allowOf(o: Options): RegExp[] {
  let out = allowMemo.get(o);
  if (!out) allowMemo.set(o, (out = o.allow.map((a) => new RegExp(a))));
  return out;
}

/**
 * The definitions of a name that can be copies of each other, per (options, definitions
 * list): the index returns the same list object until the name's definitions change, and a
 * name defined in a thousand files is asked for a thousand times.
 */
const eligibleMemo = new WeakMap<Options, WeakMap<readonly SymbolDefinition[], Map<string, SymbolDefinition[]>>>();

function eligible(o: Options, defs: readonly SymbolDefinition[], py: boolean, kinds: string[], counts: (path: string) => boolean): SymbolDefinition[] {
  let byList = eligibleMemo.get(o);
  if (!byList) eligibleMemo.set(o, (byList = new WeakMap()));
  let byKinds = byList.get(defs);
  if (!byKinds) byList.set(defs, (byKinds = new Map()));
  const key = `${py}\0${kinds.join(',')}`;
  let out = byKinds.get(key);
  if (!out) byKinds.set(key, (out = defs.filter((d) => d.kind !== 'function' && sameLanguage(d.file, py) && kinds.includes(d.kind) && counts(d.file))));
  return out;
}

/**
 * The copies a file under `root` is compared with (a file under another independent root
 * is legitimately apart), with their distinct files and the copy to keep: per eligible
 * list and root, so each of a thousand copies costs a lookup, not a pass over the others.
 */
interface Group {
  defs: SymbolDefinition[];
  files: string[];
  /** First definition per file. */
  byFile: Map<string, SymbolDefinition>;
  keep: string;
}

const groupMemo = new WeakMap<SymbolDefinition[], Map<string, Group>>();

function groupOf(o: Options, list: SymbolDefinition[], root: string | undefined): Group {
  let byRoot = groupMemo.get(list);
  if (!byRoot) groupMemo.set(list, (byRoot = new Map()));
  const key = root ?? '';
  let g = byRoot.get(key);
  if (!g) {
    const defs =
      root === undefined
        ? list
        : list.filter((d) => {
            const r = rootOf(o, d.file);
            return r === undefined || r === root;
          });
    const byFile = new Map<string, SymbolDefinition>();
    for (const d of defs) if (!byFile.has(d.file)) byFile.set(d.file, d);
    const files = [...byFile.keys()];
    g = { defs, files, byFile, keep: files.length ? chooseCanonical(o, files) : '' };
    byRoot.set(key, g);
  }
  return g;
}

/** Related locations listed per finding: the message counts every copy; an editor needs the first few, not a thousand. */
export const MAX_RELATED = 20;

/**
 * Whether a file's definitions count, per (options, scope) and path: every class of every
 * file asks about every other copy of its name, so a common name would otherwise re-run
 * the scope's and ignoreFiles' patterns quadratically (measured: most of a warm scan).
 */
const countedMemo = new WeakMap<Options, { scope: unknown; paths: Map<string, boolean> }>();

function counted(ctx: RuleContext, o: Options, path: string): boolean {
  const scope = ctx.index?.options.scope;
  if (!scope) return path === ctx.file.path && ctx.file.category === 'real_system';
  let memo = countedMemo.get(o);
  if (!memo || memo.scope !== scope) countedMemo.set(o, (memo = { scope, paths: new Map() }));
  let yes = memo.paths.get(path);
  if (yes === undefined) {
    yes = scope.category(path) === 'real_system' && scope.ruleApplies('duplicate-definition', path) && !o.ignoreFiles.some((g) => globMatch(g, path));
    memo.paths.set(path, yes);
  }
  return yes;
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

function report(ctx: RuleContext, o: Options, cls: OutlineClass, classIndex: number, group: Group): void {
  const { file } = ctx;
  const mine = group.byFile.has(file.path);
  const copyCount = group.files.length - (mine ? 1 : 0);
  const firstCopies: string[] = [];
  for (const f of group.files) {
    if (firstCopies.length === 3) break;
    if (f !== file.path) firstCopies.push(f);
  }
  const kind = cls.kind === 'type' ? 'Type alias' : cls.kind === 'interface' ? 'Interface' : 'Class';
  const related: RelatedLocation[] = [];
  for (const d of group.defs) {
    if (related.length === MAX_RELATED) break;
    if (d.file !== file.path) related.push({ file: d.file, range: definitionRange(d), message: `${cls.name} is also defined here` });
  }
  const list = copyCount > 3 ? `${firstCopies.join(', ')} and ${copyCount - 3} more` : firstCopies.join(', ');
  const message = `${kind} ${cls.name} is also defined in ${list} (${copyCount + 1} copies): keep one definition and import it`;
  const keep = mine ? group.keep : chooseCanonical(o, [file.path, ...group.files]);
  const at = nameFinding(cls);
  if (keep === file.path) {
    return ctx.report({ ...at, message: `${message}; this is the copy to keep`, related, noFixReason: 'this is the copy the others should import' });
  }
  // The fix deletes this copy in favour of the kept one: only when they are the same code.
  // Shapes are computed here, for the copies compared (see OutlineClass.shape); one that
  // cannot be had (its file changed since it was indexed) never counts as the same.
  const keptShape = ctx.index!.shapeOf(group.byFile.get(keep)!);
  const ownShape = cls.shape || classShape(file.text, cls);
  const why =
    keptShape === undefined ? `the copy in ${keep} could not be read to compare it with this one; merge them by hand`
    : ownShape === undefined ? `this file changed since it was read, so it could not be compared with the copy in ${keep}; merge them by hand`
    : keptShape !== ownShape ? `it differs from the copy in ${keep}; merge them by hand`
    : undefined;
  if (why) return ctx.report({ ...at, message: `${message} (no automatic fix: ${why})`, related, noFixReason: why });
  // Building the edit needs the whole class fact, which only the file's full facts hold.
  const edits = replacementEdits(ctx, file.facts.classes[classIndex], keep);
  if (typeof edits === 'string') return ctx.report({ ...at, message: `${message} (no automatic fix: ${edits})`, related, noFixReason: edits });
  ctx.report({ ...at, message, related, fixes: [{ title: `Delete this copy and import ${cls.name} from ${keep}`, edits, safe: true, preferred: true }] });
}

/** The copy to keep: one under a preferred root (in order), else the shortest path, else code-unit order. */
/** The copy to keep: the first preferred root, then the shortest path, then code-unit order (a linear scan: a name may have a thousand copies). */
export function chooseCanonical(o: Options, files: string[]): string {
  const rank = (f: string) => {
    const i = o.preferredRoots.findIndex((r) => f.startsWith(`${r}/`));
    return i < 0 ? o.preferredRoots.length : i;
  };
  let best = files[0];
  let bestRank = rank(best);
  for (let i = 1; i < files.length; i++) {
    const f = files[i];
    const r = rank(f);
    if (r < bestRank || (r === bestRank && (f.length < best.length || (f.length === best.length && f < best)))) {
      best = f;
      bestRank = r;
    }
  }
  return best;
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
