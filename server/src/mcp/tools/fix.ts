/**
 * `fix`: file -> unified diff of its safe fixes (the same fix-all the CLI's --fix and
 * the editor's source.fixAll use). Nothing is written unless `apply: true`, and then
 * only atomically and only if the file still has the bytes the diff was computed
 * from: an agent or a person may be editing it at the same time.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { checkFile, decodeFile, discoverFiles, encodePythonSource, fixAll, languageOf, toReportViolation } from '@ssot-lint/shared-rules';
import { unifiedDiff } from '../../cli/diff';
import { encodeUtf8, writeIfUnchanged } from '../../cli/fix-files';
import { ToolError, type Workspace } from '../workspace';
import { jsonResult } from './result';

export function registerFix(server: McpServer, ws: Workspace): void {
  server.registerTool(
    'fix',
    {
      title: 'Fix a file',
      description:
        'Compute every safe ssot-lint fix for one file and return it as a unified diff. The file is changed only ' +
        'when apply is true; pass the sha256 from a previous call as expected_sha256 to apply exactly the diff you ' +
        'reviewed (the call fails if the file changed since). Unsafe fixes are never applied here.',
      inputSchema: {
        file: z.string().min(1, 'file must not be empty').describe('file relative to the workspace root'),
        apply: z.boolean().default(false).describe('write the fixed file (default false: only return the diff)'),
        expected_sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, 'expected_sha256 must be 64 lower-case hex digits')
          .optional()
          .describe('refuse to apply unless the file still has this content hash (from the preview call)'),
      },
      annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ file, apply, expected_sha256 }) => {
      const { abs, rel } = ws.resolveInside(file);
      if (!fs.statSync(abs).isFile()) throw new ToolError(`not a file: ${file}`);
      const project = ws.project();
      const found = discoverFiles(project.root, project.scope, { paths: [rel] });
      if (found.files.length === 0) {
        const reason = found.skipped[0]?.reason ?? 'not a checked file type';
        throw new ToolError(`${rel} is not checked (${reason}), so it has nothing to fix`);
      }
      const before = fs.readFileSync(abs);
      const sha256 = crypto.createHash('sha256').update(before).digest('hex');
      const decoded = decodeFile(rel, before);
      if ('binary' in decoded) throw new ToolError(`${rel} is binary (contains NUL bytes)`);
      const result = fixAll(project, rel, decoded.text);
      const diff = unifiedDiff(rel, decoded.text, result.text);
      let applied = false;
      if (apply) {
        if (expected_sha256 !== undefined && expected_sha256 !== sha256) {
          throw new ToolError(`${rel} changed since the diff was made (sha256 ${sha256}, expected ${expected_sha256}); nothing written. Call fix again to review the current diff.`);
        }
        if (result.text !== decoded.text) {
          const bytes = languageOf(rel) === 'python' ? encodePythonSource(result.text, decoded.encoding, decoded.bom) : encodeUtf8(result.text, decoded.bom);
          if (!writeIfUnchanged(abs, before, bytes)) throw new ToolError(`${rel} changed on disk while it was being fixed; nothing written`);
          applied = true;
        }
      }
      return jsonResult({
        file: rel,
        sha256,
        applied,
        fixes: result.fixed.map((v) => ({ rule: v.rule, message: v.message })),
        // What is left for the agent to do by hand (or with an unsafe fix it reviews itself).
        remaining: checkFile(project, rel, result.text).violations.map(toReportViolation),
        diff,
      });
    },
  );
}
