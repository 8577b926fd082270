/**
 * The language server over real stdio, fed what a broken or hostile client sends:
 * malformed frames and bodies, wrong parameter types, requests before `initialize`,
 * unknown methods, a 50 MB document, edit storms, stale versions, abrupt exits and
 * cancellation storms. Each case checks the JSON-RPC answer and that the server keeps
 * serving afterwards. Counts are in docs/reliability.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { copyFixture, FIXTURES, LspClient, uriOf } from '../server/lsp-client';
import { frame, isRunning, RawServer, rssOf } from './raw-lsp';

const BASIC = path.join(FIXTURES, 'basic');
const SETTINGS_PY = path.join(BASIC, 'netra_backend/settings.py');
const MB = 1024 * 1024;

let server: RawServer | undefined;
let client: LspClient | undefined;
afterEach(async () => {
  await server?.stop();
  await client?.shutdown();
  server = undefined;
  client = undefined;
});

async function started(settings: Record<string, unknown> = {}): Promise<RawServer> {
  server = RawServer.spawn({ settings });
  const init = await server.initialize(BASIC);
  expect(init.result?.capabilities).toBeDefined();
  return server;
}

/** The error code the server answered request `id` with. */
async function errorCode(s: RawServer, id: number | string | null): Promise<number | undefined> {
  return (await s.response(id)).error?.code;
}

