/**
 * `compliance_report`: the whole workspace's report (the CLI's JSON contract) plus,
 * when a baseline file exists, the delta against it: the violations that are new
 * (the ones that block a commit) and the baseline entries that are now fixed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { BASELINE_FILE, compareToBaseline, compareViolations, readBaseline, scanWorkspace, toReportViolation } from '@ssot-lint/shared-rules';
import { ToolError, type Workspace } from '../workspace';
import { jsonResult } from './result';

export function registerComplianceReport(server: McpServer, ws: Workspace): void {
  server.registerTool(
    'compliance_report',
    {
      title: 'Workspace compliance report',
      description:
        'Check the whole workspace and return the compliance report JSON (score overall and per category, ' +
        `violations per rule, every violation). When ${BASELINE_FILE} (or the given baseline file) exists, ` +
        '"baseline" holds the delta: new violations (not in the baseline) and fixed baseline entries.',
      inputSchema: {
        baseline: z
          .string()
          .min(1, 'baseline must not be empty')
          .optional()
          .describe(`baseline file relative to the workspace root; default ${BASELINE_FILE} when it exists`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ baseline }) => {
      const file = baseline ?? (fs.existsSync(path.join(ws.root, BASELINE_FILE)) ? BASELINE_FILE : undefined);
      const inside = file === undefined ? undefined : ws.resolveInside(file);
      const project = ws.project();
      const scan = scanWorkspace(project);
      if (!inside) return jsonResult({ ...scan.report, baseline: null });
      let base;
      try {
        base = readBaseline(inside.abs);
      } catch (err) {
        throw new ToolError((err as Error).message);
      }
      if (!base) throw new ToolError(`baseline file not readable: ${inside.rel}`);
      const delta = compareToBaseline(
        scan.results.flatMap((r) => r.violations),
        base,
      );
      return jsonResult({
        ...scan.report,
        baseline: {
          file: inside.rel,
          entries: base.entries.length,
          new: delta.new.length,
          unchanged: delta.unchanged.length,
          fixed: delta.fixed.length,
          new_violations: [...delta.new].sort(compareViolations).map(toReportViolation),
          fixed_entries: delta.fixed,
        },
      });
    },
  );
}
