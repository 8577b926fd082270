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
import { checkFile, languageOf, type FileResult, type Project } from './check';

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ScanResult {
  results: FileResult[];
  skipped: SkippedFile[];
  report: ComplianceReport;
  bytes: number;
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

export function scanWorkspace(project: Project, paths?: string[]): ScanResult {
  const found = discoverFiles(project.root, project.scope, { paths, maxFileBytes: project.config.maxFileBytes });
  const skipped: SkippedFile[] = [...found.skipped];
  const results: FileResult[] = [];
  let bytes = 0;
  for (const f of found.files) {
    const src = readSource(project.root, f.path);
    if ('reason' in src) {
      skipped.push(src);
      continue;
    }
    bytes += f.size;
    results.push(checkFile(project, f.path, src.text));
  }
  const report = buildReport(
    results.map((r) => ({ path: r.file.path, category: r.file.category })),
    results.flatMap((r) => r.violations),
    results.reduce((n, r) => n + r.suppressedCount, 0),
  );
  return { results, skipped, report, bytes };
}
