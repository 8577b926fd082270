/**
 * The MCP server: one workspace, four tools. Tool inputs are zod schemas, so the SDK
 * publishes them as JSON Schema in tools/list and rejects bad arguments with a
 * message naming the field before a handler runs.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Workspace } from './workspace';
import { registerCheck } from './tools/check';
import { registerExplainRule } from './tools/explain-rule';
import { registerFix } from './tools/fix';
import { registerComplianceReport } from './tools/compliance-report';

export const MCP_SERVER_NAME = 'ssot-lint';

export function createMcpServer(root: string, version: string): McpServer {
  const ws = new Workspace(root);
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version },
    {
      instructions:
        `ssot-lint checks this workspace (${ws.root}) against its single-source-of-truth rules. ` +
        'Use check on the files you changed, explain_rule to learn the canonical form, fix to get (and apply) safe fixes, ' +
        'and compliance_report for the score and the delta against the baseline.',
    },
  );
  registerCheck(server, ws);
  registerExplainRule(server, ws);
  registerFix(server, ws);
  registerComplianceReport(server, ws);
  return server;
}
