/**
 * `ssot-lint mcp` as an AI coding agent sees it: the real binary spawned over stdio,
 * the official SDK client doing the initialize handshake, tools/list and tools/call
 * on a copy of test/fixtures/mcp-ws (the fix tool writes to it).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { allRules } from '../../shared-rules/src/rules';
import { serializeBaseline } from '../../shared-rules/src/baseline';
import { BIN, REPO, runCli } from '../helpers/cli';

const FIXTURE = path.join(REPO, 'test/fixtures/mcp-ws');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-mcp-'));
const ws = path.join(tmp, 'ws');
let client: Client;

const CONFIG_PY = 'netra_backend/app/config.py';
const CONFIG_PY_FIXED = `"""Settings."""
from shared.isolated_environment import get_env
import os

DATABASE_URL = get_env().get("DATABASE_URL", "sqlite://")
DEBUG = get_env().exists("DEBUG")
`;
const CONFIG_PY_DIFF = `--- a/netra_backend/app/config.py
+++ b/netra_backend/app/config.py
@@ -1,5 +1,6 @@
 """Settings."""
+from shared.isolated_environment import get_env
 import os
 
-DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite://")
-DEBUG = "DEBUG" in os.environ
+DATABASE_URL = get_env().get("DATABASE_URL", "sqlite://")
+DEBUG = get_env().exists("DEBUG")
`;

interface ToolText {
  isError: boolean;
  text: string;
}

async function call(name: string, args: Record<string, unknown>): Promise<ToolText> {
  const r = await client.callTool({ name, arguments: args });
  const content = r.content as { type: string; text: string }[];
  expect(content).toHaveLength(1);
  expect(content[0].type).toBe('text');
  return { isError: r.isError === true, text: content[0].text };
}

async function callJson(name: string, args: Record<string, unknown>): Promise<any> {
  const r = await call(name, args);
  if (r.isError) throw new Error(`${name} failed: ${r.text}`);
  return JSON.parse(r.text);
}

function cliJson(args: string[]): unknown {
  const r = runCli(['check', ...args, '--format', 'json'], ws);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

beforeAll(async () => {
  fs.cpSync(FIXTURE, ws, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'outside'));
  fs.writeFileSync(path.join(tmp, 'outside/secret.py'), 'import os\nX = os.getenv("X")\n');
  fs.symlinkSync(path.join(tmp, 'outside'), path.join(ws, 'escape'));
  // The SDK passes a server only HOME, PATH and a few more unless told: the test run's scan
  // cache folder (test/helpers/cache-home.ts) has to be passed on explicitly.
  const env = { ...getDefaultEnvironment(), XDG_CACHE_HOME: process.env.XDG_CACHE_HOME! };
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--root', ws], cwd: tmp, stderr: 'pipe', env });
  client = new Client({ name: 'ssot-lint-test', version: '1.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('ssot-lint mcp', () => {
  it('initialize: server name, version and the tools capability', () => {
    expect(client.getServerVersion()).toEqual({ name: 'ssot-lint', version: '0.1.0' });
    expect(client.getServerCapabilities()?.tools).toBeDefined();
  });

  it('lists exactly the four tools with their input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['check', 'explain_rule', 'fix', 'compliance_report']);
    const schemas = Object.fromEntries(tools.map((t) => [t.name, t.inputSchema]));
    const draft7 = 'http://json-schema.org/draft-07/schema#';
    expect(schemas.check).toEqual({
      $schema: draft7,
      type: 'object',
      properties: {
        paths: {
          description: 'files or folders relative to the workspace root; default: the whole workspace',
          type: 'array',
          items: { type: 'string', minLength: 1 },
        },
      },
    });
    expect(schemas.explain_rule).toEqual({
      $schema: draft7,
      type: 'object',
      properties: { rule: { type: 'string', enum: allRules.map((r) => r.meta.id), description: 'rule id, e.g. env-access' } },
      required: ['rule'],
    });
    expect(schemas.fix).toEqual({
      $schema: draft7,
      type: 'object',
      properties: {
        file: { type: 'string', minLength: 1, description: 'file relative to the workspace root' },
        apply: { type: 'boolean', default: false, description: 'write the fixed file (default false: only return the diff)' },
        expected_sha256: {
          type: 'string',
          pattern: '^[0-9a-f]{64}$',
          description: 'refuse to apply unless the file still has this content hash (from the preview call)',
        },
      },
      required: ['file'],
    });
    expect(schemas.compliance_report).toEqual({
      $schema: draft7,
      type: 'object',
      properties: {
        baseline: {
          type: 'string',
          minLength: 1,
          description: 'baseline file relative to the workspace root; default ssot-lint-baseline.json when it exists',
        },
      },
    });
  });

  it('check returns the same JSON as `ssot-lint check --format json`', async () => {
    const whole = await callJson('check', {});
    expect(whole).toEqual(cliJson([]));
    expect(whole.total_files_checked).toBe(6);
    expect(whole.total_violations).toBe(5);
    expect(whole.violations_by_rule).toEqual({ 'env-access': 3, 'relative-import': 1, 'test-base-class': 1 });

    const one = await callJson('check', { paths: [CONFIG_PY, 'netra_backend/tests'] });
    expect(one).toEqual(cliJson([CONFIG_PY, 'netra_backend/tests']));
    expect(one.total_files_checked).toBe(2);
    expect(one.violations.map((v: any) => `${v.file}:${v.line}:${v.column} ${v.rule}`)).toEqual([
      'netra_backend/app/config.py:4:16 env-access',
      'netra_backend/app/config.py:5:9 env-access',
      'netra_backend/tests/test_users.py:4:7 test-base-class',
    ]);
  });

  it('explain_rule returns the doc page, its examples and the workspace setting', async () => {
    const doc = fs.readFileSync(path.join(REPO, 'shared-rules/docs/rules/relative-import.md'), 'utf8');
    expect(await callJson('explain_rule', { rule: 'relative-import' })).toEqual({
      id: 'relative-import',
      summary: allRules.find((r) => r.meta.id === 'relative-import')!.meta.summary,
      tag: 'imports',
      default_severity: 'warning',
      languages: ['python'],
      fixable: true,
      configured: { severity: 'warning', include: [], exclude: [], options: {} },
      examples: {
        flagged: {
          language: 'python',
          path: 'netra_backend/app/services/user_service.py',
          code: 'from ..config import DATABASE_URL\nfrom . import helpers\n',
        },
        fixed: {
          language: 'python',
          code: 'from netra_backend.app.config import DATABASE_URL\nfrom netra_backend.app.services import helpers\n',
        },
        compliant: { language: 'python', path: 'netra_backend/app/services/user_service.py', code: 'from netra_backend.app.config import DATABASE_URL\n' },
      },
      doc,
    });
  });

  it('fix returns the diff and leaves the file alone unless apply is true', async () => {
    const abs = path.join(ws, CONFIG_PY);
    const original = fs.readFileSync(abs, 'utf8');
    const sha256 = crypto.createHash('sha256').update(original).digest('hex');
    const messages = [
      'Direct environment access to DATABASE_URL via os.environ.get(): use shared.isolated_environment.get_env()',
      "Direct environment access to DEBUG via 'X' in os.environ: use shared.isolated_environment.get_env()",
    ];
    const preview = await callJson('fix', { file: CONFIG_PY });
    expect(preview).toEqual({
      file: CONFIG_PY,
      sha256,
      applied: false,
      fixes: messages.map((message) => ({ rule: 'env-access', message })),
      remaining: [],
      diff: CONFIG_PY_DIFF,
    });
    expect(fs.readFileSync(abs, 'utf8')).toBe(original);

    // A stale hash (the file changed after the preview) is refused and nothing is written.
    const stale = await call('fix', { file: CONFIG_PY, apply: true, expected_sha256: '0'.repeat(64) });
    expect(stale.isError).toBe(true);
    expect(stale.text).toBe(
      `${CONFIG_PY} changed since the diff was made (sha256 ${sha256}, expected ${'0'.repeat(64)}); nothing written. Call fix again to review the current diff.`,
    );
    expect(fs.readFileSync(abs, 'utf8')).toBe(original);

    const applied = await callJson('fix', { file: CONFIG_PY, apply: true, expected_sha256: sha256 });
    expect(applied).toEqual({ ...preview, applied: true });
    expect(fs.readFileSync(abs, 'utf8')).toBe(CONFIG_PY_FIXED);
    expect(fs.readdirSync(path.dirname(abs)).filter((f) => f.includes('.tmp'))).toEqual([]);

    // Nothing left: an empty diff, nothing applied.
    const again = await callJson('fix', { file: CONFIG_PY, apply: true });
    expect(again).toMatchObject({ applied: false, fixes: [], remaining: [], diff: '' });
  });

  it('compliance_report: the workspace report, plus the delta once a baseline exists', async () => {
    const report = await callJson('compliance_report', {});
    expect(report).toEqual({ ...(cliJson([]) as object), baseline: null });
    expect(report.total_violations).toBe(3); // config.py was fixed above

    // Baseline: every current violation but the relative import, plus one entry fixed since.
    const accepted = report.violations.filter((v: any) => v.rule !== 'relative-import');
    const gone = { rule: 'env-access', file: 'netra_backend/app/old.py', fingerprint: 'ffffffffffffffffffff' };
    const entries = [...accepted.map((v: any) => ({ rule: v.rule, file: v.file, fingerprint: v.fingerprint })), gone];
    fs.writeFileSync(path.join(ws, 'ssot-lint-baseline.json'), serializeBaseline({ version: 1, entries }));
    const withBaseline = await callJson('compliance_report', {});
    const newOne = report.violations.find((v: any) => v.rule === 'relative-import');
    expect(withBaseline).toEqual({
      ...report,
      baseline: {
        file: 'ssot-lint-baseline.json',
        entries: 3,
        new: 1,
        unchanged: 2,
        fixed: 1,
        new_violations: [newOne],
        fixed_entries: [gone],
      },
    });
    expect(newOne.file).toBe('netra_backend/app/services/user_service.py');
  });

  it('rejects unknown rules, bad arguments and paths outside the root with clear errors', async () => {
    const ids = allRules.map((r) => r.meta.id).join(', ');
    expect(await call('explain_rule', { rule: 'no-such-rule' })).toEqual({
      isError: true,
      text: `MCP error -32602: Input validation error: Invalid arguments for tool explain_rule: unknown rule "no-such-rule"; known rules: ${ids} at rule`,
    });
    expect(await call('fix', { file: CONFIG_PY, apply: 'yes' })).toEqual({
      isError: true,
      text: 'MCP error -32602: Input validation error: Invalid arguments for tool fix: Invalid input: expected boolean, received string at apply',
    });
    expect(await call('check', { paths: ['../outside/secret.py'] })).toEqual({
      isError: true,
      text: `path is outside the workspace root ${ws}: ../outside/secret.py`,
    });
    const absOutside = path.join(tmp, 'outside/secret.py');
    expect(await call('fix', { file: absOutside, apply: true })).toEqual({
      isError: true,
      text: `path is outside the workspace root ${ws}: ${absOutside}`,
    });
    expect(await call('check', { paths: ['escape/secret.py'] })).toEqual({
      isError: true,
      text: `path resolves outside the workspace root ${ws} (through a symlink): escape/secret.py`,
    });
    expect(await call('check', { paths: ['netra_backend/nope.py'] })).toEqual({ isError: true, text: 'path not found: netra_backend/nope.py' });
    expect(await call('compliance_report', { baseline: '../../etc/passwd' })).toEqual({
      isError: true,
      text: `path is outside the workspace root ${ws}: ../../etc/passwd`,
    });
    // An absolute path inside the root is fine.
    expect((await callJson('check', { paths: [path.join(ws, 'frontend/lib/api.ts')] })).total_violations).toBe(1);
    expect(fs.readFileSync(absOutside, 'utf8')).toBe('import os\nX = os.getenv("X")\n');
  });
});
