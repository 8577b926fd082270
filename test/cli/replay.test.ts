/**
 * `check` on an unchanged tree prints the last run's output again (server/src/cli/report-replay.ts).
 * A replay must be byte for byte what a run without any cache prints, with the same exit
 * code; and everything the output depends on must end it: a file's bytes or stat, the
 * config, a tsconfig answer, the format and its options, the paths, the baseline's bytes
 * and which of its files exist. A damaged record is no record; `--fix` never replays.
 */
import * as fs from 'node:fs';
import fsModule from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';
import { tempDir, writeFiles } from './ws';
import { ReportRecord } from '../../server/src/cli/report-replay';

const tmp = tempDir('ssot-cli-replay-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'ssot-lint.json': '{"rules": {"canonical-imports-exist": "off"}, "exclude": ["legacy/**"]}\n',
  'netra_backend/app.py': 'import os\n\nURL = os.getenv("DATABASE_URL")\n',
  'netra_backend/ok.py': 'X = 1\n',
  'netra_backend/api.ts': 'export const x = 1;\n',
  'svc/env.py': 'import os\nB = os.environ["B"]\n',
  'frontend/app.ts': "import { x } from '@svc/api';\nexport const y = x;\n",
  'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@svc/*": ["netra_backend/*"] } } }\n',
};

let n = 0;
/** A fresh workspace and cache folder (outside it), every file old enough for the cache to trust its stat. */
function setup(): { root: string; cache: string } {
  const dir = path.join(tmp, String(++n));
  const root = writeFiles(path.join(dir, 'ws'), FILES);
  backdate(root);
  return { root, cache: path.join(dir, 'cache') };
}

function backdate(root: string): void {
  const old = new Date(Date.now() - 60_000);
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      fs.utimesSync(p, old, old);
    }
  };
  walk(root);
}

function write(root: string, rel: string, text: string): void {
  writeFiles(root, { [rel]: text });
  backdate(root);
}

interface Run {
  status: number | null;
  stdout: string;
  replayed: boolean;
}

/** `check` with the cache at `cache`; whether it replayed comes from its SSOT_LINT_TIMINGS line. */
function check(ws: { root: string; cache: string }, args: string[] = [], paths = [ws.root]): Run {
  const r = runCli(['check', ...paths, '--root', ws.root, '--no-progress', '--cache-location', ws.cache, ...args], REPO, { SSOT_LINT_TIMINGS: '1' });
  expect(r.stderr).not.toMatch(/internal error/);
  return { status: r.status, stdout: r.stdout, replayed: /^ssot-lint report: replayed/m.test(r.stderr) };
}

/** The same run without any cache: what a replay must print. */
function fresh(ws: { root: string }, args: string[] = [], paths = [ws.root]): Omit<Run, 'replayed'> {
  const r = runCli(['check', ...paths, '--root', ws.root, '--no-progress', '--no-cache', ...args]);
  return { status: r.status, stdout: r.stdout };
}

/** Runs twice: the first computes (and records), the second replays; both print what a run without cache prints. */
function recordThenReplay(ws: { root: string; cache: string }, args: string[] = [], paths = [ws.root]): Run {
  const expected = fresh(ws, args, paths);
  const first = check(ws, args, paths);
  expect(first.replayed).toBe(false);
  expect({ status: first.status, stdout: first.stdout }).toEqual(expected);
  const second = check(ws, args, paths);
  expect(second.replayed).toBe(true);
  expect({ status: second.status, stdout: second.stdout }).toEqual(expected);
  return second;
}

const records = (cache: string) => fs.readdirSync(cache).filter((f) => f.startsWith('report-'));

