import fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { syncBuiltinESMExports } from 'module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../shared-rules/src/workspace/discover';
import { createScope } from '../../shared-rules/src/config/scope';
import { resolveConfig } from '../../shared-rules/src/config/load';

let root: string;
const scope = createScope(resolveConfig({ maxFileBytes: 1000 }, 'test'));

/** discoverFiles(root, scope) with some of fs's functions replaced (the walk calls them through the module object). */
function discoverWith(fakes: Partial<typeof fs>): ReturnType<typeof discoverFiles> {
  const real = Object.fromEntries(Object.keys(fakes).map((k) => [k, fs[k as keyof typeof fs]]));
  Object.assign(fs, fakes);
  syncBuiltinESMExports();
  try {
    return discoverFiles(root, scope);
  } finally {
    Object.assign(fs, real);
    syncBuiltinESMExports();
  }
}

function write(rel: string, content = 'x = 1\n'): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-discover-'));
  write('netra_backend/app/main.py');
  write('netra_backend/app/big.py', '#'.repeat(1001));
  write('netra_backend/app/edge.py', '#'.repeat(1000)); // exactly the limit: kept
  write('frontend/lib/unified-api-config.ts', 'export {};\n');
  write('frontend/node_modules/react/index.js');
  write('node_modules/x/index.js');
  write('.venv/lib/site.py');
  write('.git/hooks/x.py');
  write('backup/tests/test_old.py');
  write('backups/x.py');
  write('tests/conftest.py');
  write('README.md', '# hi\n');
  write('.eslintrc.js', 'module.exports = {};\n');
  for (const n of ['B.py', 'a.py', 'é.py', '_x.py', 'Z/a.py', 'a-b.py']) write(`order/${n}`);
  fs.symlinkSync(path.join(root, 'netra_backend/app/main.py'), path.join(root, 'link.py'));
  fs.symlinkSync(path.join(root, 'netra_backend'), path.join(root, 'linkdir'));
  fs.symlinkSync(path.join(root, 'nowhere.py'), path.join(root, 'broken.py'));
  fs.symlinkSync(path.join(root, 'README.md'), path.join(root, 'readme-link.md')); // not in scope: silent
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(root, 'frontend/node_modules/self')); // inside a pruned dir
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const paths = (r: { files: { path: string }[] }) => r.files.map((f) => f.path);

