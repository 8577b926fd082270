/**
 * The scan cache's file format (see facts-cache.ts for what is cached and when it is
 * valid). A pack is a sequence of frames, each [uint32 length][UTF-8 JSON]:
 * - per file an entry frame `[1, path, stat, key, category, violations, rest]`, followed
 *   by a frame holding its outline;
 * - per file with phase 2's findings of the pack's world, `[2, path, additions]`;
 * - last, the header `[3, { version, inputs, world }]`, then the header frame's offset as
 *   a uint32: the header is written when the scan ends, and the entries as soon as each
 *   file is checked, so a cold scan's pack is written while phase 1 runs (not in one go at
 *   the end, where it was 1.2-1.7 s of the 25k tree's main thread) and never held whole.
 *
 * JSON, not v8.serialize: on issue 7's 475 MB tree (339k violations) V8's JSON.parse read
 * the violations 3x faster than v8.deserialize (0.4 s against 1.1-1.2 s, measured), and
 * every value here is plain data. The outline is a frame of its own so that it is parsed
 * only when the index is built: a warm scan that replays phase 2 (engine/scan-world.ts)
 * never builds it. Entries read from a pack keep their frames' bytes and are written back
 * byte for byte unless they changed.
 *
 * Violations are stored as tuples with their file and category once per entry: as
 * objects, their property names were most of the pack's bytes.
 */
import * as fs from 'node:fs';
import type { IndexAdditions, LocalResult } from '../engine/check';
import type { Violation } from '../types';
import type { FileOutline } from './outline';

