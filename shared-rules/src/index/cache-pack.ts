/**
 * The scan cache's file format (see facts-cache.ts for what is cached and when it is
 * valid). A pack is a sequence of frames, each [uint32 length][UTF-8 JSON]:
 * - per file an entry frame `[1, path, stat, key]`, then its local results
 *   `[category, violations, rest]`, then its outline;
 * - per file with phase 2's findings of the pack's world, `[2, path]`, then the findings;
 * - last, the header `[3, { version, inputs, world }]`, then the header frame's offset as
 *   a uint32: the header is written when the scan ends, and the entries as soon as each
 *   file is checked, so a cold scan's pack is written while phase 1 runs (not in one go at
 *   the end, where it was 1.2-1.7 s of the 25k tree's main thread) and never held whole.
 *
 * JSON, not v8.serialize: on issue 7's 475 MB tree (339k violations) V8's JSON.parse read
 * the violations 3x faster than v8.deserialize (0.4 s against 1.1-1.2 s, measured), and
 * every value here is plain data. Only the small entry frames are parsed when a pack is
 * opened; results are parsed when the scan reuses the file, so they die young instead of
 * being copied through the collector's generations, and the outline only when the index
 * is built (a warm scan that replays phase 2, engine/scan-world.ts, never builds it).
 * Entries read from a pack are written back byte for byte unless they changed.
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

/**
 * A file's entry as read from a pack, its frames' JSON still bytes (views into the pack):
 * decoded into a CachedFile when the scan reuses it.
 */
export interface StoredFile {
  stat: FileStat;
  key: string;
  /** `[category, violations, rest]`. */
  local: Uint8Array;
  outline: Uint8Array;
  /** Phase 2's additions (StoredAdditions). */
  added?: Uint8Array;
  /** The entry frame as read, while stat and key are still what it says. */
  head?: Uint8Array;
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

type EntryFrame = [kind: typeof ENTRY, path: string, stat: FileStat, key: string];
type LocalFrame = [category: string, violations: StoredViolation[], rest: Omit<LocalResult, 'violations'>];
type AddedFrame = [kind: typeof ADDED, path: string];
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

/** A file's local results as stored: violations packed when they are all the file's own (always, in practice). */
function packLocal(relPath: string, local: LocalResult): LocalFrame {
  const { violations, ...rest } = local;
  const category = violations[0]?.category ?? 'other';
  const uniform = violations.every((v) => v.file === relPath && v.category === category);
  return uniform ? [category, violations.map(packViolation), rest] : ['', [], local];
}

/**
 * A checked file's results and outline as the JSON of their pack frames. A scan worker
 * sends these instead of structured clones: the main thread parses them (JSON.parse is
 * the faster decoder, see above) and writes the same bytes to the pack unchanged.
 */
export interface PackedCheck {
  local: Uint8Array;
  outline: Uint8Array;
}

/** The two frames' JSON text; the worker encodes a batch's texts into one transferable buffer. */
export function checkedFrames(relPath: string, local: LocalResult, outline: FileOutline): [local: string, outline: string] {
  return [JSON.stringify(packLocal(relPath, local)), JSON.stringify(outline)];
}

/** A PackedCheck decoded: the local results and the outline, both parsed now (so the bytes can go). */
export function unpackCheck(relPath: string, packed: PackedCheck): { local: LocalResult; outline: FileOutline } {
  return { local: parseLocal(relPath, packed.local), outline: JSON.parse(utf8(packed.outline)) as FileOutline };
}

function parseLocal(relPath: string, bytes: Uint8Array): LocalResult {
  const [category, violations, rest] = JSON.parse(utf8(bytes)) as LocalFrame;
  return 'violations' in rest ? (rest as LocalResult) : { violations: unpackViolations(relPath, category as Violation['category'], violations), ...rest };
}

/**
 * A stored entry in use: local results and additions parsed, the outline parsed when
 * first read. A class with a getter, not an object with an accessor defined on it: a
 * warm scan makes one per file, and Object.defineProperty made each a dictionary-mode
 * object (measured with lazy-source.ts's ScannedFile, the same change).
 */
class LoadedEntry implements CachedFile {
  private parsedOutline: FileOutline | undefined;
  added?: IndexAdditions;

  constructor(
    readonly stat: FileStat,
    readonly key: string,
    readonly local: LocalResult,
    private readonly outlineBytes: Uint8Array,
  ) {}

