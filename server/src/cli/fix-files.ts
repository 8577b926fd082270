/**
 * `--fix` on disk: apply every safe fix per file, then write atomically (temp file +
 * rename) in the file's own encoding, and only if the file still has the bytes we
 * read, so a file edited during the run is never overwritten.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodePythonSource, fixAll, readSource, type FileResult, type Project } from '@ssot-lint/shared-rules';


export interface FixOutcome {
  filesChanged: number;
  fixesApplied: number;
  log: string[];
}

export function applyFixes(project: Project, results: readonly FileResult[]): FixOutcome {
  const out: FixOutcome = { filesChanged: 0, fixesApplied: 0, log: [] };
  for (const r of results) {
    if (!r.violations.some((v) => v.fixes.some((f) => f.safe))) continue;
    const abs = path.join(project.root, r.file.path);
    const before = fs.readFileSync(abs);
    const src = readSource(project.root, r.file.path);
    if ('reason' in src || src.text !== r.file.text) {
      out.log.push(`ssot-lint: not fixing ${r.file.path}: it changed on disk during the run`);
      continue;
    }
    const encode = (t: string) => (r.file.language === 'python' ? encodePythonSource(t, src.encoding, src.bom) : encodeUtf8(t, src.bom));
    // Bytes the decoder had to replace (invalid UTF-8, outside the cookie's charset) would be
    // written back as U+FFFD, corrupting text no fix touched: leave such a file alone.
    if (!sameBytes(tryEncode(encode, src.text), before)) {
      out.log.push(`ssot-lint: not fixing ${r.file.path}: it is not valid ${src.encoding}, and rewriting it would change bytes outside the fixes`);
      continue;
    }
    const fixed = fixAll(project, r.file.path, src.text);
    if (fixed.text === src.text) continue;
    const bytes = tryEncode(encode, fixed.text);
    if (!bytes) {
      out.log.push(`ssot-lint: not fixing ${r.file.path}: the fixed text cannot be written as ${src.encoding}`);
      continue;
    }
    if (!writeIfUnchanged(abs, before, bytes)) {
      out.log.push(`ssot-lint: not fixing ${r.file.path}: it changed on disk during the run`);
      continue;
    }
    out.filesChanged++;
    out.fixesApplied += fixed.fixed.length;
    out.log.push(`fixed ${fixed.fixed.length} in ${r.file.path}: ${[...new Set(fixed.fixed.map((v) => v.rule))].join(', ')}`);
  }
  return out;
}

function tryEncode(encode: (t: string) => Uint8Array, text: string): Uint8Array | undefined {
  try {
    return encode(text);
  } catch {
    return undefined;
  }
}

function sameBytes(a: Uint8Array | undefined, b: Buffer): boolean {
  return a !== undefined && b.equals(a);
}

/** UTF-8 bytes, with the BOM back when the file had one. */
export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Temp file + rename (atomic on one file system), only if the file still has `expected`. */
export function writeIfUnchanged(abs: string, expected: Buffer, bytes: Uint8Array): boolean {
  const tmp = `${abs}.ssot-lint-${process.pid}.tmp`;
  const mode = fs.statSync(abs).mode;
  fs.writeFileSync(tmp, bytes, { mode });
  try {
    if (!fs.readFileSync(abs).equals(expected)) return false;
    fs.renameSync(tmp, abs);
    return true;
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp);
  }
}