export interface FileStat {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** A file's entry as the scan uses it. */
export interface CachedFile {
  /** Stat when it was recorded; mtimeMs -1 when the file was too young to trust. */
  stat: FileStat;
  key: string;
  outline: FileOutline;
  local: LocalResult;
  /** Phase 2's additions, valid while the pack's world (see WorldRecord) is the scan's. */
  added?: IndexAdditions;
}

/** A file's entry as read from a pack: decoded into a CachedFile when the scan asks for it. */
export interface StoredFile {
  stat: FileStat;
  key: string;
  /** The outline's JSON (a view into the pack), parsed on first use. */
  outline: Uint8Array;
  category: string;
  violations: StoredViolation[];
  rest: Omit<LocalResult, 'violations'>;
  added?: StoredAdditions;
  /** The entry frame's JSON as read, while it still says what the fields above say. */
  entryBytes?: Uint8Array;
}

/** Phase 2's additions, their violations packed the same way (uniform ones only). */
export type StoredAdditions = [category: string, violations: StoredViolation[], suppressedCount: number, usedSuppressions: number[], indexRules: string[]];

type StoredViolation = [
  rule: string,
  severity: Violation['severity'],
  startLine: number,
  startCharacter: number,
  endLine: number,
  endCharacter: number,
  spanStart: number,
  spanEnd: number,
  message: string,
  fingerprint: string,
  fixes: Violation['fixes'],
  /** null in JSON for "none". */
  noFixReason: string | null,
  related: Violation['related'],
];

const ENTRY = 1;
const ADDED = 2;
const HEADER = 3;

type EntryFrame = [kind: typeof ENTRY, path: string, stat: FileStat, key: string, category: string, violations: StoredViolation[], rest: StoredFile['rest']];
type AddedFrame = [kind: typeof ADDED, path: string, added: StoredAdditions];
type HeaderFrame = [kind: typeof HEADER, header: unknown];

const packViolation = (v: Violation): StoredViolation => [
  v.rule,
  v.severity,
  v.range.start.line,
  v.range.start.character,
  v.range.end.line,
  v.range.end.character,
  v.span.start,
  v.span.end,
  v.message,
  v.fingerprint,
  v.fixes,
  v.noFixReason ?? null,
  v.related,
];

function unpackViolations(relPath: string, category: Violation['category'], packed: StoredViolation[]): Violation[] {
  return packed.map(
    ([rule, severity, sl, sc, el, ec, ss, se, message, fingerprint, fixes, noFixReason, related]): Violation => ({
      rule,
      severity,
      category,
      file: relPath,
      range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
      span: { start: ss, end: se },
      message,
      fingerprint,
      fixes,
      noFixReason: noFixReason ?? undefined,
      related,
    }),
  );
}

/** Phase 2's additions as stored; undefined when they cannot be (a rule crashed, or a finding about another file). */
export function packAdded(relPath: string, a: IndexAdditions): StoredAdditions | undefined {
  const category = a.violations[0]?.category ?? 'other';
  if (a.internalErrors.length > 0 || !a.violations.every((v) => v.file === relPath && v.category === category)) return undefined;
  return [category, a.violations.map(packViolation), a.suppressedCount, a.usedSuppressions, a.indexRules];
}

function unpackAdded(relPath: string, [category, violations, suppressedCount, usedSuppressions, indexRules]: StoredAdditions): IndexAdditions {
  return { violations: unpackViolations(relPath, category as Violation['category'], violations), suppressedCount, usedSuppressions, internalErrors: [], indexRules };
}

/** The CachedFile of a stored entry; its outline is parsed when first read. */
export function loadEntry(relPath: string, f: StoredFile): CachedFile {
  const category = f.category as Violation['category'];
  const local = 'violations' in f.rest ? (f.rest as LocalResult) : { violations: unpackViolations(relPath, category, f.violations), ...f.rest };
  const out = { stat: f.stat, key: f.key, local } as CachedFile;
  const bytes = f.outline;
  Object.defineProperty(out, 'outline', {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = JSON.parse(utf8(bytes)) as FileOutline;
      Object.defineProperty(out, 'outline', { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
  if (f.added) out.added = unpackAdded(relPath, f.added);
  return out;
}

const decoder = new TextDecoder();
const utf8 = (bytes: Uint8Array) => decoder.decode(bytes);

/**
 * Reads a pack whose header `accept`s (checked before any entry is parsed). Undefined for
 * a pack of another engine or config; throws on a truncated or malformed one.
 */
export function readPack(buf: Buffer, accept: (header: unknown) => boolean): { header: unknown; files: Map<string, StoredFile> } | undefined {
  if (buf.length < 4) throw new Error('truncated pack');
  const headerAt = buf.readUInt32LE(buf.length - 4);
  let at = headerAt;
  const frame = (): Buffer => {
    if (at + 4 > buf.length) throw new Error('truncated pack');
    const len = buf.readUInt32LE(at);
    if (at + 4 + len > buf.length) throw new Error('truncated pack');
    const body = buf.subarray(at + 4, at + 4 + len);
    at += 4 + len;
    return body;
  };
  const [kind, header] = JSON.parse(utf8(frame())) as HeaderFrame;
  if (kind !== HEADER || at !== buf.length - 4) throw new Error('malformed pack');
  if (!accept(header)) return undefined;
  const files = new Map<string, StoredFile>();
  at = 0;
  while (at < headerAt) {
    const body = frame();
    const f = JSON.parse(utf8(body)) as EntryFrame | AddedFrame;
    if (f[0] === ENTRY) {
      const [, path, stat, key, category, violations, rest] = f;
      files.set(path, { stat, key, outline: frame(), category, violations, rest, entryBytes: body });
    } else if (f[0] === ADDED) {
      const e = files.get(f[1]);
      if (e) e.added = f[2];
    } else throw new Error('malformed pack');
  }
  return { header, files };
}

/**
 * Writes a pack to `fd` frame by frame, buffered into ~1 MB writes: entries as they come,
 * then additions, then the header (finish).
 */
export class PackWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private offset = 0;
  constructor(private readonly fd: number) {}

  /** A file's entry: a stored one as it was read when unchanged, a checked one packed. */
  entry(relPath: string, e: StoredFile | CachedFile): void {
    if (!('local' in e)) {
      this.frame(e.entryBytes ?? json([ENTRY, relPath, e.stat, e.key, e.category, e.violations, e.rest] satisfies EntryFrame));
      this.frame(e.outline);
      return;
    }
    const { violations, ...rest } = e.local;
    const category = violations[0]?.category ?? 'other';
    // Every violation of a file has the file's path and category; one that does not is kept as is (never expected).
    const uniform = violations.every((v) => v.file === relPath && v.category === category);
    this.frame(json([ENTRY, relPath, e.stat, e.key, uniform ? category : '', uniform ? violations.map(packViolation) : [], uniform ? rest : e.local] satisfies EntryFrame));
    this.frame(json(e.outline));
  }

  added(relPath: string, added: StoredAdditions): void {
    this.frame(json([ADDED, relPath, added] satisfies AddedFrame));
  }

  /** The header, its offset, and the last write. */
  finish(header: unknown): void {
    const at = this.offset;
    this.frame(json([HEADER, header] satisfies HeaderFrame));
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(at);
    this.push(tail);
    this.flush();
  }

  private frame(body: Uint8Array): void {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(body.length);
    this.push(len);
    this.push(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  }

  private push(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
    this.offset += b.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.size) fs.writeSync(this.fd, Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
