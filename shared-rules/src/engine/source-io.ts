/**
 * Reading and decoding source bytes, and turning them into facts: the part of a scan
 * that runs per file without the rest of the workspace, so worker threads can do it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodePythonSource } from '../lang/python/decode';
import type { FileFacts } from '../facts';
import { definitionShapes } from '../index/workspace-index';
import { extractFacts, languageOf } from './check';

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

export function readBytes(root: string, relPath: string): Buffer | SkippedFile {
  try {
    return fs.readFileSync(path.join(root, relPath));
  } catch (err) {
    return { path: relPath, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

export function readSource(root: string, relPath: string): DecodedFile | SkippedFile {
  const bytes = readBytes(root, relPath);
  if ('reason' in bytes) return bytes;
  const decoded = decodeFile(relPath, bytes);
  if ('binary' in decoded) return { path: relPath, reason: 'binary (contains NUL bytes)' };
  return decoded;
}

export interface ExtractedFile {
  text: string;
  facts: FileFacts;
  /** Shapes of the top-level definitions (see definitionShapes). */
  shapes: string[];
}

/** Decode + facts + definition shapes: everything the index needs from one file's bytes. */
export function extractFromBytes(relPath: string, bytes: Uint8Array): ExtractedFile | SkippedFile {
  const decoded = decodeFile(relPath, bytes);
  if ('binary' in decoded) return { path: relPath, reason: 'binary (contains NUL bytes)' };
  const facts = extractFacts(relPath, decoded.text, languageOf(relPath) ?? 'python');
  return { text: decoded.text, facts, shapes: definitionShapes(relPath, facts, decoded.text) };
}
