/**
 * The `none` preset: for a workspace that is not shaped like the audited monorepo. Nothing
 * project-specific beyond the rules' own defaults: generic pytest/jest test-file globs,
 * every checked file counts as production code (`real_system`) unless it is a test, and
 * every rule at its default severity and options (test rules still scoped to test files,
 * since a 300-line test limit on production code would be meaningless).
 */
import { DEFAULT_INCLUDE, DEFAULT_MAX_FILE_BYTES, DEFAULT_TEST_FILES } from '../defaults';
import type { ResolvedConfig } from '../types';
import { presetRules } from './netra';

export function nonePreset(): ResolvedConfig {
  return {
    source: 'preset:none',
    preset: 'none',
    include: [...DEFAULT_INCLUDE],
    exclude: [],
    sourceRoots: ['.'],
    productionCode: ['**'],
    testFiles: [...DEFAULT_TEST_FILES],
    failOn: 'warning',
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    rules: presetRules(DEFAULT_TEST_FILES),
  };
}
