/** Config and settings over LSP: watched-file reload, invalid config diagnostics, config buffers, settings changes. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { brief, copyFixture, LspClient, uriOf } from './lsp-client';

let client: LspClient;
afterEach(async () => {
  await client?.shutdown();
});

async function startOn(dir: string, settings: Record<string, unknown> = { debounceMs: 0 }) {
  client = await LspClient.start({ folders: [dir], settings });
  const uri = await client.open(path.join(dir, 'netra_backend/settings.py'), 'python');
  expect((await client.waitForDiagnostics(uri)).diagnostics).toHaveLength(2);
  // Set-up (settings, config, registrations, scan) is done once the first scan is logged.
  await client.waitForLog('scanned');
  return { uri, configUri: uriOf(path.join(dir, 'ssot-lint.json')) };
}

const INVALID = '{\n  "rules": {\n    "env-access": "of"\n  }\n}\n';
const INVALID_DIAGNOSTIC = {
  range: { start: { line: 2, character: 18 }, end: { line: 2, character: 22 } },
  code: 'invalid-config',
  severity: 1,
  message: 'invalid config at /rules/env-access: rules.env-access must be one of "off", "error", "warning", "info", "hint" (got "of")',
  source: 'ssot-lint',
};

describe('configuration', () => {
  test('registers file watchers for sources, the config and the baseline', async () => {
    const dir = copyFixture('basic');
    await startOn(dir);
    const reg = client.serverRequests.find((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('didChangeWatchedFiles'));
    expect(reg?.params).toMatchObject({
      registrations: [
        {
          method: 'workspace/didChangeWatchedFiles',
          registerOptions: {
            watchers: [
              { globPattern: '**/*.{py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs}' },
              { globPattern: '**/ssot-lint.json' },
              { globPattern: '**/ssot-lint-baseline.json' },
            ],
          },
        },
      ],
    });
  });

  test('ssot-lint.json changed on disk (watched): a rule turned off, its diagnostics disappear', async () => {
    const dir = copyFixture('basic');
    const { uri, configUri } = await startOn(dir);
    fs.writeFileSync(path.join(dir, 'ssot-lint.json'), JSON.stringify({ rules: { 'env-access': 'off' } }));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    expect((await client.nextDiagnostics(uri)).diagnostics).toEqual([]);
  });

  test('an invalid config shows as exact diagnostics in ssot-lint.json; the last good config stays in force', async () => {
    const dir = copyFixture('basic');
    const { uri, configUri } = await startOn(dir);
    fs.writeFileSync(path.join(dir, 'ssot-lint.json'), INVALID);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const cfg = await client.waitForDiagnostics(configUri);
    expect(cfg.diagnostics.map(brief)).toEqual([INVALID_DIAGNOSTIC]);
    // Still checked with the previous config: an edit re-publishes both env-access diagnostics.
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }]);
    expect((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => d.code)).toEqual(['env-access', 'env-access']);
    // A valid config clears the config diagnostics and takes effect.
    fs.writeFileSync(path.join(dir, 'ssot-lint.json'), '{ "rules": { "env-access": "warning" } }\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    expect((await client.nextDiagnostics(configUri)).diagnostics).toEqual([]);
    expect((await client.waitForDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 2)).diagnostics.map((d) => d.severity)).toEqual([2, 2]);
  });

  test('an open ssot-lint.json buffer is validated as typed and applied when valid', async () => {
    const dir = copyFixture('basic');
    const { uri, configUri } = await startOn(dir);
    await client.open(path.join(dir, 'ssot-lint.json'), 'json');
    await client.change(configUri, [{ text: INVALID }]);
    const cfg = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    expect(cfg.version).toBe(2);
    expect(cfg.diagnostics.map(brief)).toEqual([INVALID_DIAGNOSTIC]);
    await client.change(configUri, [{ text: '{ "rules": { "env-access": "off" } }\n' }]);
    expect((await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0)).version).toBe(3);
    expect((await client.nextDiagnostics(uri)).diagnostics).toEqual([]);
  });

  test('settings: ssotLint.enable false clears diagnostics; true brings them back', async () => {
    const dir = copyFixture('basic');
    const { uri } = await startOn(dir);
    client.settings = { enable: false };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    expect((await client.nextDiagnostics(uri)).diagnostics).toEqual([]);
    client.settings = { enable: true };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    expect((await client.nextDiagnostics(uri)).diagnostics).toHaveLength(2);
  });

  test("settings: run 'onSave' checks on save only", async () => {
    const dir = copyFixture('basic');
    const { uri } = await startOn(dir, { debounceMs: 0, run: 'onSave' });
    await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, text: '' }]);
    await client.request('ssotLint/complianceReport', {}); // a round trip: a change-triggered check would have been published by now
    expect(client.diagnostics.get(uri)!.version).toBe(1);
    await client.notify('textDocument/didSave', { textDocument: { uri } });
    expect((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => d.range.start.line)).toEqual([7]);
  });

  test('multi-root: each workspace folder has its own ssot-lint.json', async () => {
    const on = copyFixture('basic');
    const off = copyFixture('basic');
    fs.writeFileSync(path.join(off, 'ssot-lint.json'), JSON.stringify({ rules: { 'env-access': 'off', 'canonical-imports-exist': 'off' } }));
    client = await LspClient.start({ folders: [on, off], settings: { debounceMs: 0 } });
    const onUri = await client.open(path.join(on, 'netra_backend/settings.py'), 'python');
    const offUri = await client.open(path.join(off, 'netra_backend/settings.py'), 'python');
    expect((await client.waitForDiagnostics(onUri)).diagnostics.map((d) => d.code)).toEqual(['env-access', 'env-access']);
    expect((await client.waitForDiagnostics(offUri)).diagnostics).toEqual([]);
    const report = (uri: string) => client.request<{ total_violations: number }>('ssotLint/complianceReport', { uri });
    expect((await report(uriOf(on))).total_violations).toBe(3);
    expect((await report(uriOf(off))).total_violations).toBe(0);
  });
});
