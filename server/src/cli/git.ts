/**
 * `--changed-since REF`: the files a pull request touches, as git sees them: changed
 * between REF and the working tree (committed or not), plus untracked files that are
 * not ignored. Paths come back relative to the workspace root.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args';

export function changedFiles(root: string, ref: string): Set<string> {
  const top = git(root, ['rev-parse', '--show-toplevel']).trim();
  // -z: paths verbatim (no quoting of unusual characters); --relative is not used so
  // the root may be a subfolder of the repository: we map from the top level ourselves.
  const diff = git(root, ['diff', '--name-only', '--no-renames', '-z', ref, '--']);
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name', '--', '.']);
  // git prints real paths; the root may be reached through a symlink (/tmp on macOS).
  const realRoot = fs.realpathSync(root);
  const out = new Set<string>();
  for (const p of [...diff.split('\0'), ...untracked.split('\0')]) {
    if (!p) continue;
    const rel = path.relative(realRoot, path.join(top, p)).split(path.sep).join('/');
    if (!rel.startsWith('../') && rel !== '..') out.add(rel);
  }
  return out;
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new UsageError(`--changed-since needs git: ${r.error.message}`);
  if (r.status !== 0) throw new UsageError(`--changed-since: git ${args[0]} failed: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout;
}
