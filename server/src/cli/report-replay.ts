/**
 * `check` on a tree nothing changed in since the last run prints that run's output again
 * instead of computing it: the last layer of the scan cache's replay. The engine already
 * replays phase 2 when the world (every file's path and bytes, the config, the rules, the
 * engine, the tsconfig answers) is the one it recorded (engine/scan-world.ts); every
 * result, and so the report, is then a function of the world. The output is a function of
 * the report and of what this run asked for, which the record's options key holds: the
 * format and its options, the paths and shard, the baseline's bytes and which of its files
 * outside the workspace exist, and the code of the CLI and the engine.
 *
 * Issue 7: a warm check of the 475 MB tree spent ~2 s of its ~2.8 s decoding 349k stored
 * findings, building the report and rendering 150 MB of JSON it had written before.
 *
 * One record per root and options key (the last ones used are kept, see MAX_RECORDS), each
 * [output bytes][header JSON][uint32 header length][MAGIC]. Written to a temp file while
 * the output is written, renamed into place when complete; a missing, foreign or damaged
 * record is no record. Runs that write anything besides their output (`--fix`,
 * `--update-baseline`) or depend on git (`--changed-since`) are never replayed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashCode } from '@ssot-lint/shared-rules';
import { BackgroundWrites } from './background-writes';

const MAGIC = Buffer.from('ssotRPL1');
/** Records kept per root: CI jobs run a few formats of one tree; a pre-commit hook many small path sets. */
const MAX_RECORDS = 4;

interface RecordHeader {
  /** The identity of the world the output was computed in (PreparedScan.unchangedWorld). */
  world: string;
  /** Whether a violation at or above the config's failOn is not accepted by the baseline: exit 1 without --exit-zero. */
  failing: boolean;
}

export interface ReplayedRun {
  failing: boolean;
}

export class ReportRecord {
  private constructor(
    readonly file: string,
    private readonly prefix: string,
  ) {}

