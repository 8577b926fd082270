#!/usr/bin/env node
// Language-server benchmarks over real stdio (not a test; prints figures):
//  1. edit-to-diagnostics latency (didChange -> matching publishDiagnostics), debounce 0,
//     for a 300-line and a 3,000-line Python file, 200 edits each: p50 / p99;
//  2. time to first diagnostics for a file opened in a 10,000-file workspace while the
//     background scan runs;
//  3. server RSS after indexing the Python stdlib as a workspace.
// Usage: npx tsc -b && node bench/lsp-latency.mjs [--keep]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { editSession, pythonModule, startServer } from './peers/lsp-edit.mjs';

const uriOf = (f) => pathToFileURL(f).href;

// The keystroke session (20 untimed warm-up edits, then 200 timed) is the harness's own.
const editLatency = (lines, every) => editSession(lines, every, 200);

async function firstDiagnosticsInLargeWorkspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-bench-10k-'));
  fs.writeFileSync(path.join(root, 'ssot-lint.json'), '{}\n');
  for (let d = 0; d < 100; d++) {
    const dir = path.join(root, 'netra_backend', `pkg_${String(d).padStart(3, '0')}`);
    fs.mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(dir, `mod_${f}.py`), pythonModule(40, d * 100 + f));
  }
  const target = path.join(root, 'netra_backend/pkg_099/mod_99.py');
  const t0 = Date.now();
  const s = await startServer(root, {});
  let scanDone = 0;
  s.scanned.then(() => (scanDone = Date.now() - t0));
  const uri = uriOf(target);
  const got = s.waitFor((m, p) => m === 'textDocument/publishDiagnostics' && p.uri === uri);
  const t1 = process.hrtime.bigint();
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: fs.readFileSync(target, 'utf8') } });
  const p = await got;
  const ms = Number(process.hrtime.bigint() - t1) / 1e6;
  const scanRunning = scanDone === 0;
  await s.scanned;
  const rssKb = rss(s.proc.pid);
  await s.stop();
  return { files: 10_000, firstDiagnosticsMs: ms, diagnostics: p.diagnostics.length, scanStillRunning: scanRunning, scanMs: scanDone, rssMbAfterScan: rssKb / 1024 };
}

function rss(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

async function stdlibRss() {
  const root = execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  const t0 = Date.now();
  const s = await startServer(root, {});
  const log = await s.scanned;
  const ms = Date.now() - t0;
  const kb = rss(s.proc.pid);
  const report = await s.conn.sendRequest('ssotLint/complianceReport', {});
  await s.stop();
  return { root, scanLog: log.message, scanMs: ms, rssMb: kb / 1024, files: report.total_files_checked, violations: report.total_violations };
}

const fmt = (n) => (typeof n === 'number' ? Number(n.toFixed(2)) : n);
const show = (label, o) => console.log(label, JSON.stringify(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fmt(v)]))));

show('edit latency 300 lines, env read in every function (dense)  ', await editLatency(300, 1));
show('edit latency 3000 lines, env read in every function (dense) ', await editLatency(3000, 1));
show('edit latency 300 lines, env read in 1 of 10 functions       ', await editLatency(300, 10));
show('edit latency 3000 lines, env read in 1 of 10 functions      ', await editLatency(3000, 10));
show('10k workspace           ', await firstDiagnosticsInLargeWorkspace());
show('python stdlib           ', await stdlibRss());
