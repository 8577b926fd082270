/**
 * Runs the file rules over one file: text -> facts -> rules -> violations, with
 * suppressions and fingerprints applied. Every face (CLI, language server) calls
 * this, so the editor and CI cannot disagree.
 */
import type { FileFacts, Language, Suppression } from '../facts';
import type { ResolvedConfig, Severity } from '../config/types';
import type { Fix, ReportInput, Rule, SourceFile, Violation } from '../types';
import { extractPythonFacts } from '../lang/python/facts';
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
    facts: facts ?? extractFacts(path, text, language),
    category: project.scope.category(path),
    isTest: project.scope.isTestFile(path),
  };
}

/** Checks one file's text. `path` is POSIX and relative to the project root. */
export function checkFile(project: Project, path: string, text: string, facts?: FileFacts): FileResult {
  const file = makeSourceFile(project, path, text, facts);
  const raw: { rule: string; severity: Severity; input: ReportInput }[] = [];
  const internalErrors: InternalError[] = [];
  const knownRules = new Set([...allRules, ...project.rules].map((r) => r.meta.id));
  /** Rules that ran to completion on this file: only their suppressions can be judged unused. */
  const ran = new Set<string>();
  for (const rule of project.rules) {
    const id = rule.meta.id;
    const setting = project.config.rules[id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off' || !rule.meta.languages.includes(file.language)) continue;
    if (!project.scope.ruleApplies(id, path)) continue;
    if (rule.meta.scope === 'workspace' && !project.index) continue;
    try {
      rule.check({
        file,
        config: project.config,
        options: mergeOptions(rule.meta.defaultOptions, setting?.options),
        knownRules,
        report: (input) => raw.push({ rule: id, severity: input.severity ?? severity, input }),
        index: project.index,
      });
      ran.add(id);
    } catch (err) {
      internalErrors.push({ rule: id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  const result = finish(file, raw, internalErrors);
  if (file.facts.suppressions.length === 0) return result;
  // Whether a suppression was used is only known once every other rule has run.
  const extra = unusedSuppressions(project, file, result.usedSuppressions, ran);
  return extra.length ? finish(file, [...raw, ...extra], internalErrors) : result;
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