  /** The record slot of `root` for this run's options (`options`: everything besides the world the output depends on). */
  static slot(cacheDir: string, root: string, options: unknown): ReportRecord {
    const rootKey = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 12);
    const optionsKey = createHash('sha1').update(JSON.stringify({ code: codeKey(), options })).digest('hex').slice(0, 16);
    return new ReportRecord(path.join(cacheDir, `report-${rootKey}-${optionsKey}.bin`), `report-${rootKey}-`);
  }

  /** The output recorded in `world`, if this slot holds it. */
  find(world: string): (ReplayedRun & { output: Buffer }) | undefined {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(this.file);
    } catch {
      return undefined;
    }
    const header = readHeader(buf);
    if (!header || header.world !== world) return undefined;
    return { output: buf.subarray(0, header.at), failing: header.failing };
  }

  /**
   * The output recorded in `world` written to the file `to`, by the kernel (copy_file_range:
   * the 25k tree's 152 MB record read into this process and written out again took 0.28-1.1 s,
   * copied 0.16 s). Undefined when the slot does not hold it; when another run replaced the
   * record between the look and the copy, `to` holds that record's bytes and the caller's
   * scan writes it again. Throws what copying to `to` throws.
   */
  copyTo(world: string, to: string): ReplayedRun | undefined {
    if (!this.holds(world)) return undefined;
    try {
      fs.copyFileSync(this.file, to);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(this.file)) return undefined;
      throw err;
    }
    // The copy is one version of the record: its own header says which.
    const header = tailHeader(to);
    if (!header || header.world !== world) return undefined;
    fs.truncateSync(to, header.at);
    return { failing: header.failing };
  }

  /** Whether the slot already holds the output of `world` (a run that read racy files by content, then replayed phase 2). */
  holds(world: string): boolean {
    return tailHeader(this.file)?.world === world;
  }

  /**
   * A new record of the output of `world`, written as the output's bytes pass (write) and
   * put in place by commit() once the output was written whole. Recording is best effort:
   * a disk that refuses only costs the next run its replay.
   */
  recording(world: string): RecordingOutput {
    return new RecordingOutput(this, world);
  }

  /** Drops the oldest records of this root beyond MAX_RECORDS (other options, or an older CLI). */
  prune(): void {
    const dir = path.dirname(this.file);
    try {
      const mine = fs
        .readdirSync(dir)
        .filter((n) => n.startsWith(this.prefix) && n.endsWith('.bin'))
        .map((n) => ({ p: path.join(dir, n), t: fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
        .sort((a, b) => b.t - a.t);
      for (const { p } of mine.slice(MAX_RECORDS)) fs.rmSync(p, { force: true });
    } catch {
      /* a cache folder we cannot list is left as it is */
    }
  }
}

export class RecordingOutput {
  private fd: number | undefined;
  private writes: BackgroundWrites | undefined;
  private readonly tmp: string;

  constructor(
    private readonly record: ReportRecord,
    private readonly world: string,
  ) {
    this.tmp = `${record.file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.tmp), { recursive: true });
      this.fd = fs.openSync(this.tmp, 'w');
      this.writes = new BackgroundWrites(this.fd);
    } catch {
      this.fd = undefined;
    }
  }

  /** The output's next bytes (not to be changed until settled() says they are written). */
  write(bytes: Buffer): void {
    // The output's own writes pace the run: the record's are let run behind.
    void this.writes?.write(bytes);
  }

  /** Settles once the bytes given so far are written (or failed: the record is then dropped at commit). */
  settled(): Promise<void> {
    return this.writes?.settled() ?? Promise.resolve();
  }

  /** The output was written whole: the record goes in place (or nothing, if it could not be written). */
  async commit(failing: boolean): Promise<void> {
    if (this.fd === undefined || !this.writes) return;
    try {
      await this.writes.drain();
      const header = Buffer.from(JSON.stringify({ world: this.world, failing } satisfies RecordHeader));
      const tail = Buffer.alloc(4);
      tail.writeUInt32LE(header.length);
      const end = Buffer.concat([header, tail, MAGIC]);
      fs.writeSync(this.fd, end, 0, end.length, this.writes.length);
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.renameSync(this.tmp, this.record.file);
      this.record.prune();
    } catch {
      await this.abandon();
    }
  }

  /** Drops the record being written (the output failed, or the disk refused). */
  async abandon(): Promise<void> {
    await this.writes?.drain().catch(() => undefined);
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    fs.rmSync(this.tmp, { force: true });
  }
}

/** The header of the record in `file`, read from its last 4 KB; undefined if it is none. */
function tailHeader(file: string): (RecordHeader & { at: number }) | undefined {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const tail = Buffer.alloc(Math.min(size, 4096));
      fs.readSync(fd, tail, 0, tail.length, size - tail.length);
      const header = readHeader(tail);
      // readHeader counts from the tail's start: make `at` an offset in the file.
      return header && { ...header, at: header.at + size - tail.length };
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The header at the end of `buf` (a record, or its last bytes) and where the output ends; undefined if it is not one. */
function readHeader(buf: Buffer): (RecordHeader & { at: number }) | undefined {
  const end = buf.length - MAGIC.length;
  if (end < 4 || !buf.subarray(end).equals(MAGIC)) return undefined;
  const len = buf.readUInt32LE(end - 4);
  const at = end - 4 - len;
  if (at < 0) return undefined;
  try {
    const h = JSON.parse(buf.subarray(at, end - 4).toString('utf8')) as RecordHeader;
    return typeof h.world === 'string' && typeof h.failing === 'boolean' ? { world: h.world, failing: h.failing, at } : undefined;
  } catch {
    return undefined;
  }
}

let codeKeyMemo: string | undefined;

/**
 * The CLI's and the engine's code, hashed: what renders the output (the CLI's formats, the
 * engine's report and renderers) is not in the scan cache's version key.
 */
function codeKey(): string {
  if (codeKeyMemo) return codeKeyMemo;
  const h = createHash('sha1');
  hashCode(h, path.join(__dirname, '..'));
  hashCode(h, path.dirname(require.resolve('@ssot-lint/shared-rules')));
  codeKeyMemo = h.digest('hex');
  return codeKeyMemo;
}
