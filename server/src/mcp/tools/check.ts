/**
 * `check`: paths -> violations and score. The result is exactly what
 * `ssot-lint check --format json` prints for the same paths, so an agent and CI
 * read one contract.
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { scanWorkspace } from '@ssot-lint/shared-rules';
import type { Workspace } from '../workspace';
import { jsonResult } from './result';

export function registerCheck(server: McpServer, ws: Workspace): void {
  server.registerTool(
    'check',
    {
      title: 'Check files',
      description:
        'Check files or folders of the workspace against the ssot-lint rules. Returns the compliance report JSON ' +
        '(compliance_score, category_scores, violations with rule, file, line, column, message, fixable), the same ' +
        "as 'ssot-lint check --format json'. Paths are relative to the workspace root; omit them to check the whole workspace.",
      inputSchema: {
        paths: z
          .array(z.string().min(1, 'a path must not be empty'))
          .optional()
          .describe('files or folders relative to the workspace root; default: the whole workspace'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ paths }) => {
      const rels = (paths ?? []).map((p) => ws.resolveInside(p).rel);
      const project = ws.project();
      // The root itself ('') means the whole workspace, as in the CLI.
      const scanPaths = rels.length && !rels.includes('') ? rels : undefined;
      return jsonResult(scanWorkspace(project, scanPaths).report);
    },
  );
}
