/**
 * Runs the file rules over one file: text -> facts -> rules -> violations, with
 * suppressions and fingerprints applied. Every face (CLI, language server) calls
 * this, so the editor and CI cannot disagree.
 */
import type { FileFacts, Language, Suppression } from '../facts';
import type { ResolvedConfig, Severity } from '../config/types';
import type { Fix, ReportInput, Rule, RuleContext, SourceFile, Violation } from '../types';
import { extractPythonFacts, lazyPythonFacts } from '../lang/python/facts';
import { extractTsFacts } from '../lang/ts/facts';
import { createScope } from '../config/scope';
import { spanToRange } from '../text';
import { fingerprint } from './fingerprint';
import { allRules } from '../rules';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { FileOutline } from '../index/outline';
import { unusedSuppressions } from './unused-suppressions';
import { mergeOptions } from './options';
import { sourceFileOf } from './lazy-source';
import { lineStartsOf, suppressionsOf } from '../text';

export { mergeOptions };

export type Scope = ReturnType<typeof createScope>;

/** Everything the engine needs to know about a workspace. */
export interface Project {
  /** Absolute path of the workspace root. */
  root: string;
  config: ResolvedConfig;
  scope: Scope;
  rules: readonly Rule[];
  /**
   * The workspace index. With it, checkFile also runs workspace rules (duplicates,
   * canonical placement) against the other files' indexed facts; scanWorkspace builds it,
   * and a language server keeps it current with `index.update` / `index.remove`.
   */
  index?: WorkspaceIndex;
  /**
   * Record which index keys each rule read on each file (FileResult.indexReads), so a
   * re-check after another file changed re-runs only rules whose inputs moved. Costs
   * memory per result: an editor wants it, a one-shot CLI scan does not.
   */
  trackIndexReads?: boolean;
}

export interface InternalError {
  rule: string;
  message: string;
}

export interface FileResult {
  file: SourceFile;
  violations: Violation[];
  /** Violations hidden by a valid suppression comment. */
  suppressedCount: number;
  /** Suppressions that hid at least one violation (indices into facts.suppressions). */
  usedSuppressions: number[];
  /** A rule that threw: the file's other results are still complete. */
  internalErrors: InternalError[];
  /**
   * Rules that read the workspace index on this file (only they can change when another
   * file changes; see recheckDependent). Absent on results from the results cache.
   */
  indexRules?: string[];
  /** With project.trackIndexReads: the index epoch the rules ran at and the keys each index rule read. */
  indexReads?: { epoch: number; keys: Record<string, readonly string[]> };
}

export function createProject(root: string, config: ResolvedConfig, rules: readonly Rule[] = allRules): Project {
  return { root, config, scope: createScope(config), rules };
}

const EXTENSIONS: Record<string, Language> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

export function languageOf(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[path.slice(dot).toLowerCase()];
}

/**
 * Whether a file's outline needs definition shapes (see outlineOf): duplicate-definition
 * compares them, and counts production files it applies to only. A file this says no to
 * is never one of its copies, so its classes' shapes are never read.
 */
export function needsDefinitionShapes(project: Project, relPath: string): boolean {
  return project.scope.category(relPath) === 'real_system' && project.scope.ruleApplies('duplicate-definition', relPath);
}

export function extractFacts(path: string, text: string, language = languageOf(path), units?: Buffer): FileFacts {
  if (language === 'python') return extractPythonFacts(text, undefined, units);
  return extractTsFacts(text, path);
}

/** A SourceFile of this text; `facts` and `outline` when the caller already has them (else computed on use). */
export function makeSourceFile(project: Project, path: string, text: string, facts?: FileFacts, outline?: FileOutline): SourceFile {
  const lazy = !facts && languageOf(path) === 'python' && perProject(project).lazyFacts;
  return sourceFileOf(project, path, { text, facts: lazy ? lazyPythonFacts(text) : facts, outline });
}

/** Checks one file's text. `path` is POSIX and relative to the project root. */
export function checkFile(project: Project, path: string, text: string, facts?: FileFacts): FileResult {
  return checkSource(project, makeSourceFile(project, path, text, facts));
}

/**
 * A file's results from the rules that do not read the index (phase 1 of a scan, which
 * runs in worker threads next to the front end). Plain data: it crosses threads and is
 * cached per file. `complete` adds the index rules' findings.
 */
export interface LocalResult {
  violations: Violation[];
  suppressedCount: number;
  usedSuppressions: number[];
  /** Rules that ran to completion (only their suppressions can be judged unused). */
  ran: string[];
  internalErrors: InternalError[];
}

/** checkFile on a ready SourceFile (its text may be a lazy getter); `only` restricts the rules run. */
export function checkSource(project: Project, file: SourceFile, only?: ReadonlySet<string>): FileResult {
  return complete(project, file, checkLocal(project, file, only), only);
}

/** Phase 1: every applicable rule that does not read the index. */
export function checkLocal(project: Project, file: SourceFile, only?: ReadonlySet<string>): LocalResult {
  const pass = runRules(project, file, (r) => !r.meta.readsIndex && (!only || only.has(r.meta.id)));
  const done = finish(file, pass.raw);
  return { ...done, ran: [...pass.ran], internalErrors: pass.internalErrors };
}

