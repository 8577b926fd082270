/**
 * The server's end of the stdio transport: frames JSON-RPC messages off stdin and
 * answers what must never reach a handler, so a broken or hostile client cannot stop
 * the server. vscode-jsonrpc's own reader never recovers from a bad Content-Length (the
 * body is then read as the next header and every later message is lost), drops a body
 * that is not JSON without an answer, and has no notion of `initialize` coming first.
 *
 * Here: a frame with a missing or invalid Content-Length is skipped up to the next
 * `Content-Length:` header; a body that is not JSON gets -32700 (ParseError), a message
 * that is not a JSON-RPC request or notification gets -32600 (InvalidRequest), a
 * request before `initialize` gets -32002 (ServerNotInitialized) and notifications then
 * are dropped (except `exit`), as the LSP spec says; parameters of the wrong type get
 * -32602 (InvalidParams) or, for notifications, a log line (see params.ts).
 */
import {
  AbstractMessageReader,
  ErrorCodes,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { paramsProblem } from './params';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = /^content-length$/i;
const RESYNC = Buffer.from('Content-Length:', 'ascii');

type Id = number | string | null;

export class GuardedReader extends AbstractMessageReader {
  private buf = Buffer.alloc(0);
  /** Chunks of a frame whose body is still arriving, and the byte count the frame needs. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private need = 0;
  private initialized = false;
  private writer: MessageWriter | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly log: (message: string) => void,
  ) {
    super();
  }

  /** The writer errors are answered on (set once the connection's writer exists). */
  answerWith(writer: MessageWriter): void {
    this.writer = writer;
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.onData(chunk, callback);
    this.input.on('data', onData);
    this.input.on('error', (err) => this.fireError(err));
    this.input.on('end', () => this.fireClose());
    this.input.on('close', () => this.fireClose());
    return { dispose: () => void this.input.off('data', onData) };
  }

  private onData(chunk: Buffer, callback: DataCallback): void {
    // Concatenating per chunk would be quadratic for one huge message (50 MB in 64 KB
    // chunks): collect the chunks until the frame is complete, then join them once.
    if (this.buf.length + this.pendingBytes + chunk.length < this.need) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      return;
    }
    this.buf = Buffer.concat([this.buf, ...this.pending, chunk]);
    this.pending = [];
    this.pendingBytes = 0;
    this.need = 0;
    for (;;) {
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) return;
      const length = contentLength(this.buf.subarray(0, end).toString('ascii'));
      if (length === undefined) {
        this.log(`ssot-lint: skipped a message with a missing or invalid Content-Length header: ${JSON.stringify(this.buf.subarray(0, Math.min(end, 200)).toString('ascii'))}`);
        // The body's length is unknown: resume at the next header.
        const next = this.buf.indexOf(RESYNC, end + HEADER_END.length);
        this.buf = next < 0 ? Buffer.alloc(0) : this.buf.subarray(next);
        continue;
      }
      const start = end + HEADER_END.length;
      if (this.buf.length < start + length) {
        this.need = start + length;
        return;
      }
      const body = this.buf.subarray(start, start + length).toString('utf8');
      this.buf = this.buf.subarray(start + length);
      // A fresh buffer when the rest is small, so a 50 MB message does not pin its chunk in memory.
      if (this.buf.length < 65536) this.buf = Buffer.from(this.buf);
      this.dispatch(body, callback);
    }
  }

  private dispatch(body: string, callback: DataCallback): void {
    let msg: unknown;
    try {
      msg = JSON.parse(body);
    } catch (err) {
      return this.reject(null, ErrorCodes.ParseError, `Parse error: ${(err as Error).message}`);
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return this.reject(null, ErrorCodes.InvalidRequest, 'Invalid request: not a JSON-RPC message object');
    const m = msg as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    const id = m.id;
    const validId = typeof id === 'number' || typeof id === 'string';
    if (m.method === undefined && (validId || id === null) && ('result' in m || 'error' in m)) return callback(m as Message); // a response to the server's own request
    if (typeof m.method !== 'string') return this.reject(validId ? id : null, ErrorCodes.InvalidRequest, 'Invalid request: method must be a string');
    if (id !== undefined && !validId) return this.reject(null, ErrorCodes.InvalidRequest, 'Invalid request: id must be a number or a string');
    const isRequest = id !== undefined;
    if (!this.initialized) {
      if (m.method === 'initialize' && isRequest) this.initialized = true;
      else if (isRequest) return this.reject(id as Id, ErrorCodes.ServerNotInitialized, `Server not initialized: ${m.method} before initialize`);
      else if (m.method !== 'exit') return; // the spec: notifications before initialize are dropped
    }
    const problem = paramsProblem(m.method, m.params);
    if (problem) {
      if (isRequest) return this.reject(id as Id, ErrorCodes.InvalidParams, `Invalid params for ${m.method}: ${problem}`);
      return this.log(`ssot-lint: ignored ${m.method} with invalid params: ${problem}`);
    }
    callback(m as Message);
  }

  private reject(id: Id, code: number, message: string): void {
    if (id === null) this.log(`ssot-lint: ${message}`);
    void this.writer?.write({ jsonrpc: '2.0', id, error: { code, message } } as Message);
  }
}

/** The Content-Length of a header block, or undefined when it is missing, repeated or not a non-negative integer. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return undefined;
    if (!CONTENT_LENGTH.test(line.slice(0, colon).trim())) continue;
    const value = line.slice(colon + 1).trim();
    if (length !== undefined || !/^\d{1,15}$/.test(value)) return undefined;
    length = Number(value);
  }
  return length;
}
