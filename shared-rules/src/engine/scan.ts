/**
 * Checks a workspace on disk: discover files in scope, read and decode each, run
 * the rules, and build the report. Unreadable, binary and oversized files are
 * skipped with a reason, never fatal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles } from '../workspace/discover';
import { decodePythonSource } from '../lang/python/decode';
import { buildReport, type ComplianceReport } from '../report';
import type { FileFacts } from '../facts';
import type { Violation } from '../types';
import { FactsCache, contentKey, defaultCacheDir } from '../index/facts-cache';
import { createWorkspaceIndex } from '../index/build';
import { checkFile, extractFacts, languageOf, type FileResult, type Project } from './check';
import { adoptionReport, checkWorkspaceLevel } from './workspace';

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ScanResult {
  results: FileResult[];
  skipped: SkippedFile[];
  report: ComplianceReport;
  bytes: number;
  /** Findings about the workspace as a whole (e.g. a canonical module missing), also in the report. */
  workspaceViolations: Violation[];
  /** Facts-cache use of this scan; undefined when the cache was off. */
  cache?: { file: string; hits: number; misses: number };
}

export interface DecodedFile {
  text: string;
  encoding: string;
  bom: boolean;
}

/** Decodes file bytes the way the language would (PEP 263 cookies and BOM for Python). */
export function decodeFile(relPath: string, bytes: Uint8Array): DecodedFile | { binary: true } {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { binary: true };
  if (languageOf(relPath) === 'python') return decodePythonSource(bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: new TextDecoder('utf-8').decode(bom ? bytes.subarray(3) : bytes), encoding: 'utf-8', bom };
}

export function readSource(root: string, relPath: string): DecodedFile | SkippedFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(root, relPath));
  } catch (err) {
    return { path: relPath, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  const decoded = decodeFile(relPath, bytes);
  if ('binary' in decoded) return { path: relPath, reason: 'binary (contains NUL bytes)' };
  return decoded;
}

export interface ScanOptions {
  /**
   * Where the facts cache lives: undefined = the default (`node_modules/.cache/ssot-lint`
   * in the workspace, else the OS cache dir); null = no cache.
   */
  cacheDir?: string | null;
}

/**
 * Two phases: facts for every file of the workspace (from the cache when the content is
 * unchanged), then the index, then the rules on the requested files. The index always
 * covers the whole workspace, even when `paths` narrows the check, because a duplicate
 * or a canonical definition can live in any file. The built index is left on
 * `project.index`, so later checkFile calls (fix-all, an editor) see cross-file results.
 */
export function scanWorkspace(project: Project, paths?: string[], options: ScanOptions = {}): ScanResult {
  const maxFileBytes = project.config.maxFileBytes;
  const all = discoverFiles(project.root, project.scope, { maxFileBytes });
  const found = paths ? discoverFiles(project.root, project.scope, { paths, maxFileBytes }) : all;
  const skipped: SkippedFile[] = [...found.skipped];
  const cache = options.cacheDir === null ? undefined : FactsCache.open(options.cacheDir ?? defaultCacheDir(project.root), project.root);
  const index = createWorkspaceIndex(project);
  const loaded = new Map<string, { text: string; facts: FileFacts; size: number }>();
  const skippedAll = new Map<string, string>();
  for (const f of all.files) {
    const src = readWithFacts(project.root, f.path, cache);
    if ('reason' in src) {
      skippedAll.set(f.path, src.reason);
      continue;
    }
    loaded.set(f.path, { ...src, size: f.size });
    index.update(f.path, src.facts, src.text);
  }
  cache?.save(paths === undefined);
  project.index = index;
  const results: FileResult[] = [];
  let bytes = 0;
  for (const f of found.files) {
    let src = loaded.get(f.path);
    if (!src) {
      const reason = skippedAll.get(f.path);
      if (reason !== undefined) {
        skipped.push({ path: f.path, reason });
        continue;
      }
      // Named explicitly but outside the whole-workspace walk (an excluded path given on the command line).
      const read = readWithFacts(project.root, f.path, cache);
      if ('reason' in read) {
        skipped.push(read);
        continue;
      }
      src = { ...read, size: f.size };
    }
    bytes += f.size;
    results.push(checkFile(project, f.path, src.text, src.facts));
  }
  // A check of given paths (a pre-commit hook, `check some/dir`) is about those files: a
  // finding about the workspace as a whole is reported only when it lands on one of them.
  const checked = new Set(results.map((r) => r.file.path));
  const workspaceViolations = checkWorkspaceLevel(project).filter((v) => paths === undefined || checked.has(v.file));
  const violations = [...results.flatMap((r) => r.violations), ...workspaceViolations];
  const report = buildReport(
    results.map((r) => ({ path: r.file.path, category: r.file.category })),
    violations,
    results.reduce((n, r) => n + r.suppressedCount, 0),
    { adoption: adoptionReport(project) },
  );
  return { results, skipped, report, bytes, workspaceViolations, cache: cache ? { file: cache.file, hits: cache.hits, misses: cache.misses } : undefined };
}

/** Reads, decodes and extracts facts, from the cache when these exact bytes were seen before. */
function readWithFacts(root: string, relPath: string, cache: FactsCache | undefined): { text: string; facts: FileFacts } | SkippedFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(root, relPath));
  } catch (err) {
    return { path: relPath, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  const decoded = decodeFile(relPath, bytes);
  if ('binary' in decoded) return { path: relPath, reason: 'binary (contains NUL bytes)' };
  const language = languageOf(relPath) ?? 'python';
  // The extension, not only the language: .ts and .tsx parse differently.
  const key = cache ? contentKey(relPath.slice(relPath.lastIndexOf('.')).toLowerCase(), bytes) : '';
  let facts = cache?.get(key);
  if (!facts) {
    facts = extractFacts(relPath, decoded.text, language);
    cache?.set(key, facts);
  }
  return { text: decoded.text, facts };
}
