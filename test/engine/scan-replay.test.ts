/**
 * Replaying phase 2 from the scan cache (engine/scan-world.ts): a warm scan of a tree whose
 * files, config and tsconfig answers are all unchanged takes the index rules' findings and
 * the workspace pass from the cache. Every input that phase 2 reads must end the replay:
 * a file's bytes (even one that other files' findings depend on), a new or deleted file,
 * the config file's text, a tsconfig's text or existence. Each replayed or recomputed
 * result must equal a scan without any cache. Also: the index a scan leaves on the project
 * keeps nothing else of the scan alive (the language server keeps that index for hours).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared-rules/src/config/load';
import { createProject } from '../../shared-rules/src/engine/check';
import { PreparedScan, scanWorkspace, type ScanResult } from '../../shared-rules/src/engine/scan';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const RECORD = 'class UserRecord:\n    email: str\n';

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-replay-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) write(root, p, text);
  return root;
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

function scan(root: string, cacheDir: string | null, paths?: string[]): ScanResult {
  const config = loadConfig(root);
  if (config.errors.length) throw new Error(JSON.stringify(config.errors));
  return scanWorkspace(createProject(root, config.config), paths, { cacheDir });
}

/** What the user sees, without the timings and cache counters. */
const seen = (r: ScanResult) => ({ report: r.report, skipped: r.skipped, workspace: r.workspaceViolations });
const lines = (r: ScanResult) => r.report.violations.map((v) => `${v.file}:${v.line} ${v.rule}`);

/** A scan with the cache at `cacheDir`, checked against a scan with no cache at all. */
function warm(root: string, cacheDir: string, paths?: string[]): ScanResult {
  const r = scan(root, cacheDir, paths);
  expect(seen(r)).toEqual(seen(scan(root, null, paths)));
  return r;
}