/**
 * What phase 2 adds to a file's local result: the index rules' findings and the unused
 * suppressions (known only once every rule ran). Plain data, so a scan can keep it in its
 * cache for as long as the index it ran against is unchanged (see engine/scan.ts).
 */
export interface IndexAdditions {
  violations: Violation[];
  suppressedCount: number;
  /** Suppressions phase 2 used (local.usedSuppressions are not repeated). */
  usedSuppressions: number[];
  internalErrors: InternalError[];
  indexRules: string[];
  indexReads?: FileResult['indexReads'];
}

/**
 * Phase 2: the rules that read the index, on top of phase 1's result, then the unused
 * suppressions. Equal to running every rule at once: a rule runs in one phase only, and
 * findings are ordered by (offset, rule) either way. Index rules look at `file.outline`,
 * so a scan's phase 2 loads a file's text or facts only for the files they report on.
 */
export function complete(project: Project, file: SourceFile, local: LocalResult, only?: ReadonlySet<string>): FileResult {
  return combine(file, local, phaseTwo(project, file, local, only));
}

export function phaseTwo(project: Project, file: SourceFile, local: LocalResult, only?: ReadonlySet<string>): IndexAdditions {
  const pass = runRules(project, file, (r) => !!r.meta.readsIndex && (!only || only.has(r.meta.id)));
  const mine = finish(file, pass.raw);
  let { violations, suppressedCount, usedSuppressions } = mine;
  if (suppressionsOf(file).length) {
    const ran = new Set([...local.ran, ...pass.ran]);
    const extra = finish(file, unusedSuppressions(project, file, union(local.usedSuppressions, usedSuppressions), ran));
    violations = mergeSorted(violations, extra.violations);
    suppressedCount += extra.suppressedCount;
    usedSuppressions = union(usedSuppressions, extra.usedSuppressions);
  }
  const out: IndexAdditions = { violations, suppressedCount, usedSuppressions, internalErrors: pass.internalErrors, indexRules: pass.indexRules };
  if (pass.readKeys) {
    // Only the rules that touched the index matter; the others' keys are empty.
    const keys: Record<string, string[]> = {};
    for (const id of pass.indexRules) keys[id] = pass.readKeys[id] ?? [];
    out.indexReads = { epoch: pass.epoch, keys };
  }
  return out;
}

/**
 * A file's result from its two phases. Ties in (offset, rule) keep local findings first,
 * as one merge of local, index and unused-suppression findings in that order would.
 */
export function combine(file: SourceFile, local: LocalResult, added: IndexAdditions): FileResult {
  const result: FileResult = {
    file,
    violations: mergeSorted(local.violations, added.violations),
    suppressedCount: local.suppressedCount + added.suppressedCount,
    usedSuppressions: union(local.usedSuppressions, added.usedSuppressions).sort((x, y) => x - y),
    internalErrors: [...local.internalErrors, ...added.internalErrors],
    indexRules: added.indexRules,
  };
  if (added.indexReads) result.indexReads = added.indexReads;
  return result;
}

type Raw = { rule: string; severity: Severity; input: ReportInput };

interface Pass {
  raw: Raw[];
  ran: Set<string>;
  internalErrors: InternalError[];
  /** Rules that asked for the index on this file. */
  indexRules: string[];
  epoch: number;
  readKeys?: Record<string, string[]>;
}

/**
 * One rule's run on one file. A class, so a run costs one small object: as an object
 * literal, its `index` getter and `report` closure were allocated afresh for every rule on
 * every file (runRules was the largest allocation site of a full check of the stdlib).
 */
class RuleRun implements RuleContext {
  constructor(
    readonly file: SourceFile,
    readonly config: ResolvedConfig,
    readonly options: Record<string, unknown>,
    readonly knownRules: ReadonlySet<string>,
    private readonly pass: Pass,
    private readonly id: string,
    private readonly severity: Severity,
    readonly readsIndex: boolean,
    private readonly workspaceIndex: WorkspaceIndex | undefined,
  ) {}

  report(input: ReportInput): void {
    this.pass.raw.push({ rule: this.id, severity: input.severity ?? this.severity, input });
  }

  /** A getter, so the engine learns which rules' results depended on other files on this one. */
  get index(): WorkspaceIndex | undefined {
    if (!this.readsIndex) return undefined;
    const { indexRules } = this.pass;
    if (indexRules[indexRules.length - 1] !== this.id) indexRules.push(this.id);
    return this.workspaceIndex;
  }
}