describe('check replays the output of an unchanged tree', () => {
  it('byte for byte, with its exit code, one record per format and options', () => {
    const ws = setup();
    const json = recordThenReplay(ws, ['--format', 'json']);
    const report = JSON.parse(json.stdout) as { total_violations: number; violations: { file: string; rule: string }[] };
    expect(report.violations.map((v) => `${v.file} ${v.rule}`)).toEqual(['frontend/app.ts service-boundary', 'netra_backend/app.py env-access', 'svc/env.py env-access']);
    expect(json.status).toBe(1);
    // --exit-zero changes only the exit code.
    expect(check(ws, ['--format', 'json', '--exit-zero'])).toEqual({ ...json, status: 0 });
    // Other formats and options have their own records; the JSON one stays.
    const text = recordThenReplay(ws);
    expect(text.stdout).toMatch(/^3 violations in 3 of 5 files\b/m);
    recordThenReplay(ws, ['--format', 'sarif']);
    recordThenReplay(ws, ['--format', 'sarif', '--docs-base-url', 'https://docs.example/rules']);
    expect(check(ws, ['--format', 'json'])).toEqual(json);
    // Into a file.
    const out = path.join(tmp, `out-${n}.json`);
    const r = check(ws, ['--format', 'json', '--output', out]);
    expect(r.replayed).toBe(true);
    expect(fs.readFileSync(out, 'utf8')).toBe(json.stdout);
    // Paths: a run of one folder is not the run of the tree.
    const some = recordThenReplay(ws, ['--format', 'json'], [path.join(ws.root, 'svc')]);
    expect(JSON.parse(some.stdout).total_violations).toBe(1);
    expect(records(ws.cache).length).toBe(4);
  });

  it('ends when a file, its stat, the config or a tsconfig answer changes', () => {
    const ws = setup();
    const args = ['--format', 'json'];
    recordThenReplay(ws, args);
    // A file's bytes (env-access now flags two reads in svc/env.py).
    write(ws.root, 'svc/env.py', 'import os\nB = os.environ["B"]\nC = os.environ["C"]\n');
    expect(JSON.parse(recordThenReplay(ws, args).stdout).total_violations).toBe(4);
    // A stat too young to trust, same bytes: the file is read again, the output is the same.
    fs.utimesSync(path.join(ws.root, 'svc/env.py'), new Date(), new Date());
    const young = check(ws, args);
    expect(young.replayed).toBe(false);
    expect(young.stdout).toBe(fresh(ws, args).stdout);
    // The config.
    write(ws.root, 'ssot-lint.json', '{"rules": {"canonical-imports-exist": "off", "env-access": "off"}, "exclude": ["legacy/**"]}\n');
    expect(JSON.parse(recordThenReplay(ws, args).stdout).total_violations).toBe(1);
    // A tsconfig answer (no scanned file changes): the alias now points into shared/, so the boundary holds.
    write(ws.root, 'tsconfig.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@svc/*": ["shared/*"] } } }\n');
    expect(JSON.parse(recordThenReplay(ws, args).stdout).total_violations).toBe(0);
  });

  it('against a baseline: keyed by its bytes and by which of its files outside the walk exist', () => {
    const ws = setup();
    const base = path.join(tmp, `baseline-${n}.json`);
    expect(runCli(['baseline', ws.root, '--output', base]).status).toBe(0);
    const args = ['--format', 'json', '--baseline', base];
    expect(recordThenReplay(ws, args).status).toBe(0);
    // An entry gone from the baseline: its violation is new, exit 1, replayed as such.
    const entries = JSON.parse(fs.readFileSync(base, 'utf8')) as { entries: { file: string }[] };
    const withoutEnv = { ...entries, entries: entries.entries.filter((e) => e.file !== 'netra_backend/app.py') };
    fs.writeFileSync(base, JSON.stringify(withoutEnv, null, 2) + '\n');
    const failing = recordThenReplay(ws, args);
    expect(failing.status).toBe(1);
    expect(JSON.parse(failing.stdout).baseline).toEqual({ new: 1, fixed: 0, unchanged: 2 });
    // svc/env.py's entry now names a file in an excluded folder that does not exist: the
    // violation matches it by content (a moved file).
    const moved = { ...withoutEnv, entries: withoutEnv.entries.map((e) => (e.file === 'svc/env.py' ? { ...e, file: 'legacy/env.py' } : e)) };
    fs.writeFileSync(base, JSON.stringify(moved, null, 2) + '\n');
    expect(JSON.parse(recordThenReplay(ws, args).stdout).baseline).toEqual({ new: 1, fixed: 0, unchanged: 2 });
    // That file appears, outside the walk: the entry no longer matches by content.
    write(ws.root, 'legacy/env.py', 'X = 1\n');
    expect(JSON.parse(recordThenReplay(ws, args).stdout).baseline).toEqual({ new: 2, fixed: 1, unchanged: 1 });
  });

  it('a damaged record is no record; --fix never replays', () => {
    const ws = setup();
    const args = ['--format', 'json'];
    const json = recordThenReplay(ws, args);
    const [record] = records(ws.cache);
    const file = path.join(ws.cache, record);
    const bytes = fs.readFileSync(file);
    for (const damaged of [bytes.subarray(0, bytes.length >> 1), Buffer.concat([bytes, Buffer.from('x')]), Buffer.alloc(0), Buffer.from('ssotRPL1')]) {
      fs.writeFileSync(file, damaged);
      const r = check(ws, args);
      expect(r.replayed).toBe(false);
      expect(r.stdout).toBe(json.stdout);
    }
    // The last run wrote the record again.
    expect(check(ws, args)).toEqual(json);
    // A record that cannot be put in place (a folder in its way): the output is whole, no temp file stays.
    fs.rmSync(file);
    fs.mkdirSync(file);
    const blocked = check(ws, args);
    expect(blocked).toEqual({ ...json, replayed: false });
    expect(fs.readdirSync(ws.cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    fs.rmSync(file, { recursive: true });
    recordThenReplay(ws, args);
    const fixed = runCli(['check', ws.root, '--no-progress', '--cache-location', ws.cache, '--format', 'json', '--fix'], REPO, { SSOT_LINT_TIMINGS: '1' });
    expect(fixed.stderr).not.toMatch(/report: replayed/);
    expect(fixed.stderr).toMatch(/fixed 2 violations in 2 files/);
    backdate(ws.root);
    expect(JSON.parse(recordThenReplay(ws, args).stdout).total_violations).toBe(1);
  });
});

describe('a replay into a file', () => {
  /** A committed record of `world` holding `text`, in the slot of `options`. */
  async function recorded(dir: string, options: unknown, world: string, text: string): Promise<ReportRecord> {
    const slot = ReportRecord.slot(dir, dir, options);
    const r = slot.recording(world);
    r.write(Buffer.from(text));
    await r.commit(world.endsWith('!'));
    return slot;
  }

  it('copies the record of its world only, also when another run replaces the record during the copy', async () => {
    const dir = path.join(tmp, 'copy-to');
    const slot = await recorded(dir, { format: 'json' }, 'A!', 'the output in A\n');
    const to = path.join(dir, 'out.json');
    expect(slot.copyTo('A!', to)).toEqual({ failing: true });
    expect(fs.readFileSync(to, 'utf8')).toBe('the output in A\n');
    // Another world: nothing is copied.
    expect(slot.copyTo('B', to)).toBeUndefined();
    expect(fs.readFileSync(to, 'utf8')).toBe('the output in A\n');
    // The record of world B takes the slot's place between the look and the copy.
    const other = await recorded(dir, { format: 'other' }, 'B', 'the output in B, longer\n');
    // The module object, not the namespace: what the code under test calls through.
    const realCopy = fsModule.copyFileSync;
    (fsModule as { copyFileSync: unknown }).copyFileSync = ((src: fs.PathLike, dest: fs.PathLike) => {
      realCopy(other.file, slot.file);
      realCopy(src, dest);
    }) as typeof fs.copyFileSync;
    syncBuiltinESMExports();
    try {
      expect(slot.copyTo('A!', to)).toBeUndefined();
    } finally {
      fsModule.copyFileSync = realCopy;
      syncBuiltinESMExports();
    }
    // The caller's scan writes the output again; what a replay of B would give is B's whole output.
    expect(slot.copyTo('B', to)).toEqual({ failing: false });
    expect(fs.readFileSync(to, 'utf8')).toBe('the output in B, longer\n');
  });
});