describe('phase 2 replay', () => {
  const files = {
    'ssot-lint.json': '{ "extends": "netra" }\n',
    'shared/types.py': RECORD,
    'netra_backend/app/models.py': RECORD,
    'netra_backend/app/q.py': 'from netra_backend.app.db.client_clickhouse import get_clickhouse_client as ch\n',
    'netra_backend/api.ts': 'export const x = 1;\n',
    'frontend/app.ts': "import { x } from '@svc/api';\nexport const y = x;\n",
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@svc/*": ["netra_backend/*"] } } }\n',
  };

  it('replays an unchanged tree, and every input phase 2 reads ends the replay', () => {
    const root = workspace(files);
    const cache = path.join(root, '.cache-test');
    const cold = warm(root, cache);
    expect(cold.cache).toMatchObject({ hits: 0, replayed: false });
    const MISSING = 'ssot-lint.json:1 canonical-imports-exist';
    const BOUNDARY = 'frontend/app.ts:1 service-boundary';
    const CANONICAL = 'netra_backend/app/q.py:1 canonical-module';
    expect(lines(cold)).toEqual([BOUNDARY, 'netra_backend/app/models.py:1 duplicate-definition', CANONICAL, 'shared/types.py:1 duplicate-definition', MISSING]);
    const replayed = warm(root, cache);
    expect(replayed.cache).toMatchObject({ hits: 5, misses: 0, replayed: true });
    expect(seen(replayed)).toEqual(seen(cold));

    // A file whose own local results do not change, but whose outline changes another file's findings.
    write(root, 'shared/types.py', 'class SharedRecord:\n    email: str\n');
    let r = warm(root, cache);
    expect(r.cache).toMatchObject({ replayed: false });
    expect(lines(r)).toEqual([BOUNDARY, CANONICAL, MISSING]);
    expect(warm(root, cache).cache).toMatchObject({ replayed: true });

    // A new file, then its deletion.
    write(root, 'netra_backend/app/records.py', RECORD);
    r = warm(root, cache);
    expect(r.cache).toMatchObject({ replayed: false });
    expect(lines(r)).toEqual([BOUNDARY, 'netra_backend/app/models.py:1 duplicate-definition', CANONICAL, 'netra_backend/app/records.py:1 duplicate-definition', MISSING]);
    fs.rmSync(path.join(root, 'netra_backend/app/records.py'));
    r = warm(root, cache);
    expect(r.cache).toMatchObject({ replayed: false });
    expect(lines(r)).toEqual([BOUNDARY, CANONICAL, MISSING]);

    // The tsconfig's text: the alias now points into shared/, so the boundary holds.
    write(root, 'tsconfig.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@svc/*": ["shared/*"] } } }\n');
    r = warm(root, cache);
    expect(r.cache).toMatchObject({ replayed: false });
    expect(lines(r)).toEqual([CANONICAL, MISSING]);
    expect(warm(root, cache).cache).toMatchObject({ replayed: true });

    // A tsconfig that did not exist and now does (nearer to the importer): the alias is back.
    write(root, 'frontend/tsconfig.json', '{ "compilerOptions": { "baseUrl": "..", "paths": { "@svc/*": ["netra_backend/*"] } } }\n');
    r = warm(root, cache);
    expect(r.cache).toMatchObject({ replayed: false });
    expect(lines(r)).toEqual([BOUNDARY, CANONICAL, MISSING]);
    expect(warm(root, cache).cache).toMatchObject({ replayed: true });

    // The config file's text, even where the resolved config stays the same (workspace
    // findings are placed in it: at a concept's canonicalModule value when it names one),
    // and a config that changes the rules.
    write(root, 'ssot-lint.json', '\n\n{ "extends": "netra" }\n');
    r = warm(root, cache);
    expect(r.cache).toMatchObject({ replayed: false });
    expect(lines(r)).toEqual([BOUNDARY, CANONICAL, MISSING]);
    write(root, 'ssot-lint.json', '{ "extends": "netra", "rules": { "service-boundary": "off" } }\n');
    r = warm(root, cache);
    expect(r.cache).toMatchObject({ hits: 0, replayed: false });
    expect(lines(r)).toEqual([CANONICAL, MISSING]);
  });

  it('a scan of some paths replays only when every one of them has stored findings of the same tree', () => {
    const root = workspace(files);
    const cache = path.join(root, '.cache-test');
    const some = ['shared/types.py'];
    // The first partial scan records the findings of the files it checked only.
    expect(warm(root, cache, some).cache).toMatchObject({ replayed: false });
    expect(warm(root, cache, some).cache).toMatchObject({ replayed: true });
    expect(warm(root, cache).cache).toMatchObject({ replayed: false });
    expect(warm(root, cache).cache).toMatchObject({ replayed: true });
    expect(warm(root, cache, ['netra_backend/app/models.py', 'frontend/app.ts']).cache).toMatchObject({ replayed: true });
  });
});

describe('PreparedScan.unchangedWorld (what the CLI replays its last output by)', () => {
  const files = { 'shared/types.py': RECORD, 'netra_backend/app/models.py': RECORD, 'netra_backend/app/settings.py': 'import os\nX = os.environ["A"]\n' };
  const backdate = (root: string) => {
    const old = new Date(Date.now() - 60_000);
    for (const p of Object.keys(files)) fs.utimesSync(path.join(root, p), old, old);
  };
  const unchanged = (root: string, cache: string, paths?: string[]) => {
    const project = createProject(root, loadConfig(root).config);
    return new PreparedScan(project, paths, cache).unchangedWorld();
  };

  it('is the identity of the world the last scan recorded, only while every file is unchanged by its stat', () => {
    const root = workspace(files);
    const cache = path.join(root, '.cache-test');
    backdate(root);
    expect(unchanged(root, cache)).toBeUndefined();
    const world = scan(root, cache).cache!.world;
    expect(world).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(unchanged(root, cache)).toBe(world);
    expect(scan(root, cache).cache).toMatchObject({ replayed: true, world });
    // A stat too young to trust, same bytes: not known unchanged, though a scan replays phase 2.
    fs.utimesSync(path.join(root, 'shared/types.py'), new Date(), new Date());
    expect(unchanged(root, cache)).toBeUndefined();
    expect(scan(root, cache).cache).toMatchObject({ replayed: true, world });
    // Its entry kept a stat that never matches; the next scan reads it by content and keeps its stat.
    backdate(root);
    expect(unchanged(root, cache)).toBeUndefined();
    expect(scan(root, cache).cache).toMatchObject({ replayed: true, world });
    expect(unchanged(root, cache)).toBe(world);
    // New bytes: another world.
    write(root, 'shared/types.py', 'class SharedRecord:\n    email: str\n');
    backdate(root);
    expect(unchanged(root, cache)).toBeUndefined();
    const next = scan(root, cache).cache!.world;
    expect(next).not.toBe(world);
    expect(unchanged(root, cache)).toBe(next);
    // The cache off: nothing is known.
    expect(unchanged(root, null as unknown as string)).toBeUndefined();
  });

  it('needs stored findings for every requested file', () => {
    const root = workspace(files);
    const cache = path.join(root, '.cache-test');
    backdate(root);
    const world = scan(root, cache, ['shared/types.py']).cache!.world;
    expect(unchanged(root, cache, ['shared/types.py'])).toBe(world);
    expect(unchanged(root, cache, ['netra_backend/app/models.py'])).toBeUndefined();
    expect(unchanged(root, cache)).toBeUndefined();
  });
});

describe('the pack on disk', () => {
  const files = { 'shared/types.py': RECORD, 'netra_backend/app/models.py': RECORD, 'netra_backend/app/settings.py': 'import os\nX = os.environ["A"]\n' };
  const packs = (dir: string) => fs.readdirSync(dir).sort();

  it('a scan that fails halfway leaves the last pack as it was and no temp file', () => {
    const root = workspace(files);
    const cache = path.join(root, '.cache-test');
    warm(root, cache);
    const before = packs(cache);
    expect(before).toHaveLength(1);
    const bytes = fs.readFileSync(path.join(cache, before[0]));
    // A new file is checked (and its entry written) before the scan fails.
    write(root, 'netra_backend/app/new.py', 'import os\nY = os.getenv("B")\n');
    let n = 0;
    const project = createProject(root, loadConfig(root).config);
    expect(() =>
      scanWorkspace(project, undefined, {
        cacheDir: cache,
        onProgress: () => {
          if (++n === 4) throw new Error('stop');
        },
      }),
    ).toThrow('stop');
    expect(packs(cache)).toEqual(before);
    expect(fs.readFileSync(path.join(cache, before[0]))).toEqual(bytes);
    expect(warm(root, cache).cache).toMatchObject({ hits: 3, misses: 1 });
  });

  it('a truncated pack is an empty cache; a cache folder that cannot be made is no cache', () => {
    const root = workspace(files);
    const cache = path.join(root, '.cache-test');
    warm(root, cache);
    const pack = path.join(cache, packs(cache)[0]);
    const whole = fs.readFileSync(pack);
    for (const cut of [1, 4, 100, whole.length - 5]) {
      fs.writeFileSync(pack, whole.subarray(0, whole.length - cut));
      expect(warm(root, cache).cache).toMatchObject({ hits: 0, misses: 3 });
    }
    fs.writeFileSync(path.join(root, 'not-a-dir'), 'x');
    expect(warm(root, path.join(root, 'not-a-dir', 'cache')).cache).toMatchObject({ hits: 0, misses: 3 });
  });
});

describe('what a scan leaves behind', () => {
  it('the index on project.index keeps none of the scan itself alive', async () => {
    const gc = collector();
    const root = workspace({ 'netra_backend/app/settings.py': 'import os\nX = os.environ["A"]\n', 'tsconfig.json': '{}\n', 'frontend/app.ts': 'export const a = 1;\n' });
    for (const cacheDir of [null, path.join(root, '.cache-test')]) {
      const { project, local } = scanAndDrop(root, cacheDir);
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      expect(project.index?.size).toBe(2);
      expect(local.deref()).toBeUndefined();
    }
  });
});

/**
 * Scans, keeps the project (and its index), drops the results. The handle is a file's
 * list of local findings, which only the scan's own state also holds (an index that kept
 * that state kept every file's results).
 */
function scanAndDrop(root: string, cacheDir: string | null) {
  const project = createProject(root, loadConfig(root).config);
  const r = scanWorkspace(project, undefined, { cacheDir });
  const settings = r.results.find((x) => x.file.path === 'netra_backend/app/settings.py')!;
  expect(settings.violations.map((v) => v.rule)).toEqual(['env-access']);
  return { project, local: new WeakRef(settings.violations) };
}

/** V8's collector, exposed at run time (vitest's workers are not started with --expose-gc). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
