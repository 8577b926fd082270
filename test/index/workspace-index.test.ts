/**
 * The workspace index and the two-phase scan on small multi-file workspaces: import
 * resolution (Python packages, relative imports, TS relative and tsconfig `paths`),
 * incremental updates (a rename that removes a duplicate updates both files), the
 * canonical module's deletion, and the facts cache.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { checkFile, createProject, extractFacts } from '../../shared-rules/src/engine/check';
import { scanWorkspace } from '../../shared-rules/src/engine/scan';
import { checkWorkspaceLevel } from '../../shared-rules/src/engine/workspace';
import { createWorkspaceIndex } from '../../shared-rules/src/index/build';
import { outlineOf } from '../../shared-rules/src/index/outline';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-index-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
  return root;
}

function indexed(root: string, files: Record<string, string>) {
  const project = createProject(root, netraPreset());
  const index = createWorkspaceIndex(project);
  project.index = index;
  for (const [p, text] of Object.entries(files)) index.update(p, outlineOf(extractFacts(p, text), text));
  return { project, index };
}

const RECORD = 'class UserRecord:\n    email: str\n';

describe('WorkspaceIndex', () => {
  it('resolves Python packages, __init__ and relative imports to files', () => {
    const files = {
      'netra_backend/__init__.py': '',
      'netra_backend/app/__init__.py': 'from .db import clickhouse\n',
      'netra_backend/app/db/__init__.py': '',
      'netra_backend/app/db/clickhouse.py': 'def get_clickhouse_client():\n    pass\n',
      'netra_backend/app/services/a.py': 'from netra_backend.app.db.clickhouse import get_clickhouse_client as c\n',
      'netra_backend/app/services/b.py': 'from ..db import clickhouse\nimport netra_backend.app.db as dbpkg\n',
    };
    const { index } = indexed(workspace(files), files);
    expect(index.importersOf('netra_backend/app/db/clickhouse.py')).toEqual(['netra_backend/app/__init__.py', 'netra_backend/app/services/a.py', 'netra_backend/app/services/b.py']);
    expect(index.importersOf('netra_backend/app/db/__init__.py')).toEqual(['netra_backend/app/__init__.py', 'netra_backend/app/services/b.py']);
    expect(index.importsOf('netra_backend/app/services/b.py')).toEqual(['netra_backend/app/db/__init__.py', 'netra_backend/app/db/clickhouse.py']);
    expect(index.pythonFile('netra_backend.app.db')).toBe('netra_backend/app/db/__init__.py');
  });

  it('resolves TS relative specifiers, index files and tsconfig paths aliases', () => {
    const files = {
      'frontend/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"], "#cfg": ["lib/config/index.ts"] } } }',
      'frontend/lib/api.ts': 'export interface Api {}\n',
      'frontend/lib/config/index.ts': 'export const cfg = 1;\n',
      'frontend/components/A.tsx': "import { Api } from '@/lib/api';\nimport { cfg } from '#cfg';\n",
      'frontend/components/B.tsx': "import type { Api } from '../lib/api';\nimport { cfg } from '../lib/config';\n",
    };
    const root = workspace(files);
    const sources = Object.fromEntries(Object.entries(files).filter(([p]) => !p.endsWith('.json')));
    const { index } = indexed(root, sources);
    expect(index.importersOf('frontend/lib/api.ts')).toEqual(['frontend/components/A.tsx', 'frontend/components/B.tsx']);
    expect(index.importersOf('frontend/lib/config/index.ts')).toEqual(['frontend/components/A.tsx', 'frontend/components/B.tsx']);
  });

  it('a rename that removes a duplicate updates both files', () => {
    const files = { 'shared/types.py': RECORD, 'netra_backend/app/models.py': RECORD };
    const { project, index } = indexed(workspace(files), files);
    const dup = (p: string, text: string) => checkFile(project, p, text).violations.filter((v) => v.rule === 'duplicate-definition');
    expect(dup('shared/types.py', RECORD)).toHaveLength(1);
    expect(dup('netra_backend/app/models.py', RECORD)[0].related.map((r) => r.file)).toEqual(['shared/types.py']);
    const renamed = 'class BackendUserRecord:\n    email: str\n';
    const affected = index.update('netra_backend/app/models.py', outlineOf(extractFacts('netra_backend/app/models.py', renamed), renamed));
    expect(affected).toEqual(['shared/types.py']);
    expect(dup('shared/types.py', RECORD)).toEqual([]);
    expect(dup('netra_backend/app/models.py', renamed)).toEqual([]);
    expect(index.remove('shared/types.py')).toEqual([]);
  });

  it('TS: a rename that removes a duplicate interface updates both files, and alias importers are dependents', () => {
    const agent = 'export interface AgentConfig<T> extends BaseConfig {\n  id: T;\n}\n';
    const files = {
      'frontend/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }',
      'frontend/lib/agent.ts': agent,
      'frontend/services/agent.ts': agent,
      'frontend/components/Agent.tsx': "import type { AgentConfig } from '@/lib/agent';\n",
    };
    const root = workspace(files);
    const sources = Object.fromEntries(Object.entries(files).filter(([p]) => !p.endsWith('.json')));
    const { project, index } = indexed(root, sources);
    const dup = (p: string, text: string) => checkFile(project, p, text).violations.filter((v) => v.rule === 'duplicate-definition');
    expect(dup('frontend/lib/agent.ts', agent)).toHaveLength(1);
    expect(dup('frontend/services/agent.ts', agent)[0].related.map((r) => r.file)).toEqual(['frontend/lib/agent.ts']);
    const renamed = agent.replace('AgentConfig', 'ServiceAgentConfig');
    // The other copy changes, and so may Agent.tsx: it imports a name the edited file used to define.
    expect(index.update('frontend/services/agent.ts', outlineOf(extractFacts('frontend/services/agent.ts', renamed), renamed))).toEqual([
      'frontend/components/Agent.tsx',
      'frontend/lib/agent.ts',
    ]);
    expect(dup('frontend/lib/agent.ts', agent)).toEqual([]);
    expect(dup('frontend/services/agent.ts', renamed)).toEqual([]);
    // Editing the aliased module makes its importer (through `@/lib/agent`) a dependent.
    expect(index.dependentsOf('frontend/lib/agent.ts')).toContain('frontend/components/Agent.tsx');
  });

  it('deleting the canonical module fires canonical-imports-exist; restoring it clears it', () => {
    const canonical = 'class IsolatedEnvironment:\n    pass\n\n\ndef get_env():\n    return IsolatedEnvironment()\n';
    const files = { 'shared/isolated_environment.py': canonical, 'netra_backend/app/x.py': 'from shared.isolated_environment import get_env\n' };
    const { project, index } = indexed(workspace(files), files);
    expect(checkWorkspaceLevel(project).filter((v) => v.message.includes('shared.isolated_environment'))).toEqual([]);
    expect(index.remove('shared/isolated_environment.py')).toEqual(['netra_backend/app/x.py']);
    const found = checkWorkspaceLevel(project).filter((v) => v.rule === 'canonical-imports-exist' && v.message.includes('shared.isolated_environment'));
    expect(found.map((v) => `${v.file}:${v.range.start.line + 1}`)).toEqual(['shared/isolated_environment.py:1']);
    index.update('shared/isolated_environment.py', outlineOf(extractFacts('shared/isolated_environment.py', canonical), canonical));
    expect(checkWorkspaceLevel(project).filter((v) => v.message.includes('shared.isolated_environment'))).toEqual([]);
  });
});

describe('scanWorkspace', () => {
  const files = {
    'shared/types.py': RECORD,
    'netra_backend/app/models.py': RECORD,
    'netra_backend/app/db/clickhouse.py': 'def get_clickhouse_client():\n    pass\n',
    'netra_backend/app/q.py': 'from netra_backend.app.db.client_clickhouse import get_clickhouse_client as ch\n',
  };

  it('indexes the whole workspace even when checking one path', () => {
    const root = workspace(files);
    const project = createProject(root, netraPreset());
    const r = scanWorkspace(project, ['netra_backend/app/models.py'], { cacheDir: null });
    expect(r.results.map((x) => x.file.path)).toEqual(['netra_backend/app/models.py']);
    expect(r.report.violations.filter((v) => v.rule === 'duplicate-definition').map((v) => v.file)).toEqual(['netra_backend/app/models.py']);
    expect(project.index?.size).toBe(4);
  });

  it('hashes class shapes only where duplicate-definition compares them: copies in production files it applies to', () => {
    const copy = 'class UserRecord:\n    email: str\n\n\nclass Other:\n    pass\n';
    const other = 'class Unique:\n    pass\n';
    const root = workspace({ 'shared/types.py': copy, 'netra_backend/app/models.py': copy, 'tests/test_models.py': copy, 'scripts/tool.py': copy, 'netra_backend/app/unique.py': other });
    const project = createProject(root, netraPreset());
    const r = scanWorkspace(project, undefined, { cacheDir: null });
    const shapes = (p: string) => project.index!.outline(p)!.classes.map((c) => c.shape);
    const eager = outlineOf(extractFacts('shared/types.py', copy), copy).classes.map((c) => c.shape);
    expect(eager.every((s) => s !== 0) && eager[0] !== eager[1]).toBe(true);
    // The scan hashed nothing; the rule computed the kept copy's shapes to compare them with
    // the other production copy's (kept in the index's outline, computed once).
    expect(shapes('shared/types.py')).toEqual(eager);
    expect(shapes('netra_backend/app/models.py')).toEqual([0, 0]);
    expect(shapes('tests/test_models.py')).toEqual([0, 0]);
    expect(shapes('scripts/tool.py')).toEqual([0, 0]);
    expect(shapes('netra_backend/app/unique.py')).toEqual([0]);
    // The production copies are equal, so the non-kept one gets the fix.
    const dup = r.report.violations.filter((v) => v.rule === 'duplicate-definition' && v.file === 'netra_backend/app/models.py');
    expect(dup.map((v) => [v.line, v.fixable])).toEqual([[1, true], [5, true]]);
    // An update computes the shapes of its copies (the change signature needs them), not of its unique names.
    const index = project.index!;
    index.update('netra_backend/app/models.py', outlineOf(extractFacts('netra_backend/app/models.py', copy), copy, false), copy);
    expect(shapes('netra_backend/app/models.py')).toEqual(eager);
    index.update('netra_backend/app/unique.py', outlineOf(extractFacts('netra_backend/app/unique.py', other), other, false), other);
    expect(shapes('netra_backend/app/unique.py')).toEqual([0]);
    // A test file's copies are never compared: no shape, even on update.
    index.update('tests/test_models.py', outlineOf(extractFacts('tests/test_models.py', copy), copy, false), copy);
    expect(shapes('tests/test_models.py')).toEqual([0, 0]);
    // With the rule off, nothing compares them.
    const off = netraPreset();
    off.rules['duplicate-definition'] = { ...off.rules['duplicate-definition'], severity: 'off' };
    const quiet = createProject(root, off);
    scanWorkspace(quiet, undefined, { cacheDir: null });
    expect(quiet.index!.outline('shared/types.py')!.classes.map((c) => c.shape)).toEqual([0, 0]);
  });

  it('counts a copy whose shape cannot be had as reshaped on every update', () => {
    // Neither the old entry nor the new one has a shape, and the text to compute it is gone:
    // the copies elsewhere must be re-checked, not trusted (an in-place edit may be behind it).
    const copy = 'class UserRecord:\n    email: str\n';
    const root = workspace({ 'shared/types.py': copy, 'netra_backend/app/models.py': copy });
    const index = createWorkspaceIndex(createProject(root, netraPreset()));
    for (const p of ['shared/types.py', 'netra_backend/app/models.py']) index.add(p, outlineOf(extractFacts(p, copy), copy, false));
    const { keys } = index.recordReads(() => index.definitionsOf('UserRecord'));
    const epoch = index.epoch;
    fs.rmSync(path.join(root, 'shared/types.py'));
    index.update('shared/types.py', outlineOf(extractFacts('shared/types.py', copy), copy, false));
    expect(index.changedSince(keys, epoch)).toBe(true);
    // A unique name's definition is not a copy: the same update leaves its readers alone.
    const unique = 'class Unique:\n    pass\n';
    index.add('netra_backend/app/unique.py', outlineOf(extractFacts('netra_backend/app/unique.py', unique), unique, false));
    const seen = index.recordReads(() => index.definitionsOf('Unique'));
    const at = index.epoch;
    index.update('netra_backend/app/unique.py', outlineOf(extractFacts('netra_backend/app/unique.py', unique), unique, false));
    expect(index.changedSince(seen.keys, at)).toBe(false);
  });

  it('never offers the deletion fix when the kept copy cannot be read to compare (unknown is not equal to unknown)', () => {
    const copy = 'class UserRecord:\n    email: str\n';
    const root = workspace({ 'shared/types.py': copy, 'netra_backend/app/models.py': copy });
    const project = createProject(root, netraPreset());
    // Index both copies without shapes, then lose the kept copy's file before the rule compares.
    const index = createWorkspaceIndex(project);
    for (const p of ['shared/types.py', 'netra_backend/app/models.py']) index.add(p, outlineOf(extractFacts(p, copy), copy, false));
    project.index = index;
    fs.rmSync(path.join(root, 'shared/types.py'));
    const r = checkFile(project, 'netra_backend/app/models.py', copy);
    const dup = r.violations.filter((v) => v.rule === 'duplicate-definition');
    expect(dup.map((v) => [v.message, v.fixes.length])).toEqual([[
      'Class UserRecord is also defined in shared/types.py (2 copies): keep one definition and import it (no automatic fix: the copy in shared/types.py could not be read to compare it with this one; merge them by hand)',
      0,
    ]]);
  });

  it('a name copied into 25 modules: every copy reported, 20 related locations each, the count in the message', () => {
    const copies: Record<string, string> = {};
    for (let i = 0; i < 25; i++) copies[`netra_backend/app/m${String(i).padStart(2, '0')}.py`] = `# copy ${i}\n${RECORD}`;
    const r = scanWorkspace(createProject(workspace(copies), netraPreset()), undefined, { cacheDir: null });
    const dups = r.report.violations.filter((v) => v.rule === 'duplicate-definition');
    expect(dups.map((v) => v.file)).toEqual(Object.keys(copies));
    const first = r.results[0].violations.find((v) => v.rule === 'duplicate-definition')!;
    expect(first.message).toBe(
      'Class UserRecord is also defined in netra_backend/app/m01.py, netra_backend/app/m02.py, netra_backend/app/m03.py and 21 more (25 copies): keep one definition and import it; this is the copy to keep',
    );
    expect(first.related).toHaveLength(20);
    expect(first.related[0]).toEqual({ file: 'netra_backend/app/m01.py', range: { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } }, message: 'UserRecord is also defined here' });
    expect(first.related[19].file).toBe('netra_backend/app/m20.py');
  });

  it('a second scan of an unchanged tree parses nothing, with identical results', () => {
    const root = workspace(files);
    const cacheDir = path.join(root, '.cache-test');
    const first = scanWorkspace(createProject(root, netraPreset()), undefined, { cacheDir });
    // One entry per path: local results depend on the path (category, scopes, fingerprints),
    // so the two identical UserRecord files are two entries.
    expect(first.cache).toMatchObject({ hits: 0, misses: 4 });
    const second = scanWorkspace(createProject(root, netraPreset()), undefined, { cacheDir });
    expect(second.cache).toMatchObject({ hits: 4, misses: 0 });
    expect(second.report).toEqual(first.report);
    fs.writeFileSync(path.join(root, 'netra_backend/app/models.py'), 'class Other:\n    pass\n');
    const third = scanWorkspace(createProject(root, netraPreset()), undefined, { cacheDir });
    expect(third.cache).toMatchObject({ hits: 3, misses: 1 });
    expect(third.report.violations.filter((v) => v.rule === 'duplicate-definition')).toEqual([]);
    // Cached local results hold for one config: another one re-checks every file.
    const strict = netraPreset();
    strict.rules['file-size'] = { ...strict.rules['file-size'], severity: 'error' };
    expect(scanWorkspace(createProject(root, strict), undefined, { cacheDir }).cache).toMatchObject({ hits: 0, misses: 4 });
    // Safe to delete, and a corrupt pack is an empty cache.
    fs.writeFileSync(third.cache!.file, 'garbage');
    expect(scanWorkspace(createProject(root, netraPreset()), undefined, { cacheDir }).cache).toMatchObject({ hits: 0, misses: 4 });
  });
});
