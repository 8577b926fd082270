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

  it('drops a copy\'s deletion fix when the copy it would import changes in place (same length, same position)', () => {
    // Spans alone do not see this edit: only the definition's shape does. A stale fix here
    // would delete a class that no longer matches the one it imports instead.
    const root = path.join(tmp, 'reshaped');
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    const kept = 'class UserRecord:\n    email: str\n';
    write('shared/types.py', kept);
    write('netra_backend/app/models.py', `import os\n\n\n${kept}`);
    const project = { ...createProject(root, loadConfig(root).config), trackIndexReads: true };
    const scan = scanWorkspace(project, undefined, { cacheDir: null });
    const copy = 'netra_backend/app/models.py';
    const before = scan.results.find((r) => r.file.path === copy)!;
    const duplicate = (r: FileResult) => r.violations.filter((v) => v.rule === 'duplicate-definition').map((v) => [v.message, v.fixes.map((f) => f.title)]);
    expect(duplicate(before)).toEqual([[
      'Class UserRecord is also defined in shared/types.py (2 copies): keep one definition and import it',
      ['Delete this copy and import UserRecord from shared/types.py'],
    ]]);
    const edited = 'class UserRecord:\n    email: int\n';
    write('shared/types.py', edited);
    // As the language server indexes an edit: no shapes in the outline, the text alongside.
    const dependents = project.index!.update('shared/types.py', outlineOf(extractFacts('shared/types.py', edited), edited, false), edited);
    expect(dependents).toEqual([copy]);
    const text = () => fs.readFileSync(path.join(root, copy), 'utf8');
    const after = recheckDependent(project, copy, before, project.index!.outline(copy)!, text);
    expect(duplicate(after)).toEqual([[
      'Class UserRecord is also defined in shared/types.py (2 copies): keep one definition and import it (no automatic fix: it differs from the copy in shared/types.py; merge them by hand)',
      [],
    ]]);
    expect(after.violations).toEqual(checkFile(project, copy, text()).violations);
  });
});