  get outline(): FileOutline {
    return (this.parsedOutline ??= JSON.parse(utf8(this.outlineBytes)) as FileOutline);
  }
}

/** An entry's outline: parsed afresh from a stored entry's bytes, as it is in a checked one. */
export function storedOutline(e: StoredFile | CachedFile): FileOutline {
  return e.outline instanceof Uint8Array ? (JSON.parse(utf8(e.outline)) as FileOutline) : e.outline;
}

/** The CachedFile of a stored entry; its outline is parsed when first read. */
export function loadEntry(relPath: string, f: StoredFile): CachedFile {
  const out = new LoadedEntry(f.stat, f.key, parseLocal(relPath, f.local), f.outline);
  if (f.added) out.added = unpackAdded(relPath, JSON.parse(utf8(f.added)) as StoredAdditions);
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
    const head = frame();
    const f = JSON.parse(utf8(head)) as EntryFrame | AddedFrame;
    if (f[0] === ENTRY) {
      const [, path, stat, key] = f;
      const local = frame();
      files.set(path, { stat, key, local, outline: frame(), head });
    } else if (f[0] === ADDED) {
      const added = frame();
      const e = files.get(f[1]);
      if (e) e.added = added;
    } else throw new Error('malformed pack');
  }
  if (at !== headerAt) throw new Error('malformed pack');
  return { header, files };
}

/**
 * Writes a pack to `fd` frame by frame, through one reused 1 MB buffer: entries as they
 * come, then additions, then the header (finish). Each frame is copied into the buffer, not
 * queued as a length Buffer and a view (three small allocations per frame, ~80k for the 25k
 * tree, each its own ArrayBuffer) and joined with Buffer.concat at each write.
 */
export class PackWriter {
  private readonly out = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Bytes flushed to the file so far. */
  private written = 0;
  constructor(private readonly fd: number) {}

  /**
   * A file's entry: a stored one as it was read when unchanged, a checked one packed (or
   * as `packed`, the same bytes a worker already made).
   */
  entry(relPath: string, e: StoredFile | CachedFile, packed?: PackedCheck): void {
    const head = 'head' in e && e.head;
    if (head) this.frame(head);
    else this.jsonFrame([ENTRY, relPath, e.stat, e.key] satisfies EntryFrame);
    const bytes = e.local instanceof Uint8Array ? (e as StoredFile) : packed;
    if (bytes) {
      this.frame(bytes.local);
      this.frame(bytes.outline);
      return;
    }
    const c = e as CachedFile;
    this.jsonFrame(packLocal(relPath, c.local));
    this.jsonFrame(c.outline);
  }

  /** Phase 2's additions of a file: packed, or the bytes of a stored entry's. */
  added(relPath: string, added: StoredAdditions | Uint8Array): void {
    this.jsonFrame([ADDED, relPath] satisfies AddedFrame);
    if (added instanceof Uint8Array) this.frame(added);
    else this.jsonFrame(added);
  }

  /** The header, its offset, and the last write. */
  finish(header: unknown): void {
    const at = this.written + this.used;
    this.jsonFrame([HEADER, header] satisfies HeaderFrame);
    this.room(4);
    this.used = this.out.writeUInt32LE(at, this.used);
    this.flush();
  }

  private frame(body: Uint8Array): void {
    this.room(4);
    this.used = this.out.writeUInt32LE(body.length, this.used);
    if (body.length > this.out.length) {
      this.flush();
      this.write(body);
      return;
    }
    this.room(body.length);
    this.out.set(body, this.used);
    this.used += body.length;
  }

  private jsonFrame(value: unknown): void {
    const text = JSON.stringify(value);
    // Three bytes per UTF-16 unit at most: a frame that surely fits is encoded in place.
    if (4 + text.length * 3 > this.out.length) {
      this.frame(Buffer.from(text));
      return;
    }
    this.room(4 + text.length * 3);
    const n = this.out.write(text, this.used + 4);
    this.out.writeUInt32LE(n, this.used);
    this.used += 4 + n;
  }

  /** Room for `n` more bytes in the buffer (n at most its size): written out when short. */
  private room(n: number): void {
    if (this.used + n > this.out.length) this.flush();
  }

  private flush(): void {
    this.write(this.out.subarray(0, this.used));
    this.used = 0;
  }

  private write(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) at += fs.writeSync(this.fd, bytes, at);
    this.written += bytes.length;
  }
}