describe('malformed JSON-RPC', () => {
  test('bodies that are not JSON: ParseError (-32700, id null); the server keeps serving', async () => {
    const s = await started();
    const bodies = ['{', '{"jsonrpc":"2.0","id":1,"method":', 'not json at all', '\u0000\u0001', '\uFFFD\uD800', ''];
    for (const b of bodies) s.writeRaw(frame(b));
    expect(await s.alive()).toBe(true);
    const errors = s.messages.filter((m) => m.error && m.id === null);
    expect(errors.map((m) => m.error!.code)).toEqual(bodies.map(() => -32700));
  });

  test('JSON that is not a JSON-RPC request: InvalidRequest (-32600) with the id when it has one', async () => {
    const s = await started();
    const bodies = ['[1,2,3]', '42', 'null', '"x"', '{}', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","method":null}', '[{"jsonrpc":"2.0","id":9,"method":"shutdown"}]'];
    for (const b of bodies) s.writeRaw(frame(b));
    s.writeRaw(frame('{"jsonrpc":"2.0","id":"m42","method":42}'));
    s.writeRaw(frame('{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}'));
    expect(await errorCode(s, 'm42')).toBe(-32600);
    expect(await s.alive()).toBe(true);
    expect(s.messages.filter((m) => m.error && m.id === null).map((m) => m.error!.code)).toEqual([...bodies, 'id object'].map(() => -32600));
    // `shutdown` with an object id was rejected, not run: the server still works.
    expect(await s.alive()).toBe(true);
  });

  test('a missing or invalid Content-Length skips to the next header; later messages are served', async () => {
    const s = await started();
    const body = (id: string) => JSON.stringify({ jsonrpc: '2.0', id, method: 'ssotLint/complianceReport', params: {} });
    const headers = ['Content-Length: abc\r\n\r\n', 'Content-Type: application/json\r\n\r\n', 'Content-Length: -5\r\n\r\n', 'Content-Length: 1e3\r\n\r\n', 'garbage without a colon\r\n\r\n', 'Content-Length: 3\r\nContent-Length: 4\r\n\r\n'];
    // Each bad frame is followed at once by a good one, which must be answered.
    for (const [i, h] of headers.entries()) {
      s.writeRaw(Buffer.concat([frame(body(`bad${i}`), h), frame(body(`good${i}`))]));
      expect((await s.response(`good${i}`)).result, h).toBeDefined();
    }
    // None of the unframed requests ran, and each skip was logged once.
    expect(s.messages.filter((m) => typeof m.id === 'string' && m.id.startsWith('bad'))).toEqual([]);
    expect(s.logs().filter((l) => l.includes('invalid Content-Length'))).toHaveLength(headers.length);
    // Several frames in one write, and a frame split across writes byte by byte.
    s.writeRaw(Buffer.concat([frame(body('a')), frame(body('b'))]));
    const split = frame(body('c'));
    for (const byte of split) s.writeRaw(Buffer.from([byte]));
    expect((await s.response('a')).result).toBeDefined();
    expect((await s.response('b')).result).toBeDefined();
    expect((await s.response('c')).result).toBeDefined();
  });
});

describe('protocol misuse', () => {
  test('requests before initialize: ServerNotInitialized (-32002); notifications dropped; then initialize works', async () => {
    server = RawServer.spawn();
    const s = server;
    expect(await errorCode(s, (s.send({ jsonrpc: '2.0', id: 'r1', method: 'ssotLint/complianceReport', params: {} }), 'r1'))).toBe(-32002);
    expect(await errorCode(s, (s.send({ jsonrpc: '2.0', id: 'r2', method: 'textDocument/codeAction', params: {} }), 'r2'))).toBe(-32002);
    expect(await errorCode(s, (s.send({ jsonrpc: '2.0', id: 'r3', method: 'shutdown' }), 'r3'))).toBe(-32002);
    // A didOpen before initialize used to crash the server (no client capabilities yet).
    s.notify('textDocument/didOpen', { textDocument: { uri: uriOf(SETTINGS_PY), languageId: 'python', version: 1, text: 'import os\n' } });
    s.notify('workspace/didChangeConfiguration', { settings: {} });
    const init = await s.initialize(BASIC);
    expect(init.result?.capabilities).toBeDefined();
    expect(await s.alive()).toBe(true);
  });

  test('unknown methods: MethodNotFound (-32601) for requests; unknown notifications ignored', async () => {
    const s = await started();
    for (const m of ['foo/bar', 'textDocument/hover', 'ssotLint/nothing', '']) expect(await errorCode(s, (s.send({ jsonrpc: '2.0', id: `u${m}`, method: m, params: {} }), `u${m}`))).toBe(-32601);
    for (const m of ['foo/bar', '$/somethingNew', 'textDocument/didRename', '']) s.notify(m, { x: 1 });
    expect(await s.alive()).toBe(true);
  });

  test('wrong params types: InvalidParams (-32602) for requests, a log line for notifications, no crash', async () => {
    const s = await started({ debounceMs: 0 });
    const uri = uriOf(SETTINGS_PY);
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: fs.readFileSync(SETTINGS_PY, 'utf8') } });
    const goodRange = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    const bad: [string, unknown][] = [
      ['textDocument/codeAction', { textDocument: { uri }, range: 'all', context: { diagnostics: [] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: goodRange, context: { diagnostics: 'x' } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/codeAction', 5],
      ['textDocument/codeAction', undefined],
      ['ssotLint/complianceReport', { uri: 42 }],
      ['ssotLint/complianceReport', 'x'],
      ['textDocument/diagnostic', { textDocument: null }],
      ['workspace/diagnostic', { previousResultIds: {} }],
      ['workspace/executeCommand', { command: 7 }],
    ];
    for (const [i, [method, params]] of bad.entries()) {
      const r = await s.request(method, params, `p${i}`);
      expect(r.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602);
    }
    const notifications: [string, unknown][] = [
      ['textDocument/didOpen', { textDocument: { uri: uriOf(path.join(BASIC, 'netra_backend/n.py')), languageId: 'python', version: 1, text: 12345 } }],
      ['textDocument/didOpen', { textDocument: { uri: 5, languageId: 'python', version: 1, text: '' } }],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: 'x', text: 5 }] }],
      ['textDocument/didChange', { textDocument: { uri, version: '3' }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didClose', { textDocument: 7 }],
      ['textDocument/didSave', null],
      ['workspace/didChangeWatchedFiles', { changes: 'all' }],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [1], removed: [] } }],
    ];
    for (const [method, params] of notifications) s.notify(method, params);
    expect(await s.alive()).toBe(true);
    expect(s.logs().filter((l) => l.includes('with invalid params'))).toHaveLength(notifications.length);
    // The open document was not touched by the rejected change: a valid code action request still works on it.
    const ok = await s.request('textDocument/codeAction', { textDocument: { uri }, range: goodRange, context: { diagnostics: [] } });
    expect(ok.error).toBeUndefined();
  });
});

