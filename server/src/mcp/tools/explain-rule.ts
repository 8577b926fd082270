/**
 * `explain_rule`: rule id -> its doc page and the examples on it. The examples are
 * the ones `test/rules/catalog.test.ts` executes (Flagged is flagged, Fixed is what
 * fix-all produces), so what an agent learns here is what the engine really does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { allRules, ruleById } from '@ssot-lint/shared-rules';
import { ToolError, type Workspace } from '../workspace';
import { jsonResult } from './result';

export interface DocExample {
  language: string;
  /** The file path the example is checked as (Flagged and Compliant examples have one). */
  path?: string;
  /** Rule options the example needs, when they differ from the preset. */
  options?: Record<string, unknown>;
  code: string;
}

/** `### Flagged|Fixed|Compliant` sections with one fenced block each; keyed by lower-case heading. */
export function docExamples(markdown: string): Record<string, DocExample> {
  const out: Record<string, DocExample> = {};
  const re = /^### (\w+)\n+```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    const info = m[3];
    const file = /path=(\S+)/.exec(info)?.[1];
    const options = /options=(\{\S*\})/.exec(info)?.[1];
    // Key order is the reading order: language, path, options, code.
    const example: DocExample = {
      language: m[2],
      ...(file ? { path: file } : {}),
      ...(options ? { options: JSON.parse(options) as Record<string, unknown> } : {}),
      code: m[4],
    };
    out[m[1].toLowerCase()] ??= example;
  }
  return out;
}

let docsDir: string | undefined;
/** The doc pages ship with the engine package, so this works from a checkout and from an install. */
export function ruleDocPath(id: string): string {
  docsDir ??= path.join(path.dirname(require.resolve('@ssot-lint/shared-rules/package.json')), 'docs', 'rules');
  return path.join(docsDir, `${id}.md`);
}

export function registerExplainRule(server: McpServer, ws: Workspace): void {
  const ids = allRules.map((r) => r.meta.id);
  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description:
        'Explain an ssot-lint rule: what it finds and why, how its fix rewrites code, its options, the ' +
        'Flagged/Fixed/Compliant examples from its doc page, and how this workspace configures it.',
      inputSchema: {
        rule: z
          .enum(ids as [string, ...string[]], { error: (iss) => `unknown rule ${JSON.stringify(iss.input)}; known rules: ${ids.join(', ')}` })
          .describe('rule id, e.g. env-access'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ rule }) => {
      const meta = ruleById(rule)?.meta;
      if (!meta) throw new ToolError(`unknown rule ${JSON.stringify(rule)}; known rules: ${ids.join(', ')}`);
      const file = ruleDocPath(rule);
      let doc: string;
      try {
        doc = fs.readFileSync(file, 'utf8');
      } catch {
        throw new ToolError(`rule ${rule} has no doc page (${file} is missing)`);
      }
      let configured: unknown;
      try {
        configured = ws.project().config.rules[rule] ?? null;
      } catch (err) {
        // A broken ssot-lint.json must not hide the documentation; say why `configured` is missing.
        configured = { error: (err as Error).message };
      }
      return jsonResult({
        id: meta.id,
        summary: meta.summary,
        tag: meta.tag,
        default_severity: meta.defaultSeverity,
        languages: meta.languages,
        fixable: meta.fixable,
        configured,
        examples: docExamples(doc),
        doc,
      });
    },
  );
}
