/**
 * A small LSP client for tests: spawns the real server (`ssot-lint lsp --stdio`) and
 * talks JSON-RPC over its stdio with vscode-languageserver-protocol. It answers the
 * server's requests (configuration, registration, progress, showDocument), records
 * what the server sends, keeps the text of the documents it opened, and applies
 * WorkspaceEdits the way an editor does (refusing an edit for another version).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkspaceEdit,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'server/bin/ssot-lint.js');
export const FIXTURES = path.join(REPO, 'test/fixtures/lsp');

let built = false;
/**
 * Builds the server once per test process (tsc -b is incremental: quick when up to date).
 * Test files run in parallel forks, and two tsc -b writing the same outputs at once can
 * corrupt them, so a lock directory serialises the builds across processes.
 */
export function ensureBuilt(): void {
  // SSOT_LINT_SKIP_BUILD=1: the caller has built already (e.g. `tsc -b && vitest run`).
  if (built || process.env.SSOT_LINT_SKIP_BUILD === '1') return;
  const lock = path.join(REPO, 'node_modules/.ssot-lint-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock left by a killed process: older than any real build.
      const st = fs.statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: REPO, stdio: 'inherit' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  built = true;
}

/** A fresh copy of a fixture workspace, for tests that change files. */
/**
 * `ssot-lint check <dir> --format json ...args`, which must exit 1 (it has findings): its
 * report, and its stderr, where SSOT_LINT_TIMINGS makes it say what the scan cache served.
 */
export function checkJson<R = unknown>(dir: string, args: string[] = []): { report: R; stderr: string } {
  ensureBuilt();
  const r = spawnSync(process.execPath, [BIN, 'check', dir, '--format', 'json', ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, SSOT_LINT_TIMINGS: '1' } });
  if (r.status !== 1) throw new Error(`ssot-lint check exited ${r.status}, not 1:\n${r.stderr}`);
  return { report: JSON.parse(r.stdout) as R, stderr: r.stderr };
}

export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ssot-lsp-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** Push-only client (no pull diagnostics), with the features most editors have. */
export const BASE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

export interface StartOptions {
  folders: string[];
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** What the client answers to workspace/configuration (section ssotLint). */
  settings?: Record<string, unknown>;
  /** Extra node options for the server process (e.g. `-r` a fault-injection module). */
  nodeArgs?: string[];
}

interface Waiter {
  uri: string;
  pred: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly serverRequests: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  readonly docs = new Map<string, TextDocument>();
  stderr = '';
  exitCode: number | null | undefined;
  initializeResult: InitializeResult | undefined;
  settings: Record<string, unknown>;
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    opts: StartOptions,
  ) {
    this.settings = opts.settings ?? {};
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve((this.exitCode = code))));
    proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    conn.onNotification((method, params) => {
      this.notifications.push({ method, params });
      if (method === 'window/logMessage') this.logs.push((params as { message: string }).message);
      if (method !== 'textDocument/publishDiagnostics') return;
      const p = params as PublishDiagnosticsParams;
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => (w.uri === p.uri && w.pred(p) ? (w.resolve(p), false) : true));
    });
    // $/progress does not reach the catch-all handler: the library routes it by token.
    conn.onUnhandledProgress((params) => this.notifications.push({ method: '$/progress', params }));
    conn.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      if (method === 'workspace/configuration') {
        return (params as { items: unknown[] }).items.map(() => this.settings);
      }
      if (method === 'window/showDocument') return { success: true };
      return null; // client/registerCapability, window/workDoneProgress/create, refresh requests
    });
    conn.listen();
  }

  static async start(opts: StartOptions): Promise<LspClient> {
    ensureBuilt();
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, conn, opts);
    client.initializeResult = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: opts.folders.length ? uriOf(opts.folders[0]) : null,
      workspaceFolders: opts.folders.length ? opts.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })) : null,
      capabilities: opts.capabilities ?? BASE_CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  request<R = unknown>(method: string, params?: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** The next publish for `uri` that satisfies `pred` (the latest one counts if it already does). */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const latest = this.diagnostics.get(uri);
    if (latest && pred(latest)) return Promise.resolve(latest);
    return this.nextDiagnostics(uri, pred, timeoutMs);
  }

  /** Only a publish that arrives from now on. */
  nextDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; latest: ${JSON.stringify(this.diagnostics.get(uri))}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  waitForNotification(method: string, pred: (params: any) => boolean = () => true, timeoutMs = 10_000): Promise<any> {
    const start = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => {
        const hit = this.notifications.find((n) => n.method === method && pred(n.params));
        if (hit) return resolve(hit.params);
        if (Date.now() - start > timeoutMs) return reject(new Error(`no ${method} within ${timeoutMs} ms`));
        setTimeout(poll, 10);
      };
      poll();
    });
  }

  /** Resolves when the server logged a line containing `text` (e.g. the end of the initial scan). */
  waitForLog(text: string, timeoutMs = 10_000): Promise<string> {
    return this.waitForNotification('window/logMessage', (p: { message: string }) => p.message.includes(text), timeoutMs).then((p) => p.message);
  }

  async open(file: string, languageId: string, text = fs.readFileSync(file, 'utf8')): Promise<string> {
    const uri = uriOf(file);
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    await this.notify('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next.version;
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  /**
   * Applies a WorkspaceEdit to the client's documents as an editor would: only
   * `documentChanges`, and only when each edit's version is the document's current
   * one. Returns the new text of each edited document (and sends didChange).
   */
  async applyEdit(edit: WorkspaceEdit): Promise<Map<string, string>> {
    if (edit.changes) throw new Error('expected documentChanges, got changes');
    const out = new Map<string, string>();
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error(`unexpected resource operation ${JSON.stringify(change)}`);
      const doc = this.docs.get(change.textDocument.uri);
      if (!doc) throw new Error(`edit for a document that is not open: ${change.textDocument.uri}`);
      if (change.textDocument.version !== doc.version) {
        throw new Error(`edit for version ${change.textDocument.version}, document is at ${doc.version}`);
      }
      const text = TextDocument.applyEdits(doc, change.edits as { range: any; newText: string }[]);
      await this.change(doc.uri, [{ text }]);
      out.set(doc.uri, text);
    }
    return out;
  }

  async shutdown(): Promise<number | null> {
    if (this.exitCode === undefined) {
      try {
        await this.request('shutdown');
        await this.notify('exit');
      } catch {
        // Already gone.
      }
    }
    const code = await Promise.race([this.exited, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    if (this.exitCode === undefined) this.proc.kill();
    this.conn.dispose();
    return code;
  }

  waitForExit(timeoutMs = 5000): Promise<number | null | 'timeout'> {
    return Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs))]);
  }
}

/** The fields of a diagnostic a test pins down exactly. */
export function brief(d: Diagnostic): Pick<Diagnostic, 'range' | 'code' | 'severity' | 'message' | 'source'> {
  return { range: d.range, code: d.code, severity: d.severity, message: d.message, source: d.source };
}
