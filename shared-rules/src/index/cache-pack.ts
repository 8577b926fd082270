/**
 * The scan cache's file format (see facts-cache.ts for what is cached and when it is
 * valid). A pack is a sequence of frames, [uint32 length][UTF-8 JSON]: a header, then two
 * frames per file, its entry and its outline.
 *
 * JSON, not v8.serialize: on issue 7's 475 MB tree (339k violations) V8's JSON.parse read
 * the violations 3x faster than v8.deserialize (0.4 s against 1.1-1.2 s, measured), and
 * every value here is plain data. The outline is a frame of its own so that it is parsed
 * only when the index is built: a warm scan that replays phase 2 (engine/scan-world.ts)
 * never builds it, and an entry nobody touched is written back byte for byte.
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
  /** The outline's JSON bytes (a view into the pack), parsed on first use. */
  outline: Uint8Array;
  category: string;
  violations: StoredViolation[];
  rest: Omit<LocalResult, 'violations'>;
  added?: StoredAdditions;
}

/** Phase 2's additions, their violations packed the same way (uniform ones only). */
type StoredAdditions = [category: string, violations: StoredViolation[], suppressedCount: number, usedSuppressions: number[], indexRules: string[]];

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

/** The entry frame: everything but the outline. */
type EntryFrame = [path: string, stat: FileStat, key: string, category: string, violations: StoredViolation[], rest: StoredFile['rest'], added: StoredAdditions | null];

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

/** Reads a pack: its header, then [path, entry] per file. Throws on a truncated or malformed pack. */
export function* readPack(buf: Buffer): Generator<{ header: unknown } | { path: string; entry: StoredFile }> {
  let at = 0;
  const frame = (): Buffer | undefined => {
    if (at + 4 > buf.length) return undefined;
    const len = buf.readUInt32LE(at);
    if (at + 4 + len > buf.length) throw new Error('truncated pack');
    const body = buf.subarray(at + 4, at + 4 + len);
    at += 4 + len;
    return body;
  };
  const header = frame();
  if (!header) return;
  yield { header: JSON.parse(utf8(header)) };
  for (let body = frame(); body; body = frame()) {
    const [path, stat, key, category, violations, rest, added] = JSON.parse(utf8(body)) as EntryFrame;
    const outline = frame();
    if (!outline) throw new Error('truncated pack');
    const entry: StoredFile = { stat, key, outline, category, violations, rest };
    if (added) entry.added = added;
    yield { path, entry };
  }
}

/** Buffers frames into ~1 MB writes to `fd`. */
export class PackWriter {
  private parts: Buffer[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}

  header(value: unknown): void {
    this.frame(Buffer.from(JSON.stringify(value)));
  }

  /** A file's entry: a stored one as it was read (its outline's bytes untouched), a checked one packed. */
  file(relPath: string, e: StoredFile | CachedFile): void {
    const stored = 'local' in e ? undefined : e;
    let entry: EntryFrame;
    if (stored) entry = [relPath, stored.stat, stored.key, stored.category, stored.violations, stored.rest, stored.added ?? null];
    else {
      const c = e as CachedFile;
      const { violations, ...rest } = c.local;
      const category = violations[0]?.category ?? 'other';
      // Every violation of a file has the file's path and category; one that does not is kept as is (never expected).
      const uniform = violations.every((v) => v.file === relPath && v.category === category);
      entry = [relPath, c.stat, c.key, uniform ? category : '', uniform ? violations.map(packViolation) : [], uniform ? rest : c.local, (c.added && packAdded(relPath, c.added)) ?? null];
    }
    this.frame(Buffer.from(JSON.stringify(entry)));
    this.frame(stored ? stored.outline : Buffer.from(JSON.stringify((e as CachedFile).outline)));
  }

  flush(): void {
    if (this.size) fs.writeSync(this.fd, Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }

  private frame(body: Uint8Array): void {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(body.length);
    this.parts.push(len, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    this.size += 4 + body.length;
    if (this.size >= 1 << 20) this.flush();
  }
}