describe('load and lifecycle', () => {
  test('a 50 MB document: skipped over maxFileBytes with one log line, no crash; memory returns near baseline after close', async () => {
    const dir = copyFixture('basic');
    server = RawServer.spawn({ nodeArgs: ['--expose-gc'], env: { SSOT_LINT_TEST_GC: '1' } });
    const s = server;
    await s.initialize(dir);
    expect(await s.alive()).toBe(true);
    /** Forces a collection in the server; its JS memory (heap + buffers) and its RSS from /proc. */
    const measure = async () => {
      const m = (await s.request('ssotLint/test/gc')).result as NodeJS.MemoryUsage;
      return { js: m.heapUsed + m.external, rss: rssOf(s.proc.pid!) };
    };
    const baseline = await measure();
    const line = "X = os.environ.get('K')\n";
    const text = 'import os\n' + line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    const uri = uriOf(path.join(dir, 'netra_backend/huge.py'));
    const t0 = Date.now();
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const published = await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 60_000);
    const openMs = Date.now() - t0;
    expect(published.params.diagnostics).toEqual([]);
    const open = await measure();
    s.notify('textDocument/didClose', { textDocument: { uri } });
    expect(await s.alive()).toBe(true);
    let closed = await measure();
    // The allocator hands freed pages back to the OS lazily: give RSS a few seconds.
    for (let i = 0; i < 30 && closed.rss - baseline.rss >= 50 * MB; i++) {
      await new Promise((r) => setTimeout(r, 100));
      closed = await measure();
    }
    expect(s.logs().filter((l) => l.includes('huge.py'))).toEqual(['ssot-lint: skipped netra_backend/huge.py: too large']);
    const mb = (n: number) => Math.round(n / MB);
    console.log(`50 MB didOpen: diagnostics in ${openMs} ms; JS heap+buffers ${mb(baseline.js)} -> ${mb(open.js)} -> ${mb(closed.js)} MB; RSS ${mb(baseline.rss)} -> ${mb(open.rss)} -> ${mb(closed.rss)} MB`);
    // Open, the document's text is held; closed, nothing of it is: the JS memory is back
    // within 10 MB of the baseline, and RSS below baseline + the document's size.
    expect(open.js - baseline.js).toBeGreaterThan(45 * MB);
    expect(closed.js - baseline.js).toBeLessThan(10 * MB);
    expect(closed.rss - baseline.rss).toBeLessThan(50 * MB);
  }, 120_000);

  test('exit without shutdown ends with code 1; after shutdown with code 0', async () => {
    const a = RawServer.spawn();
    await a.initialize(BASIC);
    a.notify('exit');
    expect(await a.exited).toBe(1);
    const b = RawServer.spawn();
    await b.initialize(BASIC);
    expect((await b.request('shutdown')).error).toBeUndefined();
    b.notify('exit');
    expect(await b.exited).toBe(0);
  });

  test('the client disappears (stdin closed), even mid-scan: the server exits within 1 s, no orphan', async () => {
    const dir = copyFixture('basic');
    for (let i = 0; i < 1500; i++) {
      fs.mkdirSync(path.join(dir, `pkg${i % 30}`), { recursive: true });
      fs.writeFileSync(path.join(dir, `pkg${i % 30}/mod${i}.py`), `import os\n\n\ndef f${i}():\n    return os.environ.get('K${i}')\n`);
    }
    for (const folder of [BASIC, dir]) {
      server = RawServer.spawn({ settings: { workspaceDiagnostics: true } });
      const s = server;
      await s.initialize(folder, { window: { workDoneProgress: true } });
      if (folder === dir) await s.waitFor((m) => m.method === '$/progress' && m.params.value?.kind === 'report', 30_000, 'scan progress');
      const pid = s.proc.pid!;
      const t0 = Date.now();
      s.proc.stdin!.end();
      expect(await s.exited).toBe(1);
      const ms = Date.now() - t0;
      expect(ms, `exit took ${ms} ms`).toBeLessThan(1000);
      expect(isRunning(pid)).toBe(false);
    }
  }, 60_000);
});

