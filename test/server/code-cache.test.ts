/**
 * The TypeScript compiler loaded through a V8 code cache (server/src/code-cache.ts), in real
 * node processes: the first run makes the cache at exit, the next one uses it, a damaged
 * file is rejected by V8 and replaced, and the module is the one require would load.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-code-cache-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MODULE = path.join(REPO, 'server/dist/code-cache.js');

/** A process that loads `id` through the cache in `dir`; prints how, and what it got. */
function load(dir: string, from = path.join(REPO, 'shared-rules/dist/index.js')): { use: string; version?: string; same?: boolean; error?: string } {
  const script = `
    const c = require(${JSON.stringify(MODULE)});
    let out;
    try {
      const ts = c.requireTypeScript(${JSON.stringify(from)});
      const again = require(${JSON.stringify(path.join(REPO, 'node_modules/typescript'))});
      out = { use: c.lastCodeCacheUse, version: ts.version, same: ts === again && typeof ts.createSourceFile === 'function' };
    } catch (e) { out = { use: c.lastCodeCacheUse, error: e.code }; }
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, SSOT_LINT_CODE_CACHE: dir } });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

describe('requireTypeScript', () => {
  it('makes the cache at exit, then uses it; the module is the one require gives', () => {
    const dir = path.join(tmp, 'a');
    expect(load(dir)).toEqual({ use: 'made', version, same: true });
    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^typescript-[0-9a-f]{20}\.v8$/);
    expect(fs.statSync(path.join(dir, files[0])).size).toBeGreaterThan(100_000);
    expect(load(dir)).toEqual({ use: 'used', version, same: true });
  });

  it('a damaged cache is rejected, the module still loads, and the file is replaced', () => {
    const dir = path.join(tmp, 'b');
    load(dir);
    const file = path.join(dir, cacheFiles(dir)[0]);
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    expect(load(dir)).toEqual({ use: 'rejected', version, same: true });
    expect(fs.readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(load(dir)).toEqual({ use: 'used', version, same: true });
    // Older caches of the module (another TS or node build) are dropped when one is made.
    const older = path.join(dir, 'typescript-00000000000000000000.v8');
    fs.writeFileSync(older, 'old');
    fs.rmSync(file);
    expect(load(dir).use).toBe('made');
    expect(cacheFiles(dir)).toEqual([path.basename(file)]);
  });

  it('reads no cache from a folder others may write to', () => {
    const dir = path.join(tmp, 'shared');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o777);
    expect(load(dir)).toEqual({ use: 'unavailable', version, same: true });
    expect(cacheFiles(dir)).toEqual([]);
    // Made by the cache itself: this user's alone.
    const own = path.join(tmp, 'own', 'cache');
    expect(load(own).use).toBe('made');
    expect(fs.statSync(own).mode & 0o777).toBe(0o700);
  });

  it('off, or not found from the given file: plain require', () => {
    expect(load('off')).toEqual({ use: 'off', version, same: true });
    expect(cacheFiles(path.join(tmp, 'off'))).toEqual([]);
    expect(load(path.join(tmp, 'c'), path.join(tmp, 'nowhere.js'))).toEqual({ use: 'unavailable', version, same: true });
    expect(cacheFiles(path.join(tmp, 'c'))).toEqual([]);
  });
});
