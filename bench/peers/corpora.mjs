// The benchmark corpora, loaded once into memory so every tool sees the same strings.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function walk(dir, accept, skipDir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (!skipDir(e.name, p)) walk(p, accept, skipDir, out); }
    else if (e.isFile() && accept(e.name)) out.push(p);
  }
  return out;
}

const posix = (p) => p.split(sep).join('/');

/**
 * The Python standard library of the python3 on PATH. site-packages holds third-party
 * packages, not the stdlib, so it is excluded unless `withSitePackages`.
 */
export function pythonStdlib({ withSitePackages = false } = {}) {
  const root = execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  const version = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
  const paths = walk(root, (n) => n.endsWith('.py'), (n) => !withSitePackages && n === 'site-packages').sort();
  return load('python-stdlib', root, paths, `${version} stdlib ${withSitePackages ? 'with' : 'without'} site-packages`);
}

/** Every .py file under `root` (a generated tree, a checkout), loaded like the stdlib. */
export function pythonTree(root, label = root) {
  return load('python-tree', root, walk(root, (n) => n.endsWith('.py'), () => false).sort(), label);
}

/** TypeScript's own lib folder: .d.ts declarations and the compiler's bundled .js. */
export function typescriptLib() {
  const root = join(require.resolve('typescript/package.json'), '..', 'lib');
  const version = require('typescript/package.json').version;
  const paths = readdirSync(root).filter((f) => f.endsWith('.d.ts') || f.endsWith('.js')).map((f) => join(root, f)).sort();
  return load('typescript-lib', root, paths, `node_modules/typescript@${version}/lib (*.d.ts, *.js)`);
}

function load(id, root, paths, label) {
  const { decodePythonSource } = require('../../shared-rules/dist/lang/python/decode.js');
  const files = paths.map((p) => {
    const buf = readFileSync(p);
    // Python files are decoded the way the engine decodes them (PEP 263 cookies, BOM).
    const text = p.endsWith('.py') ? decodePythonSource(buf).text : buf.toString('utf8');
    return { abs: p, rel: posix(relative(root, p)), bytes: buf.length, text };
  });
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  return { id, root, label, files, bytes, mb: bytes / 1e6 };
}

export function totalBytesOnDisk(paths) {
  return paths.reduce((n, p) => n + statSync(p).size, 0);
}
