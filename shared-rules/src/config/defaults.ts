import { allRules } from '../rules';
import type { Severity } from './types';

/**
 * Built-in defaults shared by every preset.
 *
 * DEFAULT_EXCLUDES are always applied by the scope (src/config/scope.ts), whatever the
 * preset or the user's `exclude` says: a user `exclude` only adds to them. They are kept
 * out of ResolvedConfig.exclude on purpose, so a hand-built ResolvedConfig (tests, the
 * language server's fallback) can never forget them.
 *
 * Each entry is a minimatch glob matched with `{ dot: true }` against POSIX paths relative
 * to the workspace root; a pattern ending in `/**` also lets the walker prune the whole
 * directory before reading it, which is where most of the scan time on a big monorepo goes.
 */
export const DEFAULT_EXCLUDES: readonly string[] = [
  // Third-party JS packages: huge, not ours, and never the place to fix an SSOT violation.
  '**/node_modules/**',
  // Dot-directories: .git (object store), .idea/.vscode (editor state), .pytest_cache,
  // .mypy_cache, .terraform, .turbo... Tool state, never source. Dot-*files* such as
  // `.eslintrc.js` are still checked.
  '**/.*/**',
  // Virtualenvs and installed Python packages. A folder named `env` is only a virtualenv
  // when it holds pyvenv.cfg; checking that for every folder costs a stat each, and `env`
  // is also a legitimate package name, so it is deliberately NOT excluded (the reference
  // checker's `env` substring skip is what dropped `environment.py`).
  '**/venv/**',
  '**/.venv/**', // also covered by `**/.*/**`; listed so the intent survives edits above
  '**/virtualenv/**',
  '**/site-packages/**',
  '**/.tox/**',
  '**/.nox/**',
  // Bytecode caches: generated, and their names mirror real modules.
  '**/__pycache__/**',
  // Build output: copies or bundles of the real sources; checking them double-counts
  // every violation and their fixes would be overwritten by the next build.
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/coverage/**',
  '**/*.egg-info/**',
  // Snapshot folders (`backup/`, `backups/`, `backup_2024/`): in the audited monorepo they
  // hold 65% of the files the reference checker flagged (spec 2.3, 11.8): stale copies
  // whose violations nobody will ever fix.
  '**/backup*/**',
];

/** Files the default presets check: every Python and TS/JS source file. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.{py,ts,tsx,js,jsx,mjs,cjs}'];

/**
 * Test files by the conventions of pytest and jest/vitest/mocha. This is the reference
 * checker's `is_test_file` (spec 2.2) without its substring bugs: whole basenames and whole
 * directory components only, and a root-level `tests/` counts too.
 */
export const DEFAULT_TEST_FILES: readonly string[] = [
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
  '**/tests/**',
  '**/test/**',
  '**/__tests__/**',
  '**/*.test.*',
  '**/*.spec.*',
];

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Rule ids, default severities and default options come from the rule files themselves
 * (one rule = one file); the schema repeats them for editors and a test keeps the two equal.
 */
export const KNOWN_RULES: readonly string[] = allRules.map((r) => r.meta.id);
export type KnownRuleId = string;

export const DEFAULT_SEVERITY: Readonly<Record<string, Severity>> = Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity]));

/**
 * Rules whose natural scope is "test files only". Their preset `include` is the preset's
 * testFiles; when a user overrides `testFiles` but not the rule's own `include`, the rule
 * follows the user's definition (load.ts), so the two can never disagree.
 */
export const TEST_SCOPED_RULES: ReadonlySet<string> = new Set(['test-base-class', 'test-file-size']);

/**
 * Default options per rule: the audited monorepo's canonical APIs (spec 7.1, 7.2, 7.4) and
 * thresholds (spec 3.1, 3.3, 3.9), as each rule declares them.
 */
export function defaultRuleOptions(): Record<string, Record<string, unknown>> {
  // A deep copy, not the metas' objects: callers merge into these, and a shared mutable
  // default would leak one config's options into the next.
  return Object.fromEntries(allRules.map((r) => [r.meta.id, structuredClone(r.meta.defaultOptions)]));
}
