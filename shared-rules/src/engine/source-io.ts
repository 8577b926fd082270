/**
 * Reading and decoding source bytes, and turning them into facts: the part of a scan
 * that runs per file without the rest of the workspace, so worker threads can do it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodePythonSource } from '../lang/python/decode';
import { sameCodeUnits } from '../lang/python/code-units';
import type { FileOutline } from '../index/outline';
import { checkLocal, extractFacts, languageOf, type LocalResult, type Project } from './check';
import { extensionOf, sourceFileOf } from './lazy-source';
import { contentKey } from '../index/facts-cache';
import { ScratchBuffer } from '../scratch-buffer';

export interface SkippedFile {
  path: string;
  reason: string;
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

/**
 * Source files are read into one buffer per thread, grown as needed and reused, not into a
 * Buffer per file: every reader here decodes the bytes (a copy; phase 1 and phase 2's
 * re-reads hash them first) and then drops them. readFileSync's fstat and per-file
 * allocation were a quarter of the time of reading the 25k tree (296 -> 219 ms a pass,
 * measured), and its buffers were external memory the collector had to account for.
 */
const transient = new ScratchBuffer(256 << 10, 8 << 20);

/**
 * A file's bytes, valid until the next call (a view into the shared buffer). A read that
 * returns less than it was asked for ends the file, as it does for a regular file on Linux;
 * so a file is read in one read call when it fits.
 */
export function readTransient(root: string, relPath: string): Buffer | SkippedFile {
  let fd: number;
  try {
    fd = fs.openSync(path.join(root, relPath), 'r');
  } catch (err) {
    return unreadable(relPath, err);
  }
  try {
    let into = transient.atLeast(0);
    let got = 0;
    for (;;) {
      const want = into.length - got;
      const n = fs.readSync(fd, into, got, want, null);
      got += n;
      if (n < want) return into.subarray(0, got);
      into = transient.atLeast(into.length * 2, into, got);
    }
  } catch (err) {
    return unreadable(relPath, err);
  } finally {
    fs.closeSync(fd);
  }
}

const unreadable = (relPath: string, err: unknown): SkippedFile => ({ path: relPath, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });

export function readSource(root: string, relPath: string): DecodedFile | SkippedFile {
  const bytes = readTransient(root, relPath);
  if ('reason' in bytes) return bytes;
  const decoded = decodeFile(relPath, bytes);
  if ('binary' in decoded) return { path: relPath, reason: 'binary (contains NUL bytes)' };
  return decoded;
}

/** Phase 1 of a scan for one file: what the index needs (its outline) and the local rules' results. */
export interface LocalCheck {
  outline: FileOutline;
  local: LocalResult;
}

/**
 * Decode, facts, outline and the rules that do not read the index, from one file's bytes:
 * everything of a scan that needs the text, so a worker thread can do it and send back
 * only the (small) outline and results.
 */
export function checkLocalBytes(project: Project, relPath: string, bytes: Buffer): LocalCheck | SkippedFile {
  const decoded = decodeFile(relPath, bytes);
  if ('binary' in decoded) return { path: relPath, reason: 'binary (contains NUL bytes)' };
  // The bytes in hand are the Python lexer's code units when they match the text (nearly always).
  const units = sameCodeUnits(decoded, bytes) ? bytes : undefined;
  const file = sourceFileOf(project, relPath, { text: decoded.text, facts: extractFacts(relPath, decoded.text, languageOf(relPath) ?? 'python', units) });
  const local = checkLocal(project, file);
  return { outline: file.outline, local };
}

/** Phase 1's answer for one file: unchanged since the cache entry, checked afresh, or skipped. */
export type PhaseOneOutput = { key: string; unchanged: true } | (LocalCheck & { key: string }) | SkippedFile;

/**
 * Phase 1 for one file by path: read, hash, and unless the bytes are those of the cache's
 * entry (`expectKey`), check them. Reading here (in the worker) keeps the main thread out
 * of the file I/O: on two cores it was a third thread fighting for them.
 */
export function phaseOne(project: Project, relPath: string, expectKey: string | undefined): PhaseOneOutput {
  const bytes = readTransient(project.root, relPath);
  if ('reason' in bytes) return bytes;
  const key = contentKey(extensionOf(relPath), bytes);
  if (key === expectKey) return { key, unchanged: true };
  const out = checkLocalBytes(project, relPath, bytes);
  return 'reason' in out ? out : { key, ...out };
}
