/**
 * A raw JSON-RPC peer for the language server: it writes bytes exactly as given (so a
 * test can send what no well-behaved client library would: bad headers, broken JSON,
 * messages of the wrong shape, requests before `initialize`) and parses every frame the
 * server writes. It answers the server's own requests the way a minimal editor does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, ensureBuilt, uriOf } from '../server/lsp-client';

export interface Message {
  jsonrpc: string;
  id?: number | string | null;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string; data?: unknown };
}

export function frame(body: string | Buffer, header?: string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(header ?? `Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

export class RawServer {
  readonly messages: Message[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  exitCode: number | null | undefined;
  private buf = Buffer.alloc(0);
  private nextId = 1000;

  constructor(
    readonly proc: ChildProcess,
    private readonly settings: Record<string, unknown> = {},
  ) {
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve((this.exitCode = code))));
    proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    proc.stdout!.on('data', (d: Buffer) => this.onData(d));
    // A write after the server exited must not crash the test process.
    proc.stdin!.on('error', () => undefined);
  }

  static spawn(opts: { settings?: Record<string, unknown>; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): RawServer {
    ensureBuilt();
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    return new RawServer(proc, opts.settings);
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, sep).toString('ascii'));
      if (!m) throw new Error(`server wrote a frame without Content-Length: ${this.buf.subarray(0, sep)}`);
      const len = Number(m[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8')) as Message;
      this.buf = this.buf.subarray(sep + 4 + len);
      this.messages.push(msg);
      if (msg.method && msg.id !== undefined) this.answerServerRequest(msg);
    }
  }

  private answerServerRequest(msg: Message): void {
    const result = msg.method === 'workspace/configuration' ? (msg.params.items as unknown[]).map(() => this.settings) : null;
    this.writeRaw(frame(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result })));
  }

  writeRaw(bytes: Buffer | string): void {
    this.proc.stdin!.write(bytes);
  }

  send(msg: object): void {
    this.writeRaw(frame(JSON.stringify(msg)));
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request and resolves with the server's response (result or error). */
  request(method: string, params?: unknown, id: number | string = ++this.nextId): Promise<Message> {
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.response(id);
  }

  response(id: number | string | null, timeoutMs = 15_000): Promise<Message> {
    return this.waitFor((m) => m.method === undefined && m.id === id, timeoutMs, `response to ${id}`);
  }

  waitFor(pred: (m: Message) => boolean, timeoutMs = 15_000, what = 'a matching message'): Promise<Message> {
    const start = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => {
        const hit = this.messages.find(pred);
        if (hit) return resolve(hit);
        if (this.exitCode !== undefined) return reject(new Error(`server exited (${this.exitCode}) before ${what}; stderr: ${this.stderr}`));
        if (Date.now() - start > timeoutMs) return reject(new Error(`no ${what} within ${timeoutMs} ms`));
        setTimeout(poll, 5);
      };
      poll();
    });
  }

  logs(): string[] {
    return this.messages.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message as string);
  }

  async initialize(folder: string, capabilities: object = {}): Promise<Message> {
    const r = await this.request('initialize', {
      processId: process.pid,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: path.basename(folder) }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, ...capabilities },
    });
    this.notify('initialized', {});
    return r;
  }

  /** The server still answers: a compliance report request succeeds. */
  async alive(): Promise<boolean> {
    const r = await this.request('ssotLint/complianceReport', {});
    return r.error === undefined && typeof r.result?.total_files_checked === 'number';
  }

  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      this.proc.kill();
      await this.exited;
    }
  }
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
