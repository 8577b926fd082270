/** Code actions from the real server: exact titles, versioned edits, and the exact text after applying them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient, REPO, uriOf } from './lsp-client';

const BASIC = path.join(FIXTURES, 'basic');
const SETTINGS_PY = path.join(BASIC, 'netra_backend/settings.py');
const API_TS = path.join(BASIC, 'frontend/api.ts');
const ORIGINAL_PY = fs.readFileSync(SETTINGS_PY, 'utf8');

let client: LspClient;
afterEach(async () => {
  await client?.shutdown();
});

async function start(): Promise<LspClient> {
  client = await LspClient.start({ folders: [BASIC], settings: { debounceMs: 0 } });
  return client;
}

function actionsFor(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

describe('code actions', () => {
  test('quick fix, suppress and docs per diagnostic; the fix produces the exact text and clears the diagnostic', async () => {
    await start();
    const uri = await client.open(SETTINGS_PY, 'python');
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const actions = await actionsFor(uri, [diagnostics[0]]);
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ["Replace with get_env().get('DATABASE_URL')", 'quickfix', true],
      ['Suppress env-access on this line', 'quickfix', false],
      ['Open documentation for env-access', 'quickfix', false],
      ['Fix all auto-fixable ssot-lint problems', 'source.fixAll.ssot-lint', false],
    ]);
    const texts = await client.applyEdit(actions[0].edit!);
    expect(texts.get(uri)).toBe(
      ORIGINAL_PY.replace('import os\n', 'from shared.isolated_environment import get_env\nimport os\n').replace(
        "os.environ.get('DATABASE_URL')",
        "get_env().get('DATABASE_URL')",
      ),
    );
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([
      [9, 'Direct environment access to DEBUG via os.getenv(): use shared.isolated_environment.get_env()'],
    ]);
  });

  test('suppress (Python): a trailing ignore comment with a placeholder reason; the diagnostic goes away', async () => {
    await start();
    const uri = await client.open(SETTINGS_PY, 'python');
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const suppress = (await actionsFor(uri, [diagnostics[1]])).find((a) => a.title === 'Suppress env-access on this line')!;
    const text = (await client.applyEdit(suppress.edit!)).get(uri)!;
    expect(text.split('\n')[8]).toBe("    return os.getenv('DEBUG', 'false') == 'true'  # ssot-lint: ignore[env-access] -- TODO: reason");
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics.map((d) => d.range.start.line)).toEqual([4]);
  });

  test('suppress (TypeScript): an ignore-next-line comment above, at the line indentation', async () => {
    await start();
    const uri = await client.open(API_TS, 'typescript');
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const actions = await actionsFor(uri, diagnostics);
    expect(actions.map((a) => a.title)).toEqual(['Suppress env-access on this line', 'Open documentation for env-access']);
    const text = (await client.applyEdit(actions[0].edit!)).get(uri)!;
    expect(text).toBe(
      'export function apiBase(): string {\n' +
        '  // ssot-lint-ignore-next-line env-access -- TODO: reason\n' +
        '  const base = process.env.API_BASE;\n' +
        "  return base ?? '/api';\n" +
        '}\n',
    );
    expect((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics).toEqual([]);
  });

  test('source.fixAll.ssot-lint applies every safe fix to the current text', async () => {
    await start();
    const uri = await client.open(SETTINGS_PY, 'python');
    await client.waitForDiagnostics(uri);
    const actions = await actionsFor(uri, [], ['source.fixAll']);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all auto-fixable ssot-lint problems', 'source.fixAll.ssot-lint']]);
    const text = (await client.applyEdit(actions[0].edit!)).get(uri);
    expect(text).toBe(
      'from shared.isolated_environment import get_env\n' +
        'import os\n\n\n' +
        'def database_url():\n' +
        "    return get_env().get('DATABASE_URL')\n\n\n" +
        'def debug_enabled():\n' +
        "    return get_env().get('DEBUG', 'false') == 'true'\n",
    );
    expect((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics).toEqual([]);
    expect(await actionsFor(uri, [], ['source.fixAll'])).toEqual([]);
    expect(await actionsFor(uri, [], ['source.organizeImports'])).toEqual([]);
  });

  test('a diagnostic from an older version gets actions recomputed for the current version, or none', async () => {
    await start();
    const uri = await client.open(SETTINGS_PY, 'python');
    const { diagnostics: stale } = await client.waitForDiagnostics(uri);
    // The user types two lines at the top before asking for the fix of the (now moved) violation.
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '"""Settings."""\n\n' }]);
    const actions = await actionsFor(uri, [stale[0]]);
    expect(actions[0].title).toBe("Replace with get_env().get('DATABASE_URL')");
    const change = actions[0].edit!.documentChanges![0] as { textDocument: { version: number } };
    expect(change.textDocument.version).toBe(2);
    for (const a of actions.filter((x) => x.edit)) {
      for (const c of a.edit!.documentChanges! as { textDocument: { version: number } }[]) expect(c.textDocument.version).toBe(2);
    }
    const text = (await client.applyEdit(actions[0].edit!)).get(uri)!;
    expect(text.split('\n').slice(0, 8)).toEqual([
      '"""Settings."""',
      // The engine adds the import right after the module docstring.
      'from shared.isolated_environment import get_env',
      '',
      'import os',
      '',
      '',
      'def database_url():',
      "    return get_env().get('DATABASE_URL')",
    ]);
    // Now the violation is gone: the stale diagnostic yields no action at all (never an edit for stale text).
    const none = await actionsFor(uri, [stale[0]], ['quickfix']);
    expect(none).toEqual([]);
  });

  test('"Open documentation" runs a command that asks the client to show the rule page', async () => {
    await start();
    const uri = await client.open(SETTINGS_PY, 'python');
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const docs = (await actionsFor(uri, [diagnostics[0]])).find((a) => a.title === 'Open documentation for env-access')!;
    const href = uriOf(path.join(REPO, 'shared-rules/docs/rules/env-access.md'));
    expect(docs.command).toEqual({ title: 'Open documentation for env-access', command: 'ssot-lint.openRuleDoc', arguments: [href] });
    expect(await client.request('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments })).toBeNull();
    expect(client.serverRequests.filter((r) => r.method === 'window/showDocument').map((r) => r.params)).toEqual([{ uri: href, external: false }]);
  });
});
