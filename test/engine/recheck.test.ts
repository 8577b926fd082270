/**
 * recheckDependent (re-run only the rules that read the index on a file whose own text
 * did not change) must give exactly what a full checkFile gives, after edits to a module
 * hundreds of files import: the editor's incremental path and a fresh check never disagree.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile, createProject, extractFacts, loadConfig, recheckDependent, scanWorkspace, outlineOf, type FileResult } from '../../shared-rules/src';

const REPO = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-recheck-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('recheckDependent', () => {
  it.each([false, true])('equals a full check on every dependent of an edited hub module, edit after edit (index reads tracked: %s)', (track) => {
    const root = path.join(tmp, `mono-${track}`);
    execFileSync(process.execPath, [path.join(REPO, 'bench/generate-monorepo.mjs'), '--py', '400', '--ts', '20', '--seed', '11', '--out', root]);
    const project = { ...createProject(root, loadConfig(root).config), trackIndexReads: track };
    const scan = scanWorkspace(project, undefined, { cacheDir: null });
    const results = new Map<string, FileResult>(scan.results.map((r) => [r.file.path, r]));
    const index = project.index!;
    const hub = 'netra_backend/app/core/hub.py';
    const original = fs.readFileSync(path.join(root, hub), 'utf8');
    const edits = [
      // A second definition of names other files define (duplicate-definition on both sides).
      `${original}\n\nclass UserRecord:\n    id: int\n\n\nclass Settings:\n    debug: bool\n`,
      // The imported function gone.
      original.replace('def get_hub():', 'def get_hub_v2():'),
      original,
    ];
    let rerun = 0;
    let read = 0;
    for (const text of edits) {
      const dependents = index.update(hub, outlineOf(extractFacts(hub, text), text));
      expect(dependents.length).toBeGreaterThan(300);
      for (const dep of dependents) {
        const outline = index.outline(dep)!;
        const disk = () => {
          read++;
          return fs.readFileSync(path.join(root, dep), 'utf8');
        };
        const fast = recheckDependent(project, dep, results.get(dep)!, outline, disk);
        const full = checkFile(project, dep, fs.readFileSync(path.join(root, dep), 'utf8'));
        expect(fast.violations).toEqual(full.violations);
        expect(fast.suppressedCount).toBe(full.suppressedCount);
        results.set(dep, fast);
        rerun++;
      }
    }
    // The point of it: most dependents never needed their text.
    expect(read).toBeLessThan(rerun / 2);
  });
});
