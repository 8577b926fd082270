/**
 * The one workspace an MCP server serves. Every path a tool receives goes through
 * `resolveInside`: an agent can be talked into anything by the text it reads, so the
 * root given at start is a hard boundary (no `..` escapes, no absolute paths or
 * symlinks leading out). The config is re-read per call so edits to ssot-lint.json
 * apply without restarting the agent's session.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProject, loadConfig, type Project } from '@ssot-lint/shared-rules';

/** An error whose message is shown to the agent as the tool's result (isError: true). */
export class ToolError extends Error {}

export interface InsidePath {
  abs: string;
  /** POSIX, relative to the root; '' for the root itself. */
  rel: string;
}

export class Workspace {
  readonly root: string;
  private readonly realRoot: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = fs.realpathSync(this.root);
  }

  /** Resolves a path given by the client (relative to the root, or absolute inside it). */
  resolveInside(p: string): InsidePath {
    if (p.includes('\0')) throw new ToolError(`invalid path (contains a NUL byte): ${JSON.stringify(p)}`);
    const abs = path.resolve(this.root, p);
    const rel = relativeInside(this.root, abs);
    if (rel === undefined) throw new ToolError(`path is outside the workspace root ${this.root}: ${p}`);
    if (!fs.existsSync(abs)) throw new ToolError(`path not found: ${p}`);
    // A symlink inside the root may point outside it; judge where it really leads.
    if (relativeInside(this.realRoot, fs.realpathSync(abs)) === undefined) {
      throw new ToolError(`path resolves outside the workspace root ${this.root} (through a symlink): ${p}`);
    }
    return { abs, rel };
  }

  /** A fresh project from the current ssot-lint.json; config errors become one clear tool error. */
  project(): Project {
    const { config, errors } = loadConfig(this.root);
    if (errors.length) {
      const lines = errors.map((e) => {
        const file = path.isAbsolute(e.file) ? path.relative(this.root, e.file) || e.file : e.file;
        return `${file}:${e.line}:${e.column}: invalid config at ${e.path || '/'}: ${e.message}`;
      });
      throw new ToolError(lines.join('\n'));
    }
    return createProject(this.root, config);
  }
}

function relativeInside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
