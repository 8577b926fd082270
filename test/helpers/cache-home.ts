/**
 * Vitest global setup: the test run's scan caches go to a folder of its own, removed when
 * the run ends. The CLI and the language server keep a pack per workspace root in
 * `$XDG_CACHE_HOME/ssot-lint` when the workspace has no node_modules, and the tests' roots
 * are temp folders: without this every run left a few hundred packs in ~/.cache.
 * Test processes, and the CLIs and servers they spawn, inherit the variable.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-lint-test-cache-'));
  process.env.XDG_CACHE_HOME = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
