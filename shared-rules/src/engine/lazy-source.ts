/**
 * Source files whose text and facts are produced on demand. A full scan keeps every file's
 * outline (the index needs it) but neither its text nor its facts: 470 MB of source would
 * be held twice over by the results, and its facts several times over. Rendering an excerpt, a fix or a baseline content
 * fingerprint reads the file again; a small LRU makes the repeated reads of one file
 * (every violation of it) cost one read.
 *
 * The bytes must still be the ones the scan checked (same content key): a file edited
 * since reads as '' (no excerpt, no fix), which `--fix` and `--fix-dry-run` already
 * treat as "changed on disk during the run" because it differs from the file's text now.
 */
import type { FileCategory, SourceFile } from '../types';
import type { FileFacts, Language } from '../facts';
import { contentKey } from '../index/facts-cache';
import { decodeFile, readTransient } from './source-io';
import { extractFacts, languageOf, type Project } from './check';
import { outlineOf, type FileOutline } from '../index/outline';

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
  // Unreadable (gone since the scan): no text, like a changed file.
  const bytes = readTransient(root, relPath);
  if (!('reason' in bytes) && contentKey(extensionOf(relPath), bytes) === key) {
    const decoded = decodeFile(relPath, bytes);
    if (!('binary' in decoded)) text = decoded.text;
  }
  recent.set(id, text);
  if (recent.size > LRU_SIZE) recent.delete(recent.keys().next().value as string);
  return text;
}

/** A SourceFile's parts: given, or how to compute them on first use. */
export interface SourceParts {
  /** The text, or how to get it when a rule asks. */
  text: string | (() => string);
  /** Facts when known; else extracted from the text when a rule asks. */
  facts?: FileFacts;
  /** The outline, or how to get it; else derived from facts and text when a rule asks. */
  outline?: FileOutline | (() => FileOutline);
}

/**
 * A SourceFile of given parts (a checked text, an editor buffer): every part not given is
 * computed on first use and kept. A scan's phase 2 makes ScannedFiles (below) instead.
 */
export function sourceFileOf(project: Project, relPath: string, parts: SourceParts): SourceFile {
  return new PartsFile(relPath, project.scope, parts);
}

/** What both kinds of file below know from their path alone: language, and where the project's scope puts it. */
abstract class FileInScope {
  readonly language: Language;
  readonly category: FileCategory;
  readonly isTest: boolean;

  constructor(
    readonly path: string,
    scope: Project['scope'],
  ) {
    this.language = languageOf(path) ?? 'python';
    this.category = scope.category(path);
    this.isTest = scope.isTestFile(path);
  }
}

/**
 * A class with its getters on the prototype, not an object with accessors defined on it:
 * each defined accessor (a closure over the file's text and facts) gave the object a map of
 * its own, which the old space's map kept alive through every scavenge until the next full
 * collection, so every checked file's text and facts were copied into the old space (a
 * fifth of phase 1's allocations, measured with --trace-gc-nvp).
 */
class PartsFile extends FileInScope implements SourceFile {
  private textPart: string | (() => string);
  private factsPart: FileFacts | undefined;
  private outlinePart: FileOutline | (() => FileOutline) | undefined;

  constructor(path: string, scope: Project['scope'], parts: SourceParts) {
    super(path, scope);
    this.textPart = parts.text;
    this.factsPart = parts.facts;
    this.outlinePart = parts.outline;
  }

  get text(): string {
    if (typeof this.textPart === 'function') this.textPart = this.textPart();
    return this.textPart;
  }

  get facts(): FileFacts {
    return (this.factsPart ??= extractFacts(this.path, this.text, this.language));
  }

  get outline(): FileOutline {
    // Shapes are left to the index (computed when two copies are compared, see OutlineClass.shape).
    if (this.outlinePart === undefined) this.outlinePart = outlineOf(this.facts, this.text, false);
    else if (typeof this.outlinePart === 'function') this.outlinePart = this.outlinePart();
    return this.outlinePart;
  }

  /** Whether a part is computed (or was given): see lineStartsOf and suppressionsOf. */
  loaded(part: 'facts' | 'outline'): boolean {
    return part === 'facts' ? this.factsPart !== undefined : this.outlinePart !== undefined && typeof this.outlinePart !== 'function';
  }
}

/** Facts extracted for scanned files, most recent last: a rule building a fix asks several times. */
const recentFacts = new Map<SourceFile, FileFacts>();

/**
 * A scanned file: text read back from disk (only if unchanged since the scan, see above),
 * facts extracted from it when a rule asks, the outline given or computed once. Neither
 * text nor facts is kept once read: a scan's results must not accumulate the tree's text,
 * nor the facts phase 2 extracted for a fix (~2.4 KB per KB of source); the LRUs serve
 * repeats. A class: a scan makes one per file in phase 2, and as a plain object with its
 * accessors defined one by one (Object.defineProperty) it was ~7% of a warm 25k scan.
 * Text and facts are never own values, so lineStartsOf and suppressionsOf (text.ts) go
 * by the outline, as they must for a file whose facts were not extracted.
 */
class ScannedFile extends FileInScope implements SourceFile {
  constructor(
    private readonly root: string,
    path: string,
    private readonly key: string,
    private outlineOrThunk: FileOutline | (() => FileOutline),
    scope: Project['scope'],
  ) {
    super(path, scope);
  }

  get text(): string {
    return readChecked(this.root, this.path, this.key);
  }

  get facts(): FileFacts {
    let facts = recentFacts.get(this);
    if (facts) recentFacts.delete(this);
    else facts = extractFacts(this.path, this.text, this.language);
    recentFacts.set(this, facts);
    if (recentFacts.size > LRU_SIZE) recentFacts.delete(recentFacts.keys().next().value as SourceFile);
    return facts;
  }

  get outline(): FileOutline {
    if (typeof this.outlineOrThunk === 'function') this.outlineOrThunk = this.outlineOrThunk();
    return this.outlineOrThunk;
  }
}

/** A file of a scan's phase 2: its outline (or how to get it) and content key; text and facts on demand. */
export function lazySourceFile(project: Project, relPath: string, key: string, outline: FileOutline | (() => FileOutline)): SourceFile {
  return new ScannedFile(project.root, relPath, key, outline, project.scope);
}
