/** `--shard i/n` + `merge` equal the unsharded run byte for byte (JSON and SARIF), with and without a baseline. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir, writeFiles } from './ws';
import { shardOf } from '../../server/src/cli/shard';

const tmp = tempDir('ssot-cli-shard-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function workspace(): string {
  const files: Record<string, string> = { 'ssot-lint.json': '{}' };
  for (let i = 0; i < 24; i++) {
    const dir = ['netra_backend', 'auth_service', 'scripts', 'netra_backend/tests'][i % 4];
    const name = dir.endsWith('tests') ? `test_m${i}.py` : `m${i}.py`;
    files[`${dir}/${name}`] =
      i % 3 === 0 ? 'X = 1\n' : `import os\nA${i} = os.getenv("A${i}")\nfrom . import y\n` + (dir.endsWith('tests') ? 'import unittest\n\n\nclass TestX(unittest.TestCase):\n    pass\n' : '');
  }
  return writeFiles(path.join(tmp, 'ws'), files);
}

describe('shards', () => {
  const dir = workspace();
  const out = (name: string) => path.join(tmp, name);

  it('every file lands in exactly one shard, and merged JSON == unsharded JSON', () => {
    const whole = runCli(['check', dir, '--format', 'json']).stdout;
    const counts: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = runCli(['check', dir, '--shard', `${i}/3`, '--format', 'json', '--output', out(`s${i}.json`)]);
      expect(r.stderr).toBe('');
      counts.push(JSON.parse(fs.readFileSync(out(`s${i}.json`), 'utf8')).total_files_checked);
    }
    expect(counts.reduce((a, b) => a + b)).toBe(24);
    expect(counts.every((c) => c > 0 && c < 24)).toBe(true);
    const merged = runCli(['merge', out('s1.json'), out('s2.json'), out('s3.json')]);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(whole);
    // Order of the inputs does not matter.
    expect(runCli(['merge', out('s3.json'), out('s1.json'), out('s2.json')]).stdout).toBe(whole);
  });

  it('merged SARIF == unsharded SARIF', () => {
    const whole = runCli(['check', dir, '--format', 'sarif']).stdout;
    for (let i = 1; i <= 3; i++) runCli(['check', dir, '--shard', `${i}/3`, '--format', 'sarif', '--output', out(`s${i}.sarif`)]);
    expect(runCli(['merge', out('s1.sarif'), out('s2.sarif'), out('s3.sarif')]).stdout).toBe(whole);
  });

  it('with a baseline, including a file renamed into another shard: merged == unsharded', () => {
    const b = out('baseline.json');
    expect(runCli(['baseline', dir, '--output', b]).status).toBe(0);
    // The rename must cross shards, or this would not test adoption across shards.
    expect(shardOf('auth_service/m1.py', 4)).not.toBe(shardOf('auth_service/renamed_m1.py', 4));
    fs.renameSync(path.join(dir, 'auth_service/m1.py'), path.join(dir, 'auth_service/renamed_m1.py'));
    fs.writeFileSync(path.join(dir, 'scripts/m2.py'), 'X = 2\n');
    fs.writeFileSync(path.join(dir, 'netra_backend/new.py'), 'import os\nN = os.getenv("N")\n');
    const whole = runCli(['check', dir, '--baseline', b, '--format', 'json']);
    const report = JSON.parse(whole.stdout);
    // 2 fixed (scripts/m2.py), 1 new (new.py); the renamed file's 2 entries still match.
    expect(report.baseline).toEqual({ new: 1, fixed: 2, unchanged: report.total_violations - 1 });
    for (let i = 1; i <= 4; i++) runCli(['check', dir, '--baseline', b, '--shard', `${i}/4`, '--format', 'json', '--output', out(`b${i}.json`)]);
    const merged = runCli(['merge', out('b1.json'), out('b2.json'), out('b3.json'), out('b4.json')]);
    // The sum of the shards' fixed counts alone would be wrong: one shard adopted the renamed file's entries.
    const shards = [1, 2, 3, 4].map((i) => JSON.parse(fs.readFileSync(out(`b${i}.json`), 'utf8')).baseline);
    expect(shards.reduce((n: number, s: { adopted?: number }) => n + (s.adopted ?? 0), 0)).toBe(2);
    expect(merged.stdout).toBe(whole.stdout);
  });

  it('bad --shard values exit 2', () => {
    for (const bad of ['0/3', '4/3', 'x', '1/0']) {
      const r = runCli(['check', dir, '--shard', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--shard');
    }
  });
});
