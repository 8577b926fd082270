import { describe, expect, it } from 'vitest';
import { createScope, PatternSet } from '../../shared-rules/src/config/scope';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { nonePreset } from '../../shared-rules/src/config/presets/none';
import { resolveConfig } from '../../shared-rules/src/config/load';

const netra = createScope(netraPreset());

describe('test-file detection (netra preset)', () => {
  // [path, is a test file, what the reference checker's is_test_file says when it differs]
  const table: [string, boolean, string?][] = [
    ['netra_backend/tests/test_agent.py', true],
    ['auth_service/tests/unit/helpers.py', true],
    ['tests/conftest.py', true, 'reference: not a test (needs a leading "/tests/")'],
    ['tests/e2e/helper.py', true, 'reference: not a test'],
    ['conftest.py', true],
    ['netra_backend/conftest.py', true],
    ['test_root.py', true],
    ['shared/foo_test.py', true],
    ['frontend/__tests__/Chat.test.tsx', true],
    ['frontend/__tests__/setup.ts', true],
    ['frontend/components/Chat.spec.ts', true],
    ['frontend/lib/api.test.js', true],
    ['frontend/test/utils.ts', true],
    ['test/x.mjs', true],
    ['tests/unified_test_runner.py', true],
    ['test_framework/ssot/base_test_case.py', false, 'reference: a test ("test_" substring)'],
    ['test_framework/runner.py', false, 'reference: a test'],
    ['netra_backend/app/latest_results.py', false, 'reference: a test ("test_" substring)'],
    ['netra_backend/app/inspect.py', false],
    ['frontend/lib/aspec.ts', false, 'reference: a test ("spec." substring)'],
    ['shared/contest.py', false],
    ['shared/testing.py', false],
    ['netra_backend/app/attestation/x.py', false],
    ['netra_backend/app/testsuite/x.py', false],
    ['frontend/lib/unified-api-config.ts', false],
    ['shared/_test.py', true],
    ['shared/Test_upper.py', false, 'reference lower-cases; pytest does not collect Test_*.py by default'],
  ];
  it.each(table)('%s -> %s', (p, expected) => {
    expect(netra.isTestFile(p)).toBe(expected);
  });
});

describe('categories (netra preset)', () => {
  const table: [string, 'real_system' | 'test_files' | 'other'][] = [
    ['netra_backend/app/main.py', 'real_system'],
    ['auth_service/app/routes.py', 'real_system'],
    ['shared/isolated_environment.py', 'real_system'],
    ['frontend/lib/unified-api-config.ts', 'real_system'],
    ['frontend/components/Chat.tsx', 'real_system'],
    ['frontend/__tests__/Chat.test.tsx', 'test_files'],
    ['netra_backend/tests/test_x.py', 'test_files'],
    ['tests/conftest.py', 'test_files'],
    ['test_framework/ssot/base_test_case.py', 'other'],
    ['scripts/check_architecture_compliance.py', 'other'],
    ['setup.py', 'other'],
    ['apps/x.py', 'other'],
    ['shared_utils/x.py', 'other'],
    ['netra_backend/x', 'real_system'],
  ];
  it.each(table)('%s -> %s', (p, expected) => {
    expect(netra.category(p)).toBe(expected);
  });

  it('the none preset counts every non-test file as production code', () => {
    const none = createScope(nonePreset());
    expect(['scripts/x.py', 'a.ts', 'test_framework/b.py', 'tests/c.py'].map((p) => none.category(p))).toEqual(['real_system', 'real_system', 'real_system', 'test_files']);
  });
});

