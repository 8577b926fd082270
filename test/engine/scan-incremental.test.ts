/**
 * A scan in a changed world starts from the one the cache recorded (scan-world.ts
 * indexFromPrior): phase 2 runs only on the changed files and their dependents in the
 * index, every other file keeps its stored findings. Differential: on a generated
 * workspace of the audited shape, seeded random edits of every kind (comments, copied
 * modules that duplicate classes, swapped contents, deletions, renames across services,
 * environment reads, truncations, the canonical module itself), several per step; after
 * each step the cached scan must equal a scan without any cache, findings, fixes and
 * related locations included, while phase 2 runs on fewer files than the tree has.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared-rules/src/config/load';
import { createProject } from '../../shared-rules/src/engine/check';
import { scanWorkspace, type ScanResult } from '../../shared-rules/src/engine/scan';

const REPO = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-incremental-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function scan(root: string, cacheDir: string | null): ScanResult {
  const config = loadConfig(root);
  if (config.errors.length) throw new Error(JSON.stringify(config.errors));
  return scanWorkspace(createProject(root, config.config), undefined, { cacheDir });
}

/** Everything a user sees: the report, each finding with its fixes and related locations, skipped files. */
const seen = (r: ScanResult) => ({ report: r.report, violations: r.results.flatMap((x) => x.violations), skipped: r.skipped, workspace: r.workspaceViolations });

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sources(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (/\.(py|tsx?)$/.test(e.name)) out.push(p);
    }
  };
  walk('');
  return out.sort();
}

const EDITS = ['comment', 'copy', 'swap', 'delete', 'env', 'truncate', 'rename', 'canonical'] as const;

/** One random edit; returns what it did, for the failure message. */
function edit(root: string, rnd: () => number, step: number): string {
  const files = sources(root);
  const pick = (list: string[]) => list[Math.floor(rnd() * list.length)];
  const py = files.filter((f) => f.endsWith('.py'));
  const abs = (rel: string) => path.join(root, rel);
  const kind = EDITS[Math.floor(rnd() * EDITS.length)];
  const f = pick(kind === 'copy' || kind === 'env' ? py : files);
  const text = fs.readFileSync(abs(f), 'utf8');
  switch (kind) {
    case 'comment':
      fs.appendFileSync(abs(f), f.endsWith('.py') ? '\n# touched\n' : '\n// touched\n');
      break;
    case 'copy': {
      const to = `${path.posix.dirname(f)}/copy_${step}.py`;
      fs.writeFileSync(abs(to), text);
      return `copy ${f} -> ${to}`;
    }
    case 'swap': {
      const other = pick(files.filter((g) => g.endsWith('.py') === f.endsWith('.py')));
      fs.writeFileSync(abs(f), fs.readFileSync(abs(other)));
      return `swap ${f} <- ${other}`;
    }
    case 'delete':
      fs.rmSync(abs(f));
      break;
    case 'env':
      fs.appendFileSync(abs(f), `\nimport os\nLEAK_${step} = os.environ["LEAK_${step}"]\n`);
      break;
    case 'truncate': {
      const lines = text.split('\n');
      fs.writeFileSync(abs(f), lines.slice(0, lines.length >> 1).join('\n'));
      break;
    }
    case 'rename': {
      const service = pick(['netra_backend/app', 'auth_service/auth_core', 'shared', 'frontend/lib']);
      const to = `${service}/moved_${step}${path.posix.extname(f)}`;
      fs.mkdirSync(path.dirname(abs(to)), { recursive: true });
      fs.renameSync(abs(f), abs(to));
      return `rename ${f} -> ${to}`;
    }
    case 'canonical': {
      const canonical = 'shared/isolated_environment.py';
      if (fs.existsSync(abs(canonical)) && rnd() < 0.5) {
        fs.rmSync(abs(canonical));
        return `delete ${canonical}`;
      }
      fs.writeFileSync(abs(canonical), rnd() < 0.5 ? fs.readFileSync(abs(pick(py))) : 'import os\n\n\ndef get_env():\n    return os.environ\n');
      return `rewrite ${canonical}`;
    }
  }
  return `${kind} ${f}`;
}

describe('a scan in a changed world', () => {
  it('equals a scan without cache after every step of random edits, running phase 2 on the affected files only', () => {
    const root = path.join(tmp, 'mono');
    execFileSync(process.execPath, [path.join(REPO, 'bench/generate-monorepo.mjs'), '--py', '150', '--ts', '20', '--seed', '11', '--out', root]);
    const cache = path.join(tmp, 'cache');
    const first = scan(root, cache);
    expect(first.cache).toMatchObject({ replayed: false, phase2: first.results.length });
    expect(first.report.total_violations).toBeGreaterThan(50);
    const rnd = mulberry32(20261206);
    let partial = 0;
    for (let step = 1; step <= 24; step++) {
      const done = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => edit(root, rnd, step));
      const cached = scan(root, cache);
      expect(seen(cached), `step ${step}: ${done.join('; ')}`).toEqual(seen(scan(root, null)));
      expect(cached.cache!.replayed).toBe(false);
      if (cached.cache!.phase2 < cached.results.length) partial++;
    }
    // Most steps re-ran phase 2 on part of the tree only (a changed canonical module or a
    // copied module everyone imports can make a step touch nearly everything).
    expect(partial).toBeGreaterThanOrEqual(18);
    // A comment added to one module: phase 2 on it and its dependents in the index only.
    const leaf = 'frontend/components/c0.tsx';
    fs.appendFileSync(path.join(root, leaf), '\n// touched again\n');
    const project = createProject(root, loadConfig(root).config);
    const fresh = scanWorkspace(project, undefined, { cacheDir: null });
    const dependents = project.index!.dependentsOf(leaf);
    expect(dependents).toEqual(['frontend/components/c1.tsx']);
    const one = scan(root, cache);
    expect(seen(one)).toEqual(seen(fresh));
    expect(one.cache!.phase2).toBe(1 + dependents.length);
  });
});
