/**
 * `ssot-lint mcp [--root DIR]`: the MCP server over stdio. stdout carries the
 * protocol, so everything else goes to stderr. The CLI dispatches here; running
 * this file directly does the same (for MCP clients that start a node script).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseArgs, UsageError } from '../cli/args';
import { createMcpServer } from './server';

const VERSION: string = (require('../../package.json') as { version: string }).version;

const HELP = `Usage: ssot-lint mcp [--root DIR]

Runs the Model Context Protocol server over stdio for AI coding agents. Tools: check,
explain_rule, fix, compliance_report. Every path is confined to the workspace root.

Options:
  --root DIR   workspace root (default: the current folder)
  -h, --help   show this help
`;

export async function runMcp(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['root'], booleans: ['help'] });
  if (args.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const root = path.resolve(args.values.root ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`root is not a directory: ${root}`);
  const server = createMcpServer(root, VERSION);
  const transport = new StdioServerTransport();
  // The client ends the session by closing our stdin; then the process is done.
  const closed = new Promise<number>((resolve) => {
    process.stdin.once('end', () => resolve(0));
    transport.onclose = () => resolve(0);
  });
  await server.connect(transport);
  const code = await closed;
  await server.close();
  return code;
}

if (require.main === module) {
  runMcp(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      const usage = err instanceof UsageError;
      process.stderr.write(`ssot-lint: ${usage ? (err as Error).message : (err as Error).stack ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
