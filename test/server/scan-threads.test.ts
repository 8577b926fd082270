/**
 * The background scan's first phase on worker threads (setting scanJobs, as `check --jobs`):
 * a 4.3 MB workspace read on 2 threads gives the same results as on one thread and as the
 * CLI, a duplicate across files and a binary file included; the automatic setting (0)
 * starts no workers for so little to read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { checkJson, copyFixture, LspClient, uriOf } from './lsp-client';

let client: LspClient | undefined;
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

const MODULES = 120;

/** Module i: ~36 KB of small functions, one environment read, and (in two modules) the same class. */
function module(i: number): string {
  const lines = ['import os', ''];
  for (let k = 0; k < 600; k++) lines.push(`def f_${i}_${k}(value):`, `    return value + ${k}  # keeps the module at about 36 KB`, '');
  lines.push(`VALUE_${i} = os.environ['KEY_${i}']`, '');
  if (i < 2) lines.push('class Settings:', '    port = 8080', '');
  return lines.join('\n');
}

function workspace(modules = MODULES): string {
  const dir = copyFixture('basic');
  fs.mkdirSync(path.join(dir, 'netra_backend/generated'));
  for (let i = 0; i < modules; i++) fs.writeFileSync(path.join(dir, `netra_backend/generated/mod_${i}.py`), module(i));
  fs.writeFileSync(path.join(dir, 'netra_backend/generated/blob.py'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0]));
  // The scan cache goes to <dir>/node_modules/.cache/ssot-lint: each session starts without one.
  fs.mkdirSync(path.join(dir, 'node_modules'));
  return dir;
}

interface Report {
  total_violations: number;
  total_files_checked: number;
  violations_by_rule: Record<string, number>;
  violations: { rule: string; file: string; line: number }[];
}

const cliReport = (dir: string): Report => checkJson<Report>(dir, ['--no-cache', '--jobs', '1']).report;

async function scan(dir: string, scanJobs: number): Promise<{ log: string; report: Report; published: number[] }> {
  fs.rmSync(path.join(dir, 'node_modules/.cache'), { recursive: true, force: true });
  client = await LspClient.start({ folders: [dir], settings: { scanJobs, workspaceDiagnostics: true } });
  const log = await client.waitForLog('scanned', 30_000);
  const report = await client.request<Report>('ssotLint/complianceReport', {});
  const published = (await client.waitForDiagnostics(uriOf(path.join(dir, 'netra_backend/generated/mod_7.py')))).diagnostics.map((d) => d.range.start.line);
  await client.shutdown();
  client = undefined;
  return { log, report, published };
}

test('a first scan on worker threads gives the results of one thread and of the CLI; automatic stays on one for 4 MB', async () => {
  const dir = workspace();
  const expected = cliReport(dir);
  // 120 generated modules and the fixture's two files (3 environment reads); the binary one is skipped.
  expect(expected.total_files_checked).toBe(MODULES + 2);
  expect(expected.violations_by_rule['env-access']).toBe(MODULES + 3);
  expect(expected.violations.filter((v) => v.rule === 'duplicate-definition').map((v) => [v.file, v.line])).toEqual([
    ['netra_backend/generated/mod_0.py', 1805],
    ['netra_backend/generated/mod_1.py', 1805],
  ]);

  const threaded = await scan(dir, 2);
  expect(threaded.log).toMatch(/scanned 122 files in \d+ ms \(2 threads\), \d+ violations$/);
  expect(threaded.report).toEqual(expected);
  const envLine = 1802; // 0-based line of VALUE_7 = os.environ[...]
  expect(threaded.published).toContain(envLine);

  const single = await scan(dir, 1);
  expect(single.log).toMatch(/scanned 122 files in \d+ ms \(1 thread\), \d+ violations$/);
  expect(single.report).toEqual(expected);
  expect(single.published).toEqual(threaded.published);

  const automatic = await scan(dir, 0);
  expect(automatic.log).toMatch(/scanned 122 files in \d+ ms \(1 thread\), \d+ violations$/);
  expect(automatic.report).toEqual(expected);
}, 90_000);

test('a config change while the workers read: that scan never finishes, the new config\'s scan gives the CLI\'s results', async () => {
  // 21 MB: the threaded phase 1 takes long enough (~0.5 s or more) to be interrupted in.
  const modules = 600;
  const dir = workspace(modules);
  const files = modules + 2;
  client = await LspClient.start({ folders: [dir], settings: { scanJobs: 2 } });
  // A progress report past the files' stat pass (done > files): the pool is reading.
  await client.waitForNotification('$/progress', (p) => {
    const m = /^(\d+)\/(\d+) files indexed$/.exec(p.value?.message ?? '');
    return !!m && Number(m[1]) > files && Number(m[1]) < Number(m[2]);
  }, 30_000);
  const config = path.join(dir, 'ssot-lint.json');
  fs.writeFileSync(config, JSON.stringify({ extends: 'netra', rules: { 'canonical-imports-exist': 'off', 'env-access': 'off' } }));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
  const log = await client.waitForLog('scanned', 60_000);
  const expected = cliReport(dir);
  expect(expected.violations_by_rule['env-access']).toBeUndefined();
  expect(log).toMatch(new RegExp(`scanned ${files} files in \\d+ ms \\(2 threads\\), ${expected.total_violations} violations$`));
  expect(await client.request('ssotLint/complianceReport', {})).toEqual(expected);
  // The interrupted scan never finished: one "scanned" line, and no error.
  expect(client.logs.filter((l) => l.includes('scanned'))).toEqual([log]);
  expect(client.logs.filter((l) => /error|failed|exited/i.test(l))).toEqual([]);
}, 120_000);
