/**
 * What every workspace command shares: resolve the root (nearest ssot-lint.json or
 * .git above the first path), load and validate the config, turn CLI paths into
 * root-relative scan paths. Errors become UsageError (exit 2) or printed config errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProject, loadConfig, type ConfigError, type Project, type ResolvedConfig } from '@ssot-lint/shared-rules';
import { UsageError, type ParsedArgs } from './args';
import { BackgroundWrites, StagedBytes } from './background-writes';

export interface Workspace {
  cwd: string;
  root: string;
  config: ResolvedConfig;
  project: Project;
  /** Root-relative paths to scan, or undefined for the whole root. */
  scanPaths: string[] | undefined;
}

/** Thrown after config errors were printed: the command exits 2 without another message. */
export class ConfigFailure extends Error {}

export function openWorkspace(args: ParsedArgs): Workspace {
  const cwd = process.cwd();
  for (const p of args.positionals) {
    if (!fs.existsSync(path.resolve(cwd, p))) throw new UsageError(`path not found: ${p}`);
  }
  const root = args.values.root ? path.resolve(cwd, args.values.root) : findRoot(path.resolve(cwd, args.positionals[0] ?? '.'));
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`root is not a directory: ${root}`);
  const configPath = args.values.config ? path.resolve(cwd, args.values.config) : undefined;
  if (configPath && !fs.existsSync(configPath)) throw new UsageError(`config file not found: ${args.values.config}`);
  const { config, errors } = loadConfig(root, { configPath });
  if (errors.length) {
    printConfigErrors(errors, cwd);
    throw new ConfigFailure('invalid config');
  }
  const project = createProject(root, config);
  const paths = args.positionals.map((p) => toRootRelative(root, path.resolve(cwd, p))).filter((p): p is string => p !== undefined);
  if (args.positionals.length && paths.length === 0) throw new UsageError('the given paths are outside the workspace root');
  const scanPaths = paths.length && !(paths.length === 1 && paths[0] === '') ? paths : undefined;
  return { cwd, root, config, project, scanPaths };
}

/** The nearest folder at or above `start` holding ssot-lint.json or .git; else `start` (or its folder). */
export function findRoot(start: string): string {
  const begin = fs.existsSync(start) && fs.statSync(start).isDirectory() ? start : path.dirname(start);
  for (let dir = begin; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'ssot-lint.json')) || fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return begin;
  }
}

export function toRootRelative(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

function printConfigErrors(errors: readonly ConfigError[], cwd: string): void {
  for (const e of errors) {
    const file = path.isAbsolute(e.file) ? path.relative(cwd, e.file) || e.file : e.file;
    process.stderr.write(`${file}:${e.line}:${e.column}: invalid config at ${e.path || '/'}: ${e.message}\n`);
  }
}

/** A copy of an output's bytes as they go out (the replay record): `settled` once its writes so far are done. */
export interface Tee {
  write(bytes: Buffer): void;
  settled(): Promise<void>;
}

/**
 * emit for an output made piece by piece (check's report): a file's writes run beside the
 * making of the next piece (background-writes.ts), from a few buffers the pieces are
 * encoded into (StagedBytes). `tee` gets the bytes as they go out.
 */
export async function emitPieces(text: string | Iterable<string | Buffer>, output: string | undefined, cwd: string, tee?: Tee): Promise<void> {
  const pieces = typeof text === 'string' ? [text] : text;
  if (!output) {
    for (const piece of pieces) {
      const bytes = tee && typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      process.stdout.write(bytes);
      tee?.write(bytes as Buffer);
    }
    return;
  }
  const fd = openOutput(output, cwd);
  const writes = new BackgroundWrites(fd);
  const staged = new StagedBytes(async (bytes) => {
    tee?.write(bytes);
    const wait = writes.write(bytes);
    if (wait) await wait;
    return { released: Promise.all([writes.settled(), tee?.settled()]).then(() => undefined) };
  });
  try {
    for (const piece of pieces) await staged.add(piece);
    await staged.flush();
  } finally {
    // Nothing may still be writing when the file is closed, also when making a piece threw.
    const failed = await writes.drain().then(
      () => undefined,
      (err: unknown) => err,
    );
    fs.closeSync(fd);
    if (failed) throw cannotWrite(output, failed);
  }
}

/** The absolute path of --output, its folder made. */
export function outputFile(output: string, cwd: string): string {
  const file = path.resolve(cwd, output);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (err) {
    throw cannotWrite(output, err);
  }
  return file;
}

function openOutput(output: string, cwd: string): number {
  const file = outputFile(output, cwd);
  try {
    return fs.openSync(file, 'w');
  } catch (err) {
    throw cannotWrite(output, err);
  }
}

export const cannotWrite = (output: string, err: unknown) => new UsageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);

/** Writes `text` to --output (creating folders) or stdout. */
export function emit(text: string | Buffer | Iterable<string | Buffer>, output: string | undefined, cwd: string): void {
  const pieces = typeof text === 'string' || Buffer.isBuffer(text) ? [text] : text;
  if (!output) {
    for (const piece of pieces) process.stdout.write(piece);
    return;
  }
  const fd = openOutput(output, cwd);
  try {
    for (const piece of pieces) {
      if (typeof piece === 'string') fs.writeSync(fd, piece);
      else for (let at = 0; at < piece.length; ) at += fs.writeSync(fd, piece, at);
    }
  } catch (err) {
    throw cannotWrite(output, err);
  } finally {
    fs.closeSync(fd);
  }
}