describe('inclusion and default excludes', () => {
  const table: [string, boolean][] = [
    // The reference checker's substring skips (spec 2.1) must not drop these.
    ['frontend/lib/unified-api-config.ts', true],
    ['netra_backend/app/calibration.py', true],
    ['shared/environment.py', true],
    ['netra_backend/app/builder.py', true],
    ['netra_backend/app/distributed.py', true],
    ['netra_backend/app/docs_index.py', true],
    ['netra_backend/app/external_api.py', true],
    ['netra_backend/app/env/settings.py', true],
    ['libs/x.py', true],
    ['main.py', true],
    ['a.js', true], ['a.jsx', true], ['a.mjs', true], ['a.cjs', true], ['a.tsx', true],
    ['.eslintrc.js', true],
    ['README.md', false],
    ['data.json', false],
    // Default excludes.
    ['node_modules/x/index.js', false],
    ['frontend/node_modules/react/index.js', false],
    ['.git/hooks/pre-commit.py', false],
    ['.github/scripts/x.py', false],
    ['venv/lib/python3.11/os.py', false],
    ['.venv/lib/x.py', false],
    ['sub/virtualenv/x.py', false],
    ['usr/lib/python3/site-packages/x.py', false],
    ['.tox/py311/x.py', false],
    ['netra_backend/__pycache__/x.py', false],
    ['frontend/dist/bundle.js', false],
    ['build/lib/x.py', false],
    ['frontend/out/x.js', false],
    ['frontend/.next/server/x.js', false],
    ['coverage/lcov-report/x.js', false],
    ['pkg.egg-info/x.py', false],
    ['backup/netra_backend/tests/test_x.py', false],
    ['backups/2024/x.py', false],
    ['netra_backend/backup_old/x.py', false],
  ];
  it.each(table)('%s -> %s', (p, expected) => {
    expect(netra.isIncluded(p)).toBe(expected);
  });

  it('prunes excluded directories, and only those', () => {
    const pruned = ['node_modules', 'a/node_modules', '.git', '.venv', 'venv', 'x/__pycache__', 'dist', 'build', '.next', 'backup', 'backups', 'frontend/out', 'a.egg-info'];
    const kept = ['netra_backend', 'frontend/lib', 'env', 'builder', 'distributed', 'test_framework', 'tests', 'outbox', 'my_backup'];
    expect(pruned.filter((d) => !netra.isExcludedDir(d))).toEqual([]);
    expect(kept.filter((d) => netra.isExcludedDir(d))).toEqual([]);
    expect(netra.isExcludedDir('')).toBe(false);
  });

  it('user excludes add to the defaults; a bare folder name means the folder', () => {
    const s = createScope(resolveConfig({ exclude: ['legacy', 'gen/', '**/*.gen.ts'] }, 'cfg'));
    expect(['legacy/a.py', 'gen/b.ts', 'x/y.gen.ts', 'node_modules/a.js'].map((p) => s.isIncluded(p))).toEqual([false, false, false, false]);
    expect(['legacy2/a.py', 'src/legacy.py', 'x/y.ts'].map((p) => s.isIncluded(p))).toEqual([true, true, true]);
    expect([s.isExcludedDir('legacy'), s.isExcludedDir('gen'), s.isExcludedDir('src')]).toEqual([true, true, false]);
  });

  it('a negated exclude keeps files and stops pruning of the folder', () => {
    const s = createScope(resolveConfig({ exclude: ['legacy/**', '!legacy/keep/**'] }, 'cfg'));
    expect([s.isIncluded('legacy/a.py'), s.isIncluded('legacy/keep/b.py')]).toEqual([false, true]);
    expect(s.isExcludedDir('legacy')).toBe(false);
    expect(s.isExcludedDir('node_modules')).toBe(true);
  });

  it('normalises ./ prefixes in paths and patterns', () => {
    const s = createScope(resolveConfig({ include: ['./src/**/*.py'] }, 'cfg'));
    expect([s.isIncluded('src/a.py'), s.isIncluded('./src/a.py'), s.isIncluded('lib/a.py')]).toEqual([true, true, false]);
  });
});

describe('rule scopes', () => {
  it('test rules apply to test files only; file-size to the rest; the other rules everywhere', () => {
    const paths = ['netra_backend/tests/test_a.py', 'tests/conftest.py', 'netra_backend/app/a.py', 'test_framework/ssot/base_test_case.py'];
    expect(paths.map((p) => netra.ruleApplies('test-base-class', p))).toEqual([true, true, false, false]);
    expect(paths.map((p) => netra.ruleApplies('test-file-size', p))).toEqual([true, true, false, false]);
    expect(paths.map((p) => netra.ruleApplies('file-size', p))).toEqual([false, false, true, true]);
    expect(paths.map((p) => netra.ruleApplies('env-access', p))).toEqual([true, true, true, true]);
  });

  it('off rules never apply; include/exclude narrow; unknown rules apply everywhere', () => {
    const s = createScope(resolveConfig({ rules: { 'env-access': 'off', 'file-size': { include: ['src/**'], exclude: ['src/gen'] } } }, 'cfg'));
    expect(s.ruleApplies('env-access', 'src/a.py')).toBe(false);
    expect(['src/a.py', 'src/gen/b.py', 'lib/c.py'].map((p) => s.ruleApplies('file-size', p))).toEqual([true, false, false]);
    expect(s.ruleApplies('mock-justification', 'x.py')).toBe(true);
  });

  it('a rule include of only negations means everything but those', () => {
    const s = createScope(resolveConfig({ rules: { 'relative-import': { include: ['!scripts/**'] } } }, 'cfg'));
    expect([s.ruleApplies('relative-import', 'a/b.py'), s.ruleApplies('relative-import', 'scripts/x.py')]).toEqual([true, false]);
  });
});

describe('PatternSet', () => {
  it('treats a pattern that matches a folder as matching its contents', () => {
    const p = new PatternSet(['src', 'a/*/c']);
    expect(['src', 'src/x/y.py', 'srcx/y.py', 'a/b/c/d.ts', 'a/b/cd.ts'].map((x) => p.matches(x))).toEqual([true, true, false, true, false]);
    // `x/**` matches what is inside x, not a file named x.
    const d = new PatternSet(['**/.*/**', 'out/**']);
    expect(['.eslintrc.js', 'a/.prettierrc.cjs', '.git/config.py', 'a/.cache/b/c.js', 'out', 'out/a.js'].map((x) => d.matches(x))).toEqual([false, false, true, true, false, true]);
  });

  it('matches nothing when empty', () => {
    expect(new PatternSet([]).matches('a.py')).toBe(false);
    expect(new PatternSet([]).allows('a.py')).toBe(true);
  });
});
