/**
 * Entry of the bundled language server (dist/server/server.js). The client starts it
 * over stdio (`lsp --stdio`), calling the same startServer as `ssot-lint lsp --stdio`;
 * "Write Baseline" runs it as `baseline --root <folder>`, the CLI's own command, so the
 * editor writes byte for byte the baseline CI would. The extension thus runs the
 * server's and the CLI's code without depending on the repo layout or node_modules.
 *
 * It is also the script of the scan's worker threads (the workspace scan's and the
 * baseline's, see the engine's phase-one-threads.ts): one copy of the engine in the .vsix.
 */
import * as path from 'node:path';
import { isScanWorker, serveScanWorker, setWorkerScript } from '@ssot-lint/shared-rules';
import { startServer } from '../../server/src/server';
import { runBaseline } from '../../server/src/cli/commands/baseline';

if (isScanWorker()) serveScanWorker();
else main();

function main(): void {
  // The server links each diagnostic to the engine's doc pages, which it finds with
  // require.resolve('@ssot-lint/shared-rules/package.json'). In the bundle there is no
  // node_modules, so esbuild.mjs ships that package.json and the docs in dist/engine/, and
  // this puts that folder first on the bundle's module search path (require.main is this
  // bundle: the client forks it as the main module). First, so a checkout's node_modules
  // further up cannot hide a missing copy in tests.
  require.main?.paths.unshift(path.join(__dirname, '..', 'engine'));
  setWorkerScript(__filename);

  const [command, ...rest] = process.argv.slice(2);
  if (command === 'baseline') {
    // The CLI's scan is asynchronous (worker threads); the exit code arrives with it.
    runBaseline(rest).then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.stderr.write(`ssot-lint: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = 2;
      },
    );
  } else {
    // `lsp --stdio` from the client; a bare `--stdio` also works (what editors pass to LSP servers).
    startServer(command === 'lsp' ? rest : process.argv.slice(2));
  }
}
