/**
 * `ssot-lint` command line: dispatch to one file per command (commands/*). Exit codes:
 * 0 = clean (nothing at or above the failing severity), 1 = violations, 2 = usage or
 * configuration error.
 */
import { setTypeScriptLoader } from '@ssot-lint/shared-rules';
import { requireTypeScript } from '../code-cache';
import { UsageError } from './args';
import { HELP, VERSION } from './help';
import { ConfigFailure } from './workspace';
import { runCheck } from './commands/check';
import { runBaseline } from './commands/baseline';
import { runMerge } from './commands/merge';
import { runRules } from './commands/rules';
import { runInit } from './commands/init';

export { findRoot } from './workspace';

export async function main(argv: string[]): Promise<number> {
  // Every command may parse a TS file or a config: the compiler comes through the code cache.
  setTypeScriptLoader(requireTypeScript);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest);
      case 'baseline':
        return await runBaseline(rest);
      case 'merge':
        return runMerge(rest);
      case 'rules':
        return runRules(rest);
      case 'init':
        return runInit(rest);
      case 'lsp':
        return await runLsp(rest);
      case 'mcp':
        // Loaded lazily, like the LSP server: `check` must not pay for the MCP SDK.
        return await (require('../mcp/main') as typeof import('../mcp/main')).runMcp(rest);
      case '--version':
      case '-v':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        if (command === 'help' && rest[0] && HELP[rest[0]]) process.stdout.write(HELP[rest[0]]);
        else process.stdout.write(HELP.main);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    if (err instanceof ConfigFailure) return 2;
    if (err instanceof UsageError) {
      process.stderr.write(`ssot-lint: ${err.message}\nRun 'ssot-lint ${HELP[command ?? ''] && command !== 'main' ? `${command} ` : ''}--help' for usage.\n`);
      return 2;
    }
    throw err;
  }
}

function runLsp(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP.lsp);
    return Promise.resolve(0);
  }
  // The server module is loaded lazily: the CLI's `check` must not pay for LSP startup.
  const server = require('../server') as { startServer(argv: string[]): void };
  server.startServer(argv);
  // The server ends the process itself on `exit` or when the client goes away.
  return new Promise<number>(() => undefined);
}
