/**
 * The VS Code extension's bundled server (client/esbuild.mjs: one file, the engine inlined)
 * is also the script of its scan worker threads: the bundle's "Write Baseline" (its
 * `baseline` command) on 2 threads writes the CLI's baseline byte for byte.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(REPO, 'examples');
let out: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-bundle-'));
  const r = spawnSync(process.execPath, [path.join(REPO, 'client/esbuild.mjs'), '--out', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function baseline(bin: string, jobs: string): { file: string; threads: string | undefined } {
  const file = path.join(out, `baseline-${path.basename(bin)}-${jobs}.json`);
  const r = spawnSync(process.execPath, [bin, 'baseline', '--root', EXAMPLES, '--no-cache', '--jobs', jobs, '--output', file], {
    encoding: 'utf8',
    env: { ...process.env, SSOT_LINT_TIMINGS: '1' },
  });
  expect(r.status, r.stderr).toBe(0);
  return { file: fs.readFileSync(file, 'utf8'), threads: /ssot-lint phase 1 threads: (\d+)/.exec(r.stderr)?.[1] };
}

test("the bundle's workers run its own entry and give the CLI's results", () => {
  const bundled = baseline(path.join(out, 'dist/server/server.js'), '2');
  const cli = baseline(path.join(REPO, 'server/bin/ssot-lint.js'), '1');
  expect(bundled.threads).toBe('2');
  expect(cli.threads).toBe('1');
  expect(bundled.file).toBe(cli.file);
  expect(JSON.parse(cli.file).entries).toHaveLength(40);
}, 60_000);
