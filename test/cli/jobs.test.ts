/**
 * `--jobs N`: N threads (N-1 workers and the main one) read and check files with the rules
 * that do not read the index, the main thread builds the index and runs the rest; the
 * output must not depend on N or on which thread finished first. Also the scan cache: a
 * warm run (stat-validated, local results reused) prints the same bytes as a cold one,
 * and an edit is seen.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';
import { tempDir } from './ws';

const tmp = tempDir('ssot-cli-jobs-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A few hundred files of the audited monorepo's shape, from the seeded bench generator. */
function generated(): string {
  const out = path.join(tmp, 'mono');
  execFileSync(process.execPath, [path.join(REPO, 'bench/generate-monorepo.mjs'), '--py', '300', '--ts', '40', '--seed', '7', '--out', out]);
  return out;
}

/** The CLI's output: JSON unless `args` name another format (a later --format wins). */
const json = (args: string[]) => {
  const r = runCli(['check', '--format', 'json', ...args, '--exit-zero']);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.status).toBe(0);
  return r.stdout;
};

describe('--jobs', () => {
  it('--jobs 1 and --jobs 2 give byte-identical JSON on examples/', () => {
    const one = json([path.join(REPO, 'examples'), '--jobs', '1', '--no-cache']);
    const two = json([path.join(REPO, 'examples'), '--jobs', '2', '--no-cache']);
    expect(JSON.parse(one).total_violations).toBeGreaterThan(0);
    expect(two).toBe(one);
  });

  it('--jobs 1 and --jobs 2 give byte-identical JSON on a generated workspace of a few hundred files, cold and warm', () => {
    const dir = generated();
    const files = Number(execFileSync('find', [dir, '-type', 'f', '-name', '*.py', '-o', '-type', 'f', '-name', '*.tsx'], { encoding: 'utf8' }).trim().split('\n').length);
    expect(files).toBeGreaterThan(300);
    const one = json([dir, '--jobs', '1', '--no-cache']);
    expect(JSON.parse(one).total_violations).toBeGreaterThan(100);
    expect(json([dir, '--jobs', '2', '--no-cache'])).toBe(one);
    expect(json([dir, '--jobs', '3', '--no-cache'])).toBe(one);
    const cache = path.join(tmp, 'cache');
    const sarif = json([dir, '--jobs', '1', '--no-cache', '--format', 'sarif']);
    expect(json([dir, '--jobs', '2', '--cache-location', cache])).toBe(one);
    // Make every file old enough for the stat check to trust it, then run warm twice.
    const old = new Date(Date.now() - 60_000);
    for (const f of execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n')) fs.utimesSync(f, old, old);
    expect(json([dir, '--jobs', '2', '--cache-location', cache])).toBe(one);
    expect(json([dir, '--jobs', '1', '--cache-location', cache])).toBe(one);
    // Fixes and related locations come back from the cache as they were (SARIF prints them).
    expect(json([dir, '--jobs', '2', '--cache-location', cache, '--format', 'sarif'])).toBe(sarif);
    // An edit after a warm run is seen (new mtime and size), with the rest still cached.
    const hub = path.join(dir, 'netra_backend/app/core/hub.py');
    fs.appendFileSync(hub, '\n\nimport os\nLEAK = os.environ["HUB_SECRET"]\n');
    const edited = json([dir, '--jobs', '2', '--cache-location', cache]);
    expect(edited).not.toBe(one);
    expect(json([dir, '--jobs', '1', '--no-cache'])).toBe(edited);
  });

  it('--progress is fed by the scan\'s onProgress hook: both phases, every file counted', () => {
    const r = runCli(['check', path.join(REPO, 'examples'), '--progress', '--jobs', '2', '--no-cache', '--format', 'json', '--exit-zero']);
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { total_files_checked: number }).total_files_checked;
    const lines = r.stderr.trim().split('\n');
    // Forced progress (not a TTY): plain lines, the last one the final tally of the checked files.
    expect(lines.at(-1)).toMatch(new RegExp(`\\] checking ${files}/${files} files .*s$`));
    expect(r.stderr).not.toMatch(/progress-probe/);
  });

  it('without --jobs, a tree with less than 32 MB to read is checked on this thread alone, with the same output', () => {
    const r = runCli(['check', path.join(REPO, 'examples'), '--no-cache', '--format', 'json', '--exit-zero'], REPO, { SSOT_LINT_TIMINGS: '1' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^ssot-lint phase 1 threads: 1$/m);
    expect(r.stdout).toBe(json([path.join(REPO, 'examples'), '--jobs', '2', '--no-cache']));
    const two = runCli(['check', path.join(REPO, 'examples'), '--no-cache', '--jobs', '2', '--format', 'json', '--exit-zero'], REPO, { SSOT_LINT_TIMINGS: '1' });
    expect(two.stderr).toMatch(/^ssot-lint phase 1 threads: 2$/m);
  });

  it('rejects a bad --jobs with exit code 2', () => {
    const r = runCli(['check', path.join(REPO, 'examples'), '--jobs', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be a whole number/);
  });
});
