/** Temporary workspaces for the CLI suites: files written from a map, removed after the run. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/**
 * Config for suites that pin exact counts: the netra preset without the workspace-level
 * canonical-imports-exist rule, whose findings (the preset's canonical modules do not
 * exist in a three-file workspace) would be in every count. test/cli/shard.test.ts keeps
 * it on, since merging must count workspace-level findings once.
 */
export const CONFIG = '{"rules": {"canonical-imports-exist": "off"}}';

/** A small workspace with one violation per category and a file name that needs escaping (formats suites). */
export const FORMATS_WORKSPACE: Record<string, string> = {
  'ssot-lint.json': CONFIG,
  'netra_backend/app.py': 'import os\n\nURL = os.getenv("DATABASE_URL")\nfrom . import models\n',
  'netra_backend/tests/test_app.py': 'import unittest\n\n\nclass TestApp(unittest.TestCase):\n    def test_a(self):\n        assert True\n',
  'netra_backend/ok.py': 'X = 1\n',
  'scripts/tool, v2.py': 'import os\nos.environ["A"] = "1"\n',
};
