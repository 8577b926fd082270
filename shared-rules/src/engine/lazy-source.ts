/**
 * Source files whose text is read back from disk on demand. A full scan keeps every
 * file's facts (the index needs them) but not every file's text: 470 MB of source would
 * be held twice over by the results. Rendering an excerpt, a fix or a baseline content
 * fingerprint reads the file again; a small LRU makes the repeated reads of one file
 * (every violation of it) cost one read.
 *
 * The bytes must still be the ones the scan checked (same content key): a file edited
 * since reads as '' (no excerpt, no fix), which `--fix` and `--fix-dry-run` already
 * treat as "changed on disk during the run" because it differs from the file's text now.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts } from '../facts';
import type { SourceFile } from '../types';
import { contentKey } from '../index/facts-cache';
import { decodeFile } from './source-io';
import { languageOf, type Project } from './check';

const LRU_SIZE = 16;
const recent = new Map<string, string>();

/** The extension part of a content key: .ts and .tsx parse differently. */
export function extensionOf(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf('.')).toLowerCase();
}

function readChecked(root: string, relPath: string, key: string): string {
  const id = `${root}\0${relPath}\0${key}`;
  const hit = recent.get(id);
  if (hit !== undefined) {
    // Refresh its place in the LRU.
    recent.delete(id);
    recent.set(id, hit);
    return hit;
  }
  let text = '';
  try {
    const bytes = fs.readFileSync(path.join(root, relPath));
    if (contentKey(extensionOf(relPath), bytes) === key) {
      const decoded = decodeFile(relPath, bytes);
      if (!('binary' in decoded)) text = decoded.text;
    }
  } catch {
    // Gone since the scan: no text, like a changed file.
  }
  recent.set(id, text);
  if (recent.size > LRU_SIZE) recent.delete(recent.keys().next().value as string);
  return text;
}

/** A SourceFile like makeSourceFile's, with `text` an enumerable getter reading the checked bytes back. */
export function lazySourceFile(project: Project, relPath: string, key: string, facts: FileFacts): SourceFile {
  const file = {
    path: relPath,
    language: languageOf(relPath) ?? 'python',
    facts,
    category: project.scope.category(relPath),
    isTest: project.scope.isTestFile(relPath),
  } as Omit<SourceFile, 'text'> as SourceFile;
  Object.defineProperty(file, 'text', { enumerable: true, get: () => readChecked(project.root, relPath, key) });
  return file;
}
