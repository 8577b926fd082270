// LSP edit-to-diagnostics latency over real stdio: the logic of bench/lsp-latency.mjs
// (same server start, same generated module, same keystroke edits, same warm-up), made
// callable so bench/run.mjs can repeat sessions and report median/min/max of p50 and p99.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = rpc;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'server/bin/ssot-lint.js');
const uriOf = (f) => pathToFileURL(f).href;

/**
 * `env`: the server's environment (default: this process's); `nodeArgs`: e.g. ['--cpu-prof']
 * to profile it. Unless `env` names an XDG_CACHE_HOME (bench/lsp-startup.mjs keeps one
 * across its sessions), the session gets a scan cache of its own, removed by stop(): a
 * "cold" start must not read a pack an earlier run left for the same root, and a bench
 * must not leave packs in the user's cache.
 */
export async function startServer(root, settings, env = process.env, nodeArgs = []) {
  const ownCache = env === process.env || env.XDG_CACHE_HOME === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-bench-cache-')) : undefined;
  if (ownCache) env = { ...env, XDG_CACHE_HOME: ownCache };
  const proc = spawn(process.execPath, [...nodeArgs, BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const listeners = new Set();
  conn.onNotification((method, params) => { for (const l of listeners) l(method, params); });
  conn.onUnhandledProgress(() => {});
  conn.onRequest((method, params) => (method === 'workspace/configuration' ? params.items.map(() => settings) : null));
  conn.listen();
  const waitFor = (pred) => new Promise((resolve) => {
    const fn = (m, p) => { if (pred(m, p)) { listeners.delete(fn); resolve(p); } };
    listeners.add(fn);
  });
  const scanned = waitFor((m, p) => m === 'window/logMessage' && p.message.includes('scanned'));
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    initializationOptions: { ssotLint: settings },
  });
  await conn.sendNotification('initialized', {});
  const stop = async () => {
    await conn.sendRequest('shutdown').catch(() => {});
    await conn.sendNotification('exit').catch(() => {});
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
    conn.dispose();
    if (ownCache) fs.rmSync(ownCache, { recursive: true, force: true });
  };
  return { proc, conn, waitFor, scanned, stop };
}

// `every`: one function in `every` reads the environment (1 = every function: the dense worst case).
export function pythonModule(lines, seed = 0, every = 1) {
  const out = ['"""Generated module."""', 'import os', 'import json', ''];
  let i = 0;
  while (out.length < lines - 1) {
    const read = i % every === 0 ? `os.environ.get('KEY_${i}')` : `payload.get('KEY_${i}')`;
    out.push('', `def handler_${seed}_${i}(payload):`, `    """Handle ${i}."""`, `    key = ${read}`);
    out.push(`    data = json.loads(payload)`, `    if data.get('x') == ${i}:`, `        return key`, `    return None  # edit-marker`);
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const WARMUP = 20;

/** One server session: 200 timed keystrokes (after 20 untimed) in the middle of the file. */
export async function editSession(lines, every, edits = 200) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ssot-bench-edit${lines}-`));
  try {
    fs.writeFileSync(path.join(root, 'ssot-lint.json'), '{}\n');
    const file = path.join(root, `mod_${lines}.py`);
    const text = pythonModule(lines, 0, every);
    fs.writeFileSync(file, text);
    const s = await startServer(root, { debounceMs: 0 });
    await s.scanned;
    const uri = uriOf(file);
    const first = s.waitFor((m, p) => m === 'textDocument/publishDiagnostics' && p.uri === uri && p.version === 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const { diagnostics } = await first;
    const times = [];
    const midLine = Math.floor(lines / 2);
    for (let v = 2; v <= edits + 1 + WARMUP; v++) {
      const insert = v % 2 === 0;
      const range = { start: { line: midLine, character: 0 }, end: { line: midLine, character: insert ? 0 : 1 } };
      const got = s.waitFor((m, p) => m === 'textDocument/publishDiagnostics' && p.uri === uri && p.version === v);
      const t0 = process.hrtime.bigint();
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? '#' : '' }] });
      await got;
      if (v > WARMUP + 1) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    await s.stop();
    times.sort((a, b) => a - b);
    return { lines, edits: times.length, diagnostics: diagnostics.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
