/**
 * Hostile file systems, through the engine (scanWorkspace) and the CLI: symlink loops,
 * symlinks leaving the workspace, a FIFO (reading it would block forever), a directory
 * named like a source file, a file deleted between discovery and read, a 300-level tree
 * and a file name that is not valid UTF-8. Each is skipped or reported once with a clear
 * reason, nothing crashes or hangs, and every ordinary file is still checked.
 * (We run as root, so chmod cannot make a file unreadable: the FIFO, the directory and
 * the deleted file stand in for "cannot be read".)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../shared-rules/src/engine/check';
import { scanWorkspace } from '../../shared-rules/src/engine/scan';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { runCli } from '../helpers/cli';

const ENV_READ = "import os\nx = os.environ['A']\n";
let tmp: string;
let root: string;
const deepRel = Array.from({ length: 300 }, () => 'd').join('/');

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-fs-'));
  root = path.join(tmp, 'ws');
  const outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.py'), ENV_READ);
  fs.writeFileSync(path.join(root, 'pkg/good.py'), ENV_READ);
  fs.writeFileSync(path.join(root, 'pkg/good.ts'), 'export const a = process.env.NODE_ENV;\n');
  fs.symlinkSync('.', path.join(root, 'pkg/self')); // directory loop
  fs.symlinkSync('loop-b.py', path.join(root, 'loop-a.py')); // file link loop (ELOOP)
  fs.symlinkSync('loop-a.py', path.join(root, 'loop-b.py'));
  fs.symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'linked-out.py'));
  fs.symlinkSync(outside, path.join(root, 'outdir'));
  execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
  fs.mkdirSync(path.join(root, 'dir.py'));
  fs.writeFileSync(path.join(root, 'dir.py/inner.py'), ENV_READ);
  fs.mkdirSync(path.join(root, deepRel), { recursive: true });
  fs.writeFileSync(path.join(root, deepRel, 'deep.py'), ENV_READ);
  fs.writeFileSync(path.join(root, 'vanishing.py'), ENV_READ);
  // `café.py` with the é as the single latin-1 byte 0xE9: not valid UTF-8.
  fs.writeFileSync(Buffer.concat([Buffer.from(root + '/caf'), Buffer.from([0xe9]), Buffer.from('.py')]), ENV_READ);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CHECKED = ['dir.py/inner.py', `${deepRel}/deep.py`, 'pkg/good.py', 'pkg/good.ts'].sort();

/** Runs `fn` while reads of `vanishing.py` fail as if it had been deleted after discovery. */
function withVanishingFile<T>(fn: () => T): T {
  const nodeFs = require('node:fs') as typeof fs;
  const real = { readFileSync: fs.readFileSync, openSync: fs.openSync };
  // The file goes the moment the engine first opens it, whichever call it reads with.
  const vanishFirst =
    <F extends (...a: never[]) => unknown>(call: F): F =>
    ((p: unknown, ...rest: unknown[]) => {
      if (typeof p === 'string' && p.endsWith('vanishing.py')) fs.rmSync(p, { force: true });
      return (call as (...a: unknown[]) => unknown)(p, ...rest);
    }) as F;
  nodeFs.readFileSync = vanishFirst(real.readFileSync);
  nodeFs.openSync = vanishFirst(real.openSync);
  // The engine imports node:fs as an ES namespace; syncBuiltinESMExports makes it see the patch.
  syncBuiltinESMExports();
  try {
    return fn();
  } finally {
    nodeFs.readFileSync = real.readFileSync;
    nodeFs.openSync = real.openSync;
    syncBuiltinESMExports();
    fs.writeFileSync(path.join(root, 'vanishing.py'), ENV_READ);
  }
}

describe('filesystem: engine scan', () => {
  it('skips each bad entry once with a reason and checks every ordinary file', () => {
    const scan = withVanishingFile(() => scanWorkspace(createProject(root, netraPreset())));
    const checked = scan.results.map((r) => r.file.path).sort();
    expect(checked).toEqual(CHECKED);
    expect(scan.results.every((r) => r.violations.some((v) => v.rule === 'env-access'))).toBe(true);
    const reasons = Object.fromEntries(scan.skipped.map((s) => [s.path, s.reason]));
    expect(scan.skipped.length).toBe(Object.keys(reasons).length); // one entry per path
    expect(reasons).toMatchObject({
      'pipe.py': 'not a regular file',
      'linked-out.py': 'symlink',
      'loop-a.py': 'broken symlink',
      'loop-b.py': 'broken symlink',
      'vanishing.py': expect.stringMatching(/ENOENT|deleted/),
    });
    const nonUtf8 = scan.skipped.filter((s) => s.path.startsWith('caf'));
    expect(nonUtf8).toHaveLength(1);
    expect(nonUtf8[0].reason).toMatch(/UTF-8/);
    // Nothing behind the links was read: the outside file is never a result.
    expect(checked.some((p) => p.includes('secret') || p.startsWith('outdir'))).toBe(false);
  });
});

describe('filesystem: CLI', () => {
  it('reports the same files, prints one line per skipped entry, and exits 1 (violations), not 2', () => {
    const r = runCli(['check', '--root', root, '--format', 'json', root]);
    expect(r.stderr).not.toMatch(/internal error|Error:|    at /);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { violations: { file: string; rule: string }[] };
    // (Workspace rules also report the netra preset's missing canonical modules; only env-access is about these files.)
    const files = [...new Set(report.violations.filter((v) => v.rule === 'env-access').map((v) => v.file))].sort();
    expect(files).toEqual([...CHECKED, 'vanishing.py'].sort());
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('ssot-lint: skipped'));
    for (const name of ['pipe.py', 'loop-a.py', 'loop-b.py']) expect(lines.filter((l) => l.includes(` ${name}:`))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('caf'))).toHaveLength(1);
  }, 60_000);
});
