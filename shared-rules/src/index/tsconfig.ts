/**
 * tsconfig `paths` / `baseUrl` for resolving TS imports such as `@/lib/api`. Each TS
 * file uses the nearest tsconfig.json above it (what editors and tsc do for a project
 * folder), following relative `extends`. Parsed with typescript's own JSON parser, which
 * accepts the comments and trailing commas tsconfig files are full of.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { typescript } from '../lang/ts/compiler';
import { normalizePath } from './resolve';

export interface TsPathMapping {
  /** Workspace-relative folder non-relative specifiers resolve against (`baseUrl`), if set. */
  baseUrl?: string;
  /** `paths` patterns: specifier = prefix + `*` + suffix; targets are workspace-relative, `*` kept. */
  paths: { prefix: string; suffix: string; targets: string[]; exact?: boolean }[];
}

/**
 * What a lookup learned from the file system: whether a tsconfig.json exists, or a
 * config's text (undefined when unreadable). A scan records these so a cached result
 * can be trusted only while every answer still holds (see answerNow).
 */
export interface TsconfigRead {
  kind: 'exists' | 'read';
  file: string;
  answer: boolean | string | undefined;
}

/** The same question asked of the file system again. */
export function answerNow(kind: TsconfigRead['kind'], file: string): TsconfigRead['answer'] {
  if (kind === 'exists') return fs.existsSync(file);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface CompilerPaths {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Folder `paths` are relative to when there is no baseUrl: the config that declares them. */
  pathsBase?: string;
}

/** Reads one tsconfig (absolute path) with its relative `extends` chain. */
function readCompilerPaths(file: string, reads: TsconfigRead[] | undefined, seen = new Set<string>()): CompilerPaths | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const text = answerNow('read', file) as string | undefined;
  reads?.push({ kind: 'read', file, answer: text });
  if (text === undefined) return undefined;
  const parsed = typescript().parseConfigFileTextToJson(file, text);
  if (parsed.error || typeof parsed.config !== 'object' || parsed.config === null) return undefined;
  const cfg = parsed.config as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  const dir = path.dirname(file);
  let out: CompilerPaths = {};
  const ext = typeof cfg.extends === 'string' ? [cfg.extends] : Array.isArray(cfg.extends) ? cfg.extends : [];
  for (const e of ext) {
    // Package-name `extends` (`@tsconfig/next`) rarely carry paths; only relative ones are followed.
    if (typeof e !== 'string' || !e.startsWith('.')) continue;
    const target = path.resolve(dir, e.endsWith('.json') ? e : `${e}.json`);
    const base = readCompilerPaths(target, reads, seen);
    if (base) out = { ...out, ...base };
  }
  const co = cfg.compilerOptions ?? {};
  if (typeof co.baseUrl === 'string') out.baseUrl = path.resolve(dir, co.baseUrl);
  if (co.paths && typeof co.paths === 'object') {
    out.paths = co.paths as Record<string, string[]>;
    out.pathsBase = dir;
  }
  return out;
}

/**
 * Returns a memoised lookup: workspace-relative TS file -> the path mapping of its nearest
 * tsconfig.json. Every file system answer the lookup used is appended to `reads`. (An
 * array, not a callback: a closure made in a scan's scope would keep that whole scope,
 * every file's results included, alive for as long as the index lives; measured at 6x the
 * index's own memory.)
 */
export function createTsconfigLookup(root: string, reads?: TsconfigRead[]): (file: string) => TsPathMapping | undefined {
  const byDir = new Map<string, TsPathMapping | undefined>();
  const rel = (abs: string) => normalizePath(path.relative(root, abs).split(path.sep).join('/'));
  const forDir = (dir: string): TsPathMapping | undefined => {
    if (byDir.has(dir)) return byDir.get(dir);
    let result: TsPathMapping | undefined;
    const file = path.join(root, dir, 'tsconfig.json');
    const exists = answerNow('exists', file) as boolean;
    reads?.push({ kind: 'exists', file, answer: exists });
    if (exists) {
      const cp = readCompilerPaths(file, reads) ?? {};
      const base = cp.baseUrl ?? cp.pathsBase;
      const mapping: TsPathMapping = { paths: [] };
      if (cp.baseUrl) mapping.baseUrl = rel(cp.baseUrl);
      for (const [pattern, targets] of Object.entries(cp.paths ?? {})) {
        if (!Array.isArray(targets) || !base) continue;
        const star = pattern.indexOf('*');
        const prefix = star < 0 ? pattern : pattern.slice(0, star);
        const suffix = star < 0 ? '' : pattern.slice(star + 1);
        const ts = targets.filter((t): t is string => typeof t === 'string').map((t) => rel(path.resolve(base, t))).filter((t): t is string => t !== undefined);
        mapping.paths.push(star < 0 ? { prefix, suffix, targets: ts, exact: true } : { prefix, suffix, targets: ts });
      }
      // Longest prefix first, as TypeScript picks the most specific pattern.
      mapping.paths.sort((a, b) => b.prefix.length - a.prefix.length);
      result = mapping;
    } else if (dir !== '') {
      result = forDir(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');
    }
    byDir.set(dir, result);
    return result;
  };
  return (file) => forDir(file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
}
