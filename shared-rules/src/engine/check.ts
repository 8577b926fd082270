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
import { unusedSuppressions } from './unused-suppressions';
import { mergeOptions } from './options';

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

export function extractFacts(path: string, text: string, language = languageOf(path)): FileFacts {
  if (language === 'python') return extractPythonFacts(text);
  return extractTsFacts(text, path);
}

export function makeSourceFile(project: Project, path: string, text: string, facts?: FileFacts): SourceFile {
  const language = languageOf(path) ?? 'python';
  return {
    path,
    text,
    language,
    facts: facts ?? (language === 'python' && perProject(project).lazyFacts ? lazyPythonFacts(text) : extractFacts(path, text, language)),
    category: project.scope.category(path),
    isTest: project.scope.isTestFile(path),
  };
}

/** Checks one file's text. `path` is POSIX and relative to the project root. */
export function checkFile(project: Project, path: string, text: string, facts?: FileFacts): FileResult {
  return checkSource(project, makeSourceFile(project, path, text, facts));
}

/**
 * Every rule id seen reading the index on any file in this process. A rule absent here
 * read it on no file, so its result on any file is independent of other files: a safe
 * stand-in for a result's own indexRules when the caller did not keep them.
 */
const observedIndexRules = new Set<string>();

export function rulesSeenReadingIndex(): ReadonlySet<string> {
  return observedIndexRules;
}

/** checkFile on a ready SourceFile (its text may be a lazy getter); `only` restricts the rules run. */
export function checkSource(project: Project, file: SourceFile, only?: ReadonlySet<string>): FileResult {
  const path = file.path;
  const raw: { rule: string; severity: Severity; input: ReportInput }[] = [];
  const internalErrors: InternalError[] = [];
  const per = perProject(project);
  const knownRules = per.knownRules;
  /** Rules that ran to completion on this file: only their suppressions can be judged unused. */
  const ran = new Set<string>();
  const indexRules: string[] = [];
  const epoch = project.index?.epoch ?? 0;
  const readKeys: Record<string, string[]> | undefined = project.trackIndexReads && project.index ? {} : undefined;
  for (const rule of project.rules) {
    const id = rule.meta.id;
    if (only && !only.has(id)) continue;
    const setting = project.config.rules[id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off' || !rule.meta.languages.includes(file.language)) continue;
    if (!project.scope.ruleApplies(id, path)) continue;
    if (rule.meta.scope === 'workspace' && !project.index) continue;
    const ctx: RuleContext = {
      file,
      config: project.config,
      options: per.options(rule, setting?.options),
      knownRules,
      report: (input) => raw.push({ rule: id, severity: input.severity ?? severity, input }),
      // A getter, so the engine learns which rules' results depend on other files.
      get index() {
        if (indexRules[indexRules.length - 1] !== id) {
          indexRules.push(id);
          observedIndexRules.add(id);
        }
        return project.index;
      },
    };
    try {
      if (readKeys && project.index) readKeys[id] = project.index.recordReads(() => rule.check(ctx)).keys;
      else rule.check(ctx);
      ran.add(id);
    } catch (err) {
      internalErrors.push({ rule: id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  const result = finish(file, raw, internalErrors);
  result.indexRules = indexRules;
  if (readKeys) {
    // Only the rules that touched the index matter; the others' keys are empty.
    const keys: Record<string, string[]> = {};
    for (const id of indexRules) keys[id] = readKeys[id] ?? [];
    result.indexReads = { epoch, keys };
  }
  if (file.facts.suppressions.length === 0) return result;
  // Whether a suppression was used is only known once every other rule has run.
  const extra = unusedSuppressions(project, file, result.usedSuppressions, ran);
  return extra.length ? { ...finish(file, [...raw, ...extra], internalErrors), indexRules, indexReads: result.indexReads } : result;
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

function finish(
  file: SourceFile,
  raw: { rule: string; severity: Severity; input: ReportInput }[],
  internalErrors: InternalError[],
): FileResult {
  const { lineStarts, suppressions } = file.facts;
  const used = new Set<number>();
  const occurrences = new Map<string, number>();
  const violations: Violation[] = [];
  let suppressedCount = 0;
  raw.sort((a, b) => a.input.span.start - b.input.span.start || a.rule.localeCompare(b.rule));
  for (const { rule, severity, input } of raw) {
    const range = spanToRange(lineStarts, input.span);
    const by = findSuppression(suppressions, rule, range.start.line);
    if (by >= 0) {
      used.add(by);
      suppressedCount++;
      continue;
    }
    const code = file.text.slice(input.span.start, Math.min(input.span.end, input.span.start + 300));
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
  return { file, violations, suppressedCount, usedSuppressions: [...used].sort((a, b) => a - b), internalErrors };
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
