/** `rules`, `init`, help and usage errors of the split-up CLI. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir, writeFiles } from './ws';

const tmp = tempDir('ssot-cli-commands-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('rules', () => {
  it('rules <id> prints the doc page; unknown ids exit 2', () => {
    const r = runCli(['rules', 'env-access']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(__dirname, '../../shared-rules/docs/rules/env-access.md'), 'utf8'));
    const bad = runCli(['rules', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown rule 'nope'");
  });
});

describe('init', () => {
  it('detects production folders, the env accessor and the test base classes, and writes a valid config', () => {
    const dir = writeFiles(path.join(tmp, 'init'), {
      'billing_service/__init__.py': '',
      'billing_service/api.py': 'X = 1\n',
      'common/env.py': 'def get_env():\n    return None\n',
      'testkit/base.py': 'class SSotBaseTestCase:\n    pass\n',
      'web/package.json': '{}',
      'web/src/index.ts': 'export const a = 1;\n',
      'tests/test_api.py': 'X = 1\n',
      'node_modules/pkg/index.js': 'x\n',
    });
    const r = runCli(['init', dir]);
    expect(r.status).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'ssot-lint.json'), 'utf8'));
    expect(config.productionCode).toEqual(['billing_service/**', 'common/**', 'testkit/**', 'web/**']);
    expect(config.rules['env-access'].options.python).toEqual({ module: 'common.env', accessor: 'get_env', canonicalFiles: ['common/env.py'] });
    expect(config.rules['test-base-class'].options.module).toBe('testkit.base');
    expect(r.stderr).toContain('services (packages/apps): billing_service, web');
    // The written config loads: check runs on it without a config error (exit 2).
    const checked = runCli(['check', dir, '--format', 'json']);
    expect(checked.stderr).toBe('');
    expect(checked.status).not.toBe(2);
    expect(JSON.parse(checked.stdout).total_files_checked).toBe(6);
    const again = runCli(['init', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists (use --force to overwrite)');
  });
});

describe('usage', () => {
  it('--help for every command, exit 2 with a message for bad input', () => {
    for (const cmd of ['check', 'baseline', 'merge', 'rules', 'init']) {
      const r = runCli([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: ssot-lint ${cmd}`);
    }
    const bad = runCli(['baseline', '--format', 'json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown option '--format'");
    expect(bad.stderr).toContain("Run 'ssot-lint baseline --help' for usage.");
    expect(runCli(['merge']).status).toBe(2);
    expect(runCli(['check', '--shard']).stderr).toContain("option '--shard' needs a value");
  });
});
