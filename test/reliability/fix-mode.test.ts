/**
 * Data safety of `ssot-lint check --fix`: killed with SIGKILL at several points, every
 * file is byte-identical to its original or to its fully fixed version (never partial),
 * and a leftover temp file (possible when the kill lands between write and rename) is
 * never taken for a source. A file changed on disk after it was read is not overwritten.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// The engine as the CLI sees it (the package entry), so applyFixes gets its own Project type.
import { createProject, loadConfig, scanWorkspace } from '@ssot-lint/shared-rules';
import { applyFixes } from '../../server/src/cli/fix-files';
import { BIN } from '../helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-fix-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FILES = 600;

/** A workspace of FILES Python and TS files, each with fixable env reads; some CRLF, some latin-1 with a cookie. */
function makeWorkspace(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let i = 0; i < FILES; i++) {
    const rel = i % 3 === 2 ? `frontend/app/m${i}.ts` : `netra_backend/app/m${i}.py`;
    let text: string;
    if (rel.endsWith('.ts')) text = Array.from({ length: 30 }, (_, k) => `export const v${k} = process.env.NODE_ENV;\n`).join('');
    else text = `import os\n` + Array.from({ length: 30 }, (_, k) => `v${k} = os.environ.get('K${k}', 'd')\n`).join('');
    let bytes = Buffer.from(i % 5 === 0 ? text.replace(/\n/g, '\r\n') : text, 'utf8');
    if (i % 7 === 0 && rel.endsWith('.py')) bytes = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n# caf\xe9\n', 'latin1'), bytes]);
    files.set(rel, bytes);
  }
  for (const [rel, b] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), b);
  }
  return files;
}

function runFix(dir: string, killAfterMs?: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, 'check', '--fix', '--exit-zero', '--root', dir, dir], { stdio: 'ignore' });
  if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - t0 })));
}

function listAll(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => f.split(path.sep).join('/'));
}

describe('check --fix data safety', () => {
  it('leaves every file either original or fully fixed when killed with SIGKILL', async () => {
    const fullDir = path.join(tmp, 'full');
    const originals = makeWorkspace(fullDir);
    const full = await runFix(fullDir);
    expect(full.code).toBe(0);
    const fixed = new Map([...originals.keys()].map((rel) => [rel, fs.readFileSync(path.join(fullDir, rel))]));
    const changed = [...originals].filter(([rel, b]) => !b.equals(fixed.get(rel)!)).length;
    expect(changed).toBe(FILES); // every file has something to fix
    let partialRuns = 0;
    let leftoverTmp = 0;
    for (const fraction of [0.35, 0.55, 0.7, 0.85, 0.95]) {
      const dir = path.join(tmp, `kill-${fraction}`);
      makeWorkspace(dir);
      const r = await runFix(dir, Math.round(full.ms * fraction));
      const states = { original: 0, fixed: 0 };
      for (const [rel, before] of originals) {
        const now = fs.readFileSync(path.join(dir, rel));
        if (now.equals(before)) states.original++;
        else if (now.equals(fixed.get(rel)!)) states.fixed++;
        else throw new Error(`${rel} is neither original nor fully fixed after SIGKILL at ${fraction}`);
      }
      if (r.signal === 'SIGKILL' && states.original > 0 && states.fixed > 0) partialRuns++;
      const extra = listAll(dir).filter((f) => !originals.has(f));
      for (const f of extra) expect(f).toMatch(/\.ssot-lint-\d+\.tmp$/);
      leftoverTmp += extra.length;
      // A leftover temp file is not a source: a later run neither checks it nor trips over it.
      const scan = scanWorkspace(createProject(dir, loadConfig(dir).config));
      expect(scan.results.map((x) => x.file.path).filter((p) => !originals.has(p))).toEqual([]);
    }
    console.log(`fix-mode: ${FILES} files, full --fix run ${full.ms} ms, 5 SIGKILLs, ${partialRuns} landed mid-fix, ${leftoverTmp} leftover temp files (never read as sources), 0 partial files`);
    expect(partialRuns).toBeGreaterThan(0);
  }, 240_000);

  it('does not overwrite a file that changed on disk after it was read', () => {
    const dir = path.join(tmp, 'race');
    fs.mkdirSync(path.join(dir, 'netra_backend'), { recursive: true });
    const file = path.join(dir, 'netra_backend/a.py');
    fs.writeFileSync(file, "import os\nx = os.environ.get('A')\n");
    const project = createProject(dir, loadConfig(dir).config);
    const scan = scanWorkspace(project);
    const edited = "import os\nx = os.environ.get('A')  # edited in the editor meanwhile\n";
    fs.writeFileSync(file, edited);
    const out = applyFixes(project, scan.results);
    expect(out.filesChanged).toBe(0);
    expect(out.log.join('\n')).toMatch(/not fixing netra_backend\/a\.py: it changed on disk/);
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['a.py']);
  });
});

describe('check --fix on files it cannot round-trip', () => {
  it.each([
    ['invalid UTF-8 in a .py comment', 'netra_backend/bad.py', Buffer.concat([Buffer.from('import os\n# caf'), Buffer.from([0xe9]), Buffer.from("\nx = os.environ.get('A')\n")])],
    ['invalid UTF-8 in a .ts comment', 'frontend/bad.ts', Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\nexport const a = process.env.NODE_ENV;\n')])],
    ['unknown coding cookie', 'netra_backend/cookie.py', Buffer.from("# -*- coding: no-such-codec -*-\nimport os\nx = os.environ.get('A')\n")],
  ])('never rewrites bytes it did not decode faithfully (%s)', (_name, rel, bytes) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'enc-'));
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
    const project = createProject(dir, loadConfig(dir).config);
    applyFixes(project, scanWorkspace(project).results);
    const after = fs.readFileSync(path.join(dir, rel));
    // Either untouched, or the undecodable byte run is still there byte for byte.
    if (!after.equals(bytes)) expect(after.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9])) || after.includes(Buffer.from('no-such-codec'))).toBe(true);
  });
});
