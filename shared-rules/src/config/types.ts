/**
 * The configuration model. `ssot-lint.json` (validated by schema/ssot-lint.schema.json)
 * is merged over a preset (`netra` by default) into a ResolvedConfig, which is what the
 * engine reads. Everything project-specific lives here, never in rule code.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOrOff = Severity | 'off';

/** What `ssot-lint.json` may say about one rule. */
export type RuleSetting =
  | SeverityOrOff
  | {
      severity?: SeverityOrOff;
      /** minimatch globs (relative to the workspace root) the rule applies to; default: every checked file. */
      include?: string[];
      /** minimatch globs the rule skips. */
      exclude?: string[];
      /** Rule-specific options; each rule documents and validates its own. */
      options?: Record<string, unknown>;
    };

/** The raw file as users write it. */
export interface UserConfig {
  $schema?: string;
  /** Preset to start from: `netra` (default) or `none`. */
  extends?: 'netra' | 'none';
  /** Files to check (globs); default: every .py/.ts/.tsx/.js/.jsx/.mjs/.cjs file. */
  include?: string[];
  /** Extra excludes, added to the defaults (node_modules, .git, virtualenvs, build output, backup*). */
  exclude?: string[];
  /** Python import roots (folders that are on sys.path), used to compute module names. Default ["."]. */
  sourceRoots?: string[];
  /** Globs of production code: the `real_system` score category. */
  productionCode?: string[];
  /** Globs of test files: the `test_files` category and the test rules' scope. */
  testFiles?: string[];
  /** Lowest severity that makes `ssot-lint check` exit 1. Default `warning`. */
  failOn?: Severity;
  /** Files larger than this are skipped (bytes). Default 2 MB. */
  maxFileBytes?: number;
  rules?: Record<string, RuleSetting>;
}

export interface ResolvedRuleConfig {
  severity: SeverityOrOff;
  include: string[];
  exclude: string[];
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** Where the config came from: a file path, or `preset:netra` when no file exists. */
  source: string;
  preset: 'netra' | 'none';
  include: string[];
  exclude: string[];
  sourceRoots: string[];
  productionCode: string[];
  testFiles: string[];
  failOn: Severity;
  maxFileBytes: number;
  rules: Record<string, ResolvedRuleConfig>;
}

/** A config problem, located in the config file (1-based line/column for humans; offsets for editors). */
export interface ConfigError {
  file: string;
  /** JSON pointer of the offending value, e.g. `/rules/env-access/severity`. */
  path: string;
  message: string;
  line: number;
  column: number;
  start: number;
  end: number;
}
