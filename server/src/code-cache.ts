/**
 * The TypeScript compiler loaded through a V8 code cache. Its 9 MB of JavaScript took
 * 230-300 ms to compile at every run that parses a TS file or reads a config (a third of a
 * small check's time, e.g. a pre-commit hook's); compiled from a cache made after an earlier
 * run used it (so with the functions that run compiled too), 100-115 ms.
 *
 * The cache is one file per compiler file and node build under SSOT_LINT_CODE_CACHE
 * (default: a folder of the user's in the OS temp folder; `off` disables it). V8 checks the
 * data against the source and its own version and flags, and compiles normally when they do
 * not match: a stale, foreign or damaged file costs one compile and is replaced. (Node's
 * flags are left to that check, not put in the file's name: runs with and without, say,
 * --cpu-prof would otherwise drop each other's file in turn.) Written once per new cache
 * (temp file + rename) when the process exits.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** What the last requireTypeScript did (for tests). */
export type CodeCacheUse = 'off' | 'used' | 'made' | 'rejected' | 'unavailable';
export let lastCodeCacheUse: CodeCacheUse = 'off';

export function codeCacheDir(): string | undefined {
  const set = process.env.SSOT_LINT_CODE_CACHE;
  if (set === 'off') return undefined;
  if (set) return set;
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
  return path.join(os.tmpdir(), `ssot-lint-code-cache-${user}`);
}

/**
 * The typescript package, as `require('typescript')` from `from` (a file) would load it,
 * compiled with the code cache when it can be. Only this package: the one place outside
 * node's own loader where the engine compiles code (test/reliability/config-security.test.ts).
 */
export function requireTypeScript(from: string, dir = codeCacheDir()): unknown {
  let file: string;
  try {
    file = require.resolve('typescript', { paths: [path.dirname(from)] });
  } catch {
    lastCodeCacheUse = 'unavailable';
    return require('typescript');
  }
  const loaded = require.cache[file];
  if (loaded) return loaded.exports;
  if (!dir || !ownFolder(dir)) {
    lastCodeCacheUse = dir ? 'unavailable' : 'off';
    return require('typescript');
  }
  let source: string;
  let stat: fs.Stats;
  try {
    source = fs.readFileSync(file, 'utf8');
    stat = fs.statSync(file);
  } catch {
    lastCodeCacheUse = 'unavailable';
    return require('typescript');
  }
  const key = createHash('sha1').update(JSON.stringify([file, stat.size, stat.mtimeMs, process.version, process.arch])).digest('hex').slice(0, 20);
  const cacheFile = path.join(dir, `typescript-${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  lastCodeCacheUse = cachedData === undefined ? 'made' : fresh ? 'rejected' : 'used';
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  // Registered first, as require does: a cycle back into the module gets the same exports.
  require.cache[file] = mod;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  } catch (err) {
    delete require.cache[file];
    throw err;
  }
  mod.loaded = true;
  // At exit the data holds the functions this run compiled, not only the top level.
  if (fresh) process.once('exit', () => save(cacheFile, () => script.createCachedData()));
  return mod.exports;
}

/**
 * The folder is this user's alone (made so when missing): compiled code is read from it, and
 * in a shared temp folder another user could have made it first.
 */
function ownFolder(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    return st.isDirectory() && (typeof process.getuid !== 'function' || (st.uid === process.getuid() && (st.mode & 0o022) === 0));
  } catch {
    return false;
  }
}

/** Best effort: a folder or disk that refuses only costs the next run its cache. Drops the module's older caches. */
function save(file: string, data: () => Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data());
    fs.renameSync(tmp, file);
    const name = path.basename(file);
    const stem = name.slice(0, name.lastIndexOf('-') + 1);
    for (const other of fs.readdirSync(path.dirname(file))) {
      if (other !== name && other.startsWith(stem) && other.endsWith('.v8')) fs.rmSync(path.join(path.dirname(file), other), { force: true });
    }
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
