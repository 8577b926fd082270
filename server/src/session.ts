/**
 * The server's state: workspace folders (each with its own config, project, baseline
 * and per-file results), open documents, client capabilities and settings. Handlers
 * read and update it; they hold no state of their own.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProject,
  type ConfigError,
  type FileCategory,
  type InternalError,
  type Project,
  type ResolvedConfig,
  type Violation,
  type WorkspaceIndex,
} from '@ssot-lint/shared-rules';
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, type SsotLintSettings } from './protocol';

/** One file's latest result: from its open buffer, or from disk. Text and facts are not kept (memory). */
export interface FileState {
  category: FileCategory;
  violations: Violation[];
  suppressedCount: number;
  internalErrors: InternalError[];
  /** Open-document version it was computed from; null when computed from disk. */
  version: number | null;
  /** Disk stamp (mtime + size) for reuse across scans; undefined for buffer results. */
  stamp?: string;
  /** Config generation it was computed under. */
  gen: number;
  /** Pull-diagnostics result id: changes whenever the result may have changed. */
  resultId: string;
}

export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  workDoneProgress: boolean;
  configuration: boolean;
  watchedFilesDynamic: boolean;
  configurationDynamic: boolean;
  showDocument: boolean;
  workspaceFolders: boolean;
}

let resultCounter = 0;
/**
 * A folder's project: with index reads tracked, so re-checking the dependents of an edit
 * re-runs only the rules whose inputs moved (handlers/workspace-index.ts).
 */
function editorProject(root: string, config: ResolvedConfig): Project {
  return { ...createProject(root, config), trackIndexReads: true };
}

export function nextResultId(): string {
  return String(++resultCounter);
}

export class Folder {
  project: Project;
  /** The config in force: the last valid one (config errors never replace it). */
  config: ResolvedConfig;
  configErrors: ConfigError[] = [];
  /** Bumped on every config change: results of older generations are not reused. */
  gen = 0;
  /** Bumped when the presentation of unchanged results changes (baseline, docs URL): new pull result ids. */
  viewGen = 0;
  /**
   * The workspace index (facts of every file, for workspace rules). Built by the scan and
   * attached to the project only once complete, so workspace rules never judge a partial
   * workspace; replaced on every config change.
   */
  index: WorkspaceIndex | undefined;
  /** Findings about the workspace as a whole (e.g. a canonical module that does not exist). */
  workspaceViolations: Violation[] = [];
  /** Files whose workspace-rule results may have changed, waiting for a re-check. */
  readonly dirty = new Set<string>();
  /** Fingerprints of baseline violations, when `ssot-lint-baseline.json` exists. */
  baseline: Set<string> | undefined;
  settings: SsotLintSettings = DEFAULT_SETTINGS;
  /** In-scope files (POSIX paths relative to root) and their latest results. */
  readonly files = new Map<string, FileState>();
  /** URIs of unopened files we published diagnostics for (to clear them later). */
  readonly published = new Set<string>();
  /** The initial workspace scan has completed (so aggregates describe the whole folder). */
  scanned = false;
  /** Serialises full passes (the background scan, report requests). */
  pass: Promise<unknown> = Promise.resolve();
  lastReported: { score: number; total: number } | undefined;
  /** Paths already logged as skipped, so each is logged once. */
  readonly loggedSkips = new Set<string>();

  constructor(
    readonly uri: string,
    readonly root: string,
    readonly name: string,
    config: ResolvedConfig,
  ) {
    this.config = config;
    this.project = editorProject(root, config);
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
    this.project = editorProject(this.root, config);
    this.index = undefined;
    this.workspaceViolations = [];
    this.gen++;
  }

  /** Absolute path of the config file in use. */
  configFile(): string {
    return this.settings.configPath ? path.resolve(this.root, this.settings.configPath) : path.join(this.root, 'ssot-lint.json');
  }

  /** POSIX path relative to the root, or undefined when the file is outside this folder. */
  relPath(absPath: string): string | undefined {
    const rel = path.relative(this.root, absPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  uriOf(relPath: string): string {
    return pathToFileURL(path.join(this.root, relPath)).href;
  }

  /** Score and violation count over the files in state (the report's headline numbers). */
  totals(): { score: number; total: number; files: number } {
    let dirty = 0;
    let total = this.workspaceViolations.length;
    for (const s of this.files.values()) {
      total += s.violations.length;
      if (s.violations.length > 0) dirty++;
    }
    // Like buildReport: a checked file with only workspace-level findings is dirty too.
    const extra = new Set(this.workspaceViolations.map((v) => v.file));
    for (const f of extra) if (this.files.get(f)?.violations.length === 0) dirty++;
    const files = this.files.size;
    return { score: files === 0 ? 100 : ((files - dirty) / files) * 100, total, files };
  }
}

export class Session {
  readonly folders = new Map<string, Folder>();
  support!: ClientSupport;
  /** initializationOptions, used when the client has no workspace/configuration. */
  initSettings: Partial<SsotLintSettings> = {};
  shuttingDown = false;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
  ) {}

  setCapabilities(caps: ClientCapabilities): void {
    this.support = {
      pullDiagnostics: !!caps.textDocument?.diagnostic,
      diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
      workDoneProgress: !!caps.window?.workDoneProgress,
      configuration: !!caps.workspace?.configuration,
      watchedFilesDynamic: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configurationDynamic: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      showDocument: !!caps.window?.showDocument?.support,
      workspaceFolders: !!caps.workspace?.workspaceFolders,
    };
  }

  addFolder(uri: string, config: ResolvedConfig, name?: string): Folder {
    const root = fileURLToPath(uri);
    const folder = new Folder(uri, root, name ?? path.basename(root), config);
    this.folders.set(uri, folder);
    return folder;
  }

  /** The innermost folder containing the file (nested folders: the deepest wins). */
  folderFor(uri: string): Folder | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const abs = fileURLToPath(uri);
    let best: Folder | undefined;
    for (const f of this.folders.values()) {
      if (f.relPath(abs) !== undefined && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  /** Folder and root-relative path of a file URI, when it is inside a folder. */
  locate(uri: string): { folder: Folder; rel: string } | undefined {
    const folder = this.folderFor(uri);
    if (!folder) return undefined;
    const rel = folder.relPath(fileURLToPath(uri));
    return rel === undefined ? undefined : { folder, rel };
  }

  /**
   * Files whose workspace-rule results can change when `relPath` changes (its importers,
   * other definitions of the names it defines), answered by the engine's workspace index;
   * empty until the first scan has built it. The index's update/remove return the same
   * set at the moment of a change, which is what the handlers use.
   */
  dependentsOf(folder: Folder, relPath: string): string[] {
    return folder.project.index?.dependentsOf(relPath) ?? [];
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  error(message: string): void {
    this.connection.console.error(message);
  }
}