function runRules(project: Project, file: SourceFile, wanted: (rule: Rule) => boolean): Pass {
  const path = file.path;
  const per = perProject(project);
  const index = project.index;
  const pass: Pass = { raw: [], ran: new Set(), internalErrors: [], indexRules: [], epoch: index?.epoch ?? 0 };
  if (project.trackIndexReads && index) pass.readKeys = {};
  for (const rule of project.rules) {
    const id = rule.meta.id;
    if (!wanted(rule)) continue;
    const setting = project.config.rules[id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off' || !rule.meta.languages.includes(file.language)) continue;
    if (!project.scope.ruleApplies(id, path)) continue;
    if (rule.meta.scope === 'workspace' && !index) continue;
    const ctx = new RuleRun(file, project.config, per.options(rule, setting?.options), per.knownRules, pass, id, severity, rule.meta.readsIndex === true, index);
    try {
      if (pass.readKeys && index && ctx.readsIndex) pass.readKeys[id] = index.recordReads(() => rule.check(ctx)).keys;
      else rule.check(ctx);
      pass.ran.add(id);
    } catch (err) {
      pass.internalErrors.push({ rule: id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return pass;
}

/** Both lists sorted by (offset, rule), as finish() sorts; stable, so equal keys keep their order. */
function mergeSorted(a: Violation[], b: Violation[]): Violation[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...a, ...b].sort((x, y) => x.span.start - y.span.start || x.rule.localeCompare(y.rule));
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return b.length === 0 ? [...a] : [...new Set([...a, ...b])];
}

interface PerProject {
  config: ResolvedConfig;
  rules: readonly Rule[];
  knownRules: Set<string>;
  /**
   * Extract Python facts on demand: a project running few rules (env-access alone) reads
   * few facts, often none that need tokens. With most rules every fact is read, and the
   * on-demand object cost ~10% of a full check (measured), so those get eager facts.
   */
  lazyFacts: boolean;
  options: (rule: Rule, given: Record<string, unknown> | undefined) => Record<string, unknown>;
}

/**
 * Rule ids and merged options depend only on the project's config and rules, yet were
 * rebuilt for every file (a measurable share of checking many small files). Cached per
 * project, and rebuilt whenever the project's config or rules object is replaced.
 */
const perProjectCache = new WeakMap<Project, PerProject>();

function perProject(project: Project): PerProject {
  const hit = perProjectCache.get(project);
  if (hit && hit.config === project.config && hit.rules === project.rules) return hit;
  const merged = new Map<Rule, { given: Record<string, unknown> | undefined; value: Record<string, unknown> }>();
  const entry: PerProject = {
    config: project.config,
    rules: project.rules,
    knownRules: new Set([...allRules, ...project.rules].map((r) => r.meta.id)),
    lazyFacts: project.rules.length * 2 < allRules.length,
    options: (rule, given) => {
      const m = merged.get(rule);
      if (m && m.given === given) return m.value;
      const value = mergeOptions(rule.meta.defaultOptions, given);
      merged.set(rule, { given, value });
      return value;
    },
  };
  perProjectCache.set(project, entry);
  return entry;
}

function finish(file: SourceFile, raw: Raw[]): Pick<FileResult, 'violations' | 'suppressedCount' | 'usedSuppressions'> {
  if (raw.length === 0) return { violations: [], suppressedCount: 0, usedSuppressions: [] };
  const suppressions = suppressionsOf(file);
  // Computed only for a finding without `at`: a scan's phase 2 then reads no text for the
  // files whose findings all name a definition (inheritance-depth's, most of them).
  let lineStarts: readonly number[] | undefined;
  const used = new Set<number>();
  const occurrences = new Map<string, number>();
  const violations: Violation[] = [];
  let suppressedCount = 0;
  raw.sort((a, b) => a.input.span.start - b.input.span.start || a.rule.localeCompare(b.rule));
  for (const { rule, severity, input } of raw) {
    const { at } = input;
    const range = at ? { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + input.span.end - input.span.start } } : spanToRange((lineStarts ??= lineStartsOf(file)), input.span);
    const by = findSuppression(suppressions, rule, range.start.line);
    if (by >= 0) {
      used.add(by);
      suppressedCount++;
      continue;
    }
    const code = at ? at.code.slice(0, 300) : file.text.slice(input.span.start, Math.min(input.span.end, input.span.start + 300));
    const key = `${rule}\0${code}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    violations.push({
      rule,
      severity,
      category: file.category,
      file: file.path,
      range,
      span: input.span,
      message: input.message,
      fingerprint: fingerprint(rule, file.path, code, n),
      fixes: input.fixes ?? [],
      noFixReason: input.noFixReason,
      related: input.related ?? [],
    });
  }
  return { violations, suppressedCount, usedSuppressions: [...used].sort((a, b) => a - b) };
}

/** A suppression counts only with a rule id and a reason; invalid ones are reported by `invalid-suppression`. */
export function isValidSuppression(s: Suppression): boolean {
  return s.rules.length > 0 && s.reason.length > 0;
}

function findSuppression(suppressions: readonly Suppression[], rule: string, line: number): number {
  for (let i = 0; i < suppressions.length; i++) {
    const s = suppressions[i];
    if (!isValidSuppression(s) || !s.rules.includes(rule)) continue;
    if (s.scope === 'file' || s.targetLine === line) return i;
  }
  return -1;
}

/** The fixes `--fix` and fix-all apply: the safe ones. */
export function safeFixOf(v: Violation): Fix | undefined {
  return v.fixes.find((f) => f.safe);
}