describe('edit and request storms', () => {
  test('1,000 rapid didChange: diagnostics for the last version only, within a bounded time; stale and duplicate versions do not crash it', async () => {
    const dir = copyFixture('basic');
    // A debounce well above any pause of a loaded CI box between two of the 1,000 writes.
    client = await LspClient.start({ folders: [dir], settings: { debounceMs: 500 } });
    // After the initial scan, so it cannot hold the event loop while changes queue up.
    await client.waitForLog('scanned');
    const file = path.join(dir, 'netra_backend/settings.py');
    const uri = await client.open(file, 'python');
    await client.waitForDiagnostics(uri, (d) => d.version === 1);
    const t0 = Date.now();
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      const end = client.docs.get(uri)!.lineCount;
      version = await client.change(uri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, text: `V${i} = os.environ.get('K${i}')\n` }]);
    }
    const last = await client.waitForDiagnostics(uri, (d) => d.version === version, 30_000);
    const ms = Date.now() - t0;
    console.log(`1,000 didChange: diagnostics for version ${version} after ${ms} ms`);
    expect(ms).toBeLessThan(20_000);
    // Every change was applied, in order: the 2 original reads plus the 1,000 appended ones.
    expect(last.diagnostics.filter((d) => d.code === 'env-access')).toHaveLength(1002);
    const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri);
    expect(published.map((n) => (n.params as { version: number }).version)).toEqual([1, version]);

    // A duplicate and a stale version: applied as sent (the client's text has them), no crash.
    const append = (v: number, text: string) =>
      client!.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 1004, character: 0 }, end: { line: 1004, character: 0 } }, text }] });
    await append(version, "D = os.environ.get('DUP')\n");
    await append(5, "S = os.environ.get('STALE')\n");
    const after = await client.waitForDiagnostics(uri, (d) => d.version === 5, 10_000);
    expect(after.diagnostics.filter((d) => d.code === 'env-access')).toHaveLength(1004);
    expect(await client.request('ssotLint/complianceReport', {})).toMatchObject({ total_files_checked: 2 });
  }, 60_000);

  test('cancellation storm: 60 reports and workspace diagnostics cancelled in flight; each answers -32800 or completes; the server keeps serving', async () => {
    const dir = copyFixture('basic');
    for (let i = 0; i < 600; i++) {
      fs.mkdirSync(path.join(dir, `pkg${i % 20}`), { recursive: true });
      fs.writeFileSync(path.join(dir, `pkg${i % 20}/mod${i}.py`), `import os\n\n\ndef f${i}():\n    return os.environ.get('K${i}')\n`);
    }
    server = RawServer.spawn({ settings: { workspaceDiagnostics: true } });
    const s = server;
    await s.initialize(dir, { textDocument: { diagnostic: {} } });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(`rep${i}`, `wsd${i}`);
      s.send({ jsonrpc: '2.0', id: `rep${i}`, method: 'ssotLint/complianceReport', params: {} });
      s.send({ jsonrpc: '2.0', id: `wsd${i}`, method: 'workspace/diagnostic', params: { previousResultIds: [] } });
    }
    for (const id of ids) s.notify('$/cancelRequest', { id });
    // Cancelling what was never sent or already answered is harmless too.
    for (const id of ['nope', 12345]) s.notify('$/cancelRequest', { id });
    const answers = await Promise.all(ids.map((id) => s.response(id, 60_000)));
    const outcome = (m: (typeof answers)[number]) => (m.error ? m.error.code : 'result');
    const counts = new Map<unknown, number>();
    for (const a of answers) counts.set(outcome(a), (counts.get(outcome(a)) ?? 0) + 1);
    console.log(`cancellation storm: ${JSON.stringify(Object.fromEntries(counts))}`);
    for (const a of answers) expect([-32800, 'result']).toContain(outcome(a));
    expect(counts.get(-32800) ?? 0).toBeGreaterThan(0);
    const r = await s.request('ssotLint/complianceReport', {});
    expect(r.result).toMatchObject({ total_files_checked: 602 });
  }, 120_000);
});