describe('discoverFiles', () => {
  it('walks the tree, prunes excluded folders, skips links and big files, sorted', () => {
    const r = discoverFiles(root, scope);
    expect(paths(r)).toEqual([
      '.eslintrc.js',
      'frontend/lib/unified-api-config.ts',
      'netra_backend/app/edge.py',
      'netra_backend/app/main.py',
      'order/B.py',
      'order/Z/a.py',
      'order/_x.py',
      'order/a-b.py',
      'order/a.py',
      'order/é.py',
      'tests/conftest.py',
    ]);
    expect(r.skipped).toEqual([
      { path: 'broken.py', reason: 'broken symlink' },
      { path: 'link.py', reason: 'symlink' },
      { path: 'linkdir', reason: 'symlink' },
      { path: 'netra_backend/app/big.py', reason: 'too large' },
    ]);
    expect(r.files.find((f) => f.path === 'netra_backend/app/edge.py')?.size).toBe(1000);
    expect(r.files.find((f) => f.path === 'frontend/lib/unified-api-config.ts')?.size).toBe(11);
  });

  it('does not read pruned directories at all', () => {
    const seen: string[] = [];
    const real = fs.readdirSync;
    (fs as { readdirSync: unknown }).readdirSync = ((p: fs.PathLike, o: unknown) => {
      seen.push(path.relative(root, String(p)).split(path.sep).join('/'));
      return (real as (p: fs.PathLike, o: unknown) => unknown)(p, o);
    }) as typeof fs.readdirSync;
    syncBuiltinESMExports();
    try {
      discoverFiles(root, scope);
    } finally {
      fs.readdirSync = real;
      syncBuiltinESMExports();
    }
    expect(seen.sort()).toEqual(['', 'frontend', 'frontend/lib', 'netra_backend', 'netra_backend/app', 'order', 'order/Z', 'tests']);
  });

  it('follows symlinks on request, without looping', () => {
    fs.symlinkSync(root, path.join(root, 'order/Z/loop')); // to an ancestor: cut at once
    fs.symlinkSync(path.join(root, 'order'), path.join(root, 'frontend/order-link')); // to a sibling: walked
    const r = discoverFiles(root, scope, { followSymlinks: true });
    expect(paths(r)).toEqual(expect.arrayContaining(['link.py', 'linkdir/app/main.py', 'order/Z/a.py', 'frontend/order-link/Z/a.py']));
    expect(paths(r).filter((p) => p.includes('loop'))).toEqual([]);
    expect(paths(r).filter((p) => p.startsWith('frontend/order-link/'))).toHaveLength(6);
    expect(r.skipped).toEqual([
      { path: 'broken.py', reason: 'broken symlink' },
      { path: 'frontend/order-link/Z/loop', reason: 'symlink loop' },
      { path: 'linkdir/app/big.py', reason: 'too large' },
      { path: 'netra_backend/app/big.py', reason: 'too large' },
      { path: 'order/Z/loop', reason: 'symlink loop' },
    ]);
  });

  it('honours maxFileBytes from the options over the config', () => {
    const r = discoverFiles(root, scope, { maxFileBytes: 5000 });
    expect(paths(r)).toContain('netra_backend/app/big.py');
  });

  it('checks explicit files and folders only, saying why one yields nothing', () => {
    const r = discoverFiles(root, scope, {
      paths: ['netra_backend', 'netra_backend/app/main.py', './tests/conftest.py', path.join(root, 'order/Z'), 'missing.py', 'node_modules/x', 'node_modules/x/index.js', 'backup/tests/test_old.py', 'README.md', '../elsewhere', '/etc/passwd'],
    });
    expect(paths(r)).toEqual(['netra_backend/app/edge.py', 'netra_backend/app/main.py', 'order/Z/a.py', 'tests/conftest.py']);
    expect(r.skipped).toEqual([
      { path: '../elsewhere', reason: 'outside workspace' },
      { path: '/etc/passwd', reason: 'outside workspace' },
      { path: 'README.md', reason: 'not included' },
      { path: 'backup/tests/test_old.py', reason: 'excluded' },
      { path: 'missing.py', reason: 'not found' },
      { path: 'netra_backend/app/big.py', reason: 'too large' },
      { path: 'node_modules/x', reason: 'excluded' },
      { path: 'node_modules/x/index.js', reason: 'excluded' },
    ]);
  });

  it('an explicit root is the whole workspace', () => {
    expect(discoverFiles(root, scope, { paths: ['.'] })).toEqual(discoverFiles(root, scope));
  });

  it('reports special files that match the include globs', () => {
    execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
    expect(discoverFiles(root, scope).skipped).toContainEqual({ path: 'pipe.py', reason: 'not a regular file' });
  });

  it('reports unreadable directories and files deleted during the walk', () => {
    const realReaddir = fs.readdirSync;
    const realStat = fs.statSync;
    const fail = (code: string) => Object.assign(new Error(code), { code });
    const r = discoverWith({
      readdirSync: ((p: fs.PathLike, o: unknown) => {
        if (String(p).endsWith(`${path.sep}order`)) throw fail('EACCES');
        return (realReaddir as (p: fs.PathLike, o: unknown) => unknown)(p, o);
      }) as typeof fs.readdirSync,
      statSync: ((p: fs.PathLike, o?: unknown) => {
        if (String(p).endsWith('main.py')) throw fail('ENOENT');
        return (realStat as (p: fs.PathLike, o?: unknown) => unknown)(p, o);
      }) as typeof fs.statSync,
    });
    expect(r.skipped).toEqual(expect.arrayContaining([
      { path: 'order', reason: 'unreadable directory (permission denied)' },
      { path: 'netra_backend/app/main.py', reason: 'deleted during scan' },
    ]));
    expect(paths(r)).not.toContain('order/a.py');
    expect(paths(r)).toContain('netra_backend/app/edge.py');
  });

  it('asks the file system whether a file is readable only when its mode does not say so', () => {
    // Root reads anything, so access is faked: it refuses both files, but only the one
    // others may not read is asked (a world-readable file needs no second syscall).
    fs.chmodSync(path.join(root, 'tests/conftest.py'), 0o600);
    const realAccess = fs.accessSync;
    const asked: string[] = [];
    const r = discoverWith({
      accessSync: ((p: fs.PathLike, mode?: number) => {
        asked.push(path.relative(root, String(p)));
        if (/conftest|edge/.test(String(p))) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        return realAccess(p, mode);
      }) as typeof fs.accessSync,
    });
    expect(asked).toEqual(['tests/conftest.py']);
    expect(r.skipped).toContainEqual({ path: 'tests/conftest.py', reason: 'unreadable file (permission denied)' });
    expect(paths(r)).toContain('netra_backend/app/edge.py');
    expect(paths(r)).not.toContain('tests/conftest.py');
  });

  it('reports an unreadable root instead of throwing', () => {
    expect(discoverFiles(path.join(root, 'nope'), scope)).toEqual({ files: [], skipped: [{ path: '.', reason: 'not found' }] });
  });
});
