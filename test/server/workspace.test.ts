/** Workspace features: background scan with progress, file events, the compliance report, pull diagnostics, robustness. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { BASE_CAPABILITIES, brief, checkJson, copyFixture, FIXTURES, LspClient, uriOf } from './lsp-client';

const BASIC = path.join(FIXTURES, 'basic');

let client: LspClient;
afterEach(async () => {
  await client?.shutdown();
});

const cliReport = (dir: string): unknown => checkJson(dir).report;

describe('workspace', () => {
  test('background scan publishes unopened files (workspaceDiagnostics) with n/N progress', async () => {
    client = await LspClient.start({ folders: [BASIC], settings: { workspaceDiagnostics: true } });
    const py = await client.waitForDiagnostics(uriOf(path.join(BASIC, 'netra_backend/settings.py')));
    expect(py.version).toBeUndefined();
    expect(py.diagnostics.map((d) => [d.range.start.line, d.code, (d.data as { version: unknown }).version])).toEqual([
      [4, 'env-access', null],
      [8, 'env-access', null],
    ]);
    expect((await client.waitForDiagnostics(uriOf(path.join(BASIC, 'frontend/api.ts')))).diagnostics).toHaveLength(1);
    const progress = await client.waitForNotification('$/progress', (p) => p.value.kind === 'end');
    const values = client.notifications.filter((n) => n.method === '$/progress' && (n.params as any).token === progress.token).map((n) => (n.params as any).value);
    expect(values[0]).toMatchObject({ kind: 'begin', title: 'ssot-lint: scanning basic', percentage: 0 });
    expect(values.at(-2)).toEqual({ kind: 'report', percentage: 100, message: '2/2 files' });
    expect(values.at(-1)).toEqual({ kind: 'end' });
    expect(client.serverRequests.some((r) => r.method === 'window/workDoneProgress/create')).toBe(true);
  });

  test('without workspaceDiagnostics, unopened files get nothing', async () => {
    client = await LspClient.start({ folders: [BASIC] });
    await client.waitForLog('scanned 2 files');
    expect(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics')).toEqual([]);
  });

  test('watched files: a created file is checked, a deleted file loses its diagnostics', async () => {
    const dir = copyFixture('basic');
    client = await LspClient.start({ folders: [dir], settings: { workspaceDiagnostics: true } });
    await client.waitForLog('scanned 2 files');
    const created = path.join(dir, 'netra_backend/new_module.py');
    fs.writeFileSync(created, "import os\n\nTOKEN = os.environ['TOKEN']\n");
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(created), type: 1 }] });
    const d = await client.waitForDiagnostics(uriOf(created));
    expect(d.diagnostics.map((x) => [x.range, x.code])).toEqual([[{ start: { line: 2, character: 8 }, end: { line: 2, character: 27 } }, 'env-access']]);
    const settings = path.join(dir, 'netra_backend/settings.py');
    expect((await client.waitForDiagnostics(uriOf(settings))).diagnostics).toHaveLength(2);
    fs.rmSync(settings);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(settings), type: 3 }] });
    expect((await client.nextDiagnostics(uriOf(settings))).diagnostics).toEqual([]);
    const report = await client.request<{ total_files_checked: number; total_violations: number }>('ssotLint/complianceReport', {});
    expect([report.total_files_checked, report.total_violations]).toEqual([2, 2]);
  });

  test('ssotLint/complianceReport equals `ssot-lint check --format json`, and follows open buffers', async () => {
    const dir = copyFixture('basic');
    client = await LspClient.start({ folders: [dir], settings: { debounceMs: 0 } });
    expect(await client.request('ssotLint/complianceReport', { uri: uriOf(dir) })).toEqual(cliReport(dir));
    const changed = await client.waitForNotification('ssotLint/reportChanged');
    expect(changed).toEqual({ uri: uriOf(dir), compliance_score: 0, total_violations: 3 });

    // Fix the Python file in the editor (unsaved): the report and the notification follow the buffer.
    const uri = await client.open(path.join(dir, 'netra_backend/settings.py'), 'python');
    await client.waitForDiagnostics(uri);
    const [fixAll] = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const text = (await client.applyEdit(fixAll.edit)).get(uri)!;
    const next = await client.waitForNotification('ssotLint/reportChanged', (p) => p.total_violations === 1);
    expect(next).toEqual({ uri: uriOf(dir), compliance_score: 50, total_violations: 1 });
    const report = await client.request('ssotLint/complianceReport', {});
    // Save the buffer: the CLI on disk now agrees with the report computed from the buffer.
    fs.writeFileSync(path.join(dir, 'netra_backend/settings.py'), text);
    expect(report).toEqual(cliReport(dir));
  });

  test('the first scan shares the CLI scan cache both ways: unchanged files are not read, changed ones are, phase 2 is replayed', async () => {
    const dir = copyFixture('basic');
    // With node_modules the cache lives in the workspace (node_modules/.cache/ssot-lint),
    // where the CLI's default puts it too; files are backdated past the 2 s stat trust window.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    // A finding of an index rule (phase 2), for the replays to carry.
    fs.mkdirSync(path.join(dir, 'shared'));
    for (const f of ['a', 'b']) fs.writeFileSync(path.join(dir, `shared/${f}.py`), 'class Config:\n    debug = False\n');
    const backdate = (f: string) => fs.utimesSync(f, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    const settings = path.join(dir, 'netra_backend/settings.py');
    for (const f of ['netra_backend/settings.py', 'frontend/api.ts', 'ssot-lint.json', 'shared/a.py', 'shared/b.py']) backdate(path.join(dir, f));
    /** `ssot-lint check` with the default cache: its report, and what its cache served. */
    const cli = () => {
      const r = checkJson<{ violations_by_rule: Record<string, number> }>(dir);
      return { report: r.report, cache: /ssot-lint scan cache: (.*)/.exec(r.stderr)?.[1] };
    };
    const first = cli();
    expect(first.cache).toBe('0 files reused, 4 read, phase 2 run on 4 of 4 files');
    expect(first.report.violations_by_rule['duplicate-definition']).toBe(2);
    // The scan cache's packs (the CLI also keeps its last outputs there, report-*.bin).
    const packs = () => fs.readdirSync(path.join(dir, 'node_modules/.cache/ssot-lint')).filter((n) => n.startsWith('scan-') && n.endsWith('.bin'));
    expect(packs()).toHaveLength(1);
    const start = async () => {
      client = await LspClient.start({ folders: [dir], settings: { workspaceDiagnostics: true } });
      return client.waitForLog('files reused');
    };
    const lines = (d: { diagnostics: { range: { start: { line: number } }; code?: unknown }[] }) => d.diagnostics.map((x) => [x.range.start.line, x.code]);
    const duplicates = async () => lines(await client.waitForDiagnostics(uriOf(path.join(dir, 'shared/b.py'))));

    // Recorded by `ssot-lint check`: nothing is read, phase 2 is replayed, the results are the CLI's.
    expect(await start()).toContain(`scan cache ${path.join(dir, 'node_modules/.cache/ssot-lint', packs()[0])}: 4 files reused, 0 read, phase 2 replayed`);
    expect(lines(await client.waitForDiagnostics(uriOf(settings)))).toEqual([[4, 'env-access'], [8, 'env-access']]);
    expect(await duplicates()).toEqual([[0, 'duplicate-definition']]);
    expect(await client.request('ssotLint/complianceReport', {})).toEqual(first.report);
    await client.shutdown();

    // Edited on disk while no editor ran: that file is read again, never served from the
    // cache, and phase 2 runs; the editor records the new world, which the CLI then replays.
    fs.writeFileSync(settings, "import os\n\nTOKEN = os.environ['TOKEN']\n");
    backdate(settings);
    // Phase 2 runs on the edited file only (nothing depends on it); the others keep their stored findings.
    expect(await start()).toContain(': 3 files reused, 1 read, phase 2 run on 1 of 4 files');
    expect(lines(await client.waitForDiagnostics(uriOf(settings)))).toEqual([[2, 'env-access']]);
    expect(await duplicates()).toEqual([[0, 'duplicate-definition']]);
    expect(await client.request('ssotLint/complianceReport', {})).toEqual(checkJson(dir, ['--no-cache']).report);
    const second = cli();
    expect(second.cache).toBe('4 files reused, 0 read, phase 2 replayed');
    expect(await client.request('ssotLint/complianceReport', {})).toEqual(second.report);
    await client.shutdown();

    // The editor's own record serves the next session.
    expect(await start()).toContain(': 4 files reused, 0 read, phase 2 replayed');
    expect(await duplicates()).toEqual([[0, 'duplicate-definition']]);
    expect(await client.request('ssotLint/complianceReport', {})).toEqual(second.report);
    expect(packs()).toHaveLength(1);
  });

  test('an unsaved in-place edit of the kept copy takes the deletion fix off the copy on disk', async () => {
    // Same length, same spans: only the classes' shapes tell the two versions apart, and the
    // index computes them from the open buffer, not the file on disk.
    const dir = copyFixture('basic');
    const kept = path.join(dir, 'shared/a.py');
    const copy = path.join(dir, 'shared/b.py');
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    for (const f of [kept, copy]) fs.writeFileSync(f, 'class Config:\n    debug = False\n');
    client = await LspClient.start({ folders: [dir], settings: { workspaceDiagnostics: true } });
    const messages = (d: { diagnostics: { message: string; code?: unknown }[] }) => d.diagnostics.filter((x) => x.code === 'duplicate-definition').map((x) => x.message);
    const base = 'Class Config is also defined in shared/a.py (2 copies): keep one definition and import it';
    expect(messages(await client.waitForDiagnostics(uriOf(copy)))).toEqual([base]);
    const uri = await client.open(kept, 'python');
    await client.change(uri, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 17 } }, text: '12345' }]);
    const after = await client.nextDiagnostics(uriOf(copy), (d) => messages(d)[0] !== base);
    expect(messages(after)).toEqual([`${base} (no automatic fix: it differs from the copy in shared/a.py; merge them by hand)`]);
    expect(fs.readFileSync(kept, 'utf8')).toBe('class Config:\n    debug = False\n');
  });

  test('workspace-level findings: shown on ssot-lint.json, in the report, and cleared by creating the canonical module', async () => {
    const dir = copyFixture('basic');
    fs.writeFileSync(path.join(dir, 'ssot-lint.json'), '{\n  "extends": "netra"\n}\n');
    // A missing canonical module is a finding only when something imports it.
    fs.writeFileSync(
      path.join(dir, 'netra_backend/uses_canon.py'),
      'from shared.isolated_environment import get_env\nfrom test_framework.ssot.base_test_case import SSotBaseTestCase\n',
    );
    client = await LspClient.start({ folders: [dir] });
    const configUri = uriOf(path.join(dir, 'ssot-lint.json'));
    const missing = (name: string, module: string, file: string) =>
      `Canonical module ${module} of ${name} does not exist (expected at ${file}): every import pointing there is broken`;
    const atStart = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const first = await client.waitForDiagnostics(configUri);
    expect(first.diagnostics.map(brief)).toEqual(
      [
        missing('environment', 'shared.isolated_environment', 'shared/isolated_environment.py'),
        missing('test-base', 'test_framework.ssot.base_test_case', 'test_framework/ssot/base_test_case.py'),
      ].map((message) => ({ range: atStart, code: 'canonical-imports-exist', severity: 1, message, source: 'ssot-lint' })),
    );
    expect(await client.request('ssotLint/complianceReport', {})).toEqual(cliReport(dir));
    // Create the canonical environment module: the index learns it and that finding goes.
    const canonical = path.join(dir, 'shared/isolated_environment.py');
    fs.mkdirSync(path.dirname(canonical));
    fs.writeFileSync(canonical, 'def get_env():\n    return None\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(canonical), type: 1 }] });
    const after = await client.nextDiagnostics(configUri);
    expect(after.diagnostics.map((d) => d.message)).toEqual([
      missing('test-base', 'test_framework.ssot.base_test_case', 'test_framework/ssot/base_test_case.py'),
    ]);
    expect(await client.request('ssotLint/complianceReport', {})).toEqual(cliReport(dir));
  });

  test('pull diagnostics: textDocument/diagnostic with result ids, workspace/diagnostic, no push', async () => {
    const capabilities = { ...BASE_CAPABILITIES, textDocument: { ...BASE_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } };
    client = await LspClient.start({ folders: [BASIC], capabilities, settings: { workspaceDiagnostics: true } });
    await client.waitForLog('scanned 2 files');
    const uri = await client.open(path.join(BASIC, 'netra_backend/settings.py'), 'python');
    const full = await client.request<any>('textDocument/diagnostic', { textDocument: { uri } });
    expect(full.kind).toBe('full');
    expect(full.items.map(brief).map((d: any) => [d.range.start.line, d.code, d.severity])).toEqual([
      [4, 'env-access', 1],
      [8, 'env-access', 1],
    ]);
    expect(full.items[0].data.version).toBe(1);
    expect(await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: full.resultId })).toEqual({
      kind: 'unchanged',
      resultId: full.resultId,
    });
    const ws = await client.request<any>('workspace/diagnostic', { previousResultIds: [{ uri, value: full.resultId }] });
    expect(ws.items.map((i: any) => [path.basename(i.uri), i.kind, i.version, i.items?.length])).toEqual([
      ['api.ts', 'full', null, 1],
      ['settings.py', 'unchanged', 1, undefined],
    ]);
    expect(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics')).toEqual([]);
    expect(client.initializeResult?.capabilities.diagnosticProvider).toEqual({
      identifier: 'ssot-lint',
      interFileDependencies: false,
      workspaceDiagnostics: true,
    });
  });

  test('a file outside every workspace folder is checked with the config of its nearest root', async () => {
    const dir = copyFixture('basic');
    fs.writeFileSync(path.join(dir, 'ssot-lint.json'), JSON.stringify({ rules: { 'env-access': 'warning' } }));
    client = await LspClient.start({ folders: [] });
    const uri = await client.open(path.join(dir, 'netra_backend/settings.py'), 'python');
    expect((await client.waitForDiagnostics(uri)).diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['env-access', 2],
      ['env-access', 2],
    ]);
  });

  test('unknown requests get MethodNotFound', async () => {
    client = await LspClient.start({ folders: [BASIC] });
    await expect(client.request('ssotLint/noSuchThing', {})).rejects.toMatchObject({ code: -32601 });
    // And the server still answers afterwards.
    expect(await client.request('ssotLint/complianceReport', {})).toMatchObject({ total_files_checked: 2 });
  });

  test('$/cancelRequest stops a compliance report between files', async () => {
    const dir = copyFixture('basic');
    for (let i = 0; i < 1500; i++) {
      fs.mkdirSync(path.join(dir, `pkg${i % 30}`), { recursive: true });
      fs.writeFileSync(path.join(dir, `pkg${i % 30}/mod${i}.py`), `import os\n\n\ndef f${i}():\n    return os.environ.get('K${i}')\n`);
    }
    client = await LspClient.start({ folders: [dir] });
    const source = new CancellationTokenSource();
    const pending = client.conn.sendRequest('ssotLint/complianceReport', {}, source.token);
    setTimeout(() => source.cancel(), 20);
    await expect(pending).rejects.toMatchObject({ code: -32800 });
    // Not cancelled, the same request completes.
    expect(await client.request('ssotLint/complianceReport', {})).toMatchObject({ total_files_checked: 1502, total_violations: 1503 });
  });

  test('the server exits when its stdin closes', async () => {
    client = await LspClient.start({ folders: [BASIC] });
    client.proc.stdin!.end();
    expect(await client.waitForExit()).toBe(1);
  });
});
