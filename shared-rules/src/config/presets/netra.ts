/**
 * The `netra` preset: the audited monorepo (`netra_backend/`, `auth_service/`, `shared/`,
 * `test_framework/`, `frontend/`), as described in the reference spec sections 2, 3 and 7.
 * It is what ssot-lint uses when a workspace has no `ssot-lint.json`.
 *
 * Deliberate differences from the reference checker (spec 2.1, 2.2):
 * - every .py/.ts/.tsx/.js/.jsx/.mjs/.cjs file is checked, not only the target folders, and
 *   nothing is skipped by substring (`frontend/lib/**`, `calibration.py`, `environment.py`,
 *   `builder.py`, `distributed.py` are all checked);
 * - test files are recognised by whole basenames and directory components, and a root-level
 *   `tests/` counts (`tests/conftest.py` is a test file);
 * - `test_framework/` is neither production code nor tests: it is the `other` category.
 */
import {
  DEFAULT_INCLUDE,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_SEVERITY,
  DEFAULT_TEST_FILES,
  KNOWN_RULES,
  TEST_SCOPED_RULES,
  defaultRuleOptions,
} from '../defaults';
import type { ResolvedConfig, ResolvedRuleConfig } from '../types';

export const NETRA_PRODUCTION_CODE: readonly string[] = [
  'netra_backend/**',
  'auth_service/**',
  'shared/**',
  'frontend/**',
];

/**
 * Every known rule at its default severity and options. Test-scoped rules include only
 * `testFiles`; file-size excludes them, because test-file-size holds test files to the
 * stricter 300-line limit and one long file should be one finding, not two.
 */
export function presetRules(testFiles: readonly string[]): Record<string, ResolvedRuleConfig> {
  const options = defaultRuleOptions();
  const rules: Record<string, ResolvedRuleConfig> = {};
  for (const id of KNOWN_RULES) {
    rules[id] = {
      severity: DEFAULT_SEVERITY[id],
      include: TEST_SCOPED_RULES.has(id) ? [...testFiles] : [],
      exclude: id === 'file-size' ? [...testFiles] : [],
      options: options[id],
    };
  }
  return rules;
}

/** A fresh copy every call: callers merge into it. */
export function netraPreset(): ResolvedConfig {
  return {
    source: 'preset:netra',
    preset: 'netra',
    include: [...DEFAULT_INCLUDE],
    exclude: [],
    sourceRoots: ['.'],
    productionCode: [...NETRA_PRODUCTION_CODE],
    testFiles: [...DEFAULT_TEST_FILES],
    failOn: 'warning',
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    rules: presetRules(DEFAULT_TEST_FILES),
  };
}
