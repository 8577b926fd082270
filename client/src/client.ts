/**
 * The language client: starts the bundled server (dist/server/server.js) over stdio,
 * logs and traces into the "ssot-lint" output channel, restarts the server when it
 * crashes (and says so), and keeps workspace-provided settings that could point the
 * server elsewhere out of untrusted workspaces.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ConfigurationParams,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SettingsSection } from '../../server/src/protocol';

export const CLIENT_ID = 'ssotLint';
const LANGUAGES = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
/** Like vscode-languageclient's default: give up after this many crashes within RESTART_WINDOW_MS. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    // Port 6009 is what .vscode/launch.json's "Attach to Server" expects.
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const crashes: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    outputChannel: output,
    traceOutputChannel: output,
    initializationOptions: { [SettingsSection]: trustedSettings(undefined, output) },
    synchronize: { configurationSection: SettingsSection },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0]! > RESTART_WINDOW_MS) crashes.shift();
        if (crashes.length <= MAX_RESTARTS) {
          const message = `ssot-lint: the language server stopped unexpectedly; restarting it (${crashes.length} of ${MAX_RESTARTS} in 3 minutes). See the "ssot-lint" output for details.`;
          output.appendLine(message);
          void vscode.window.showWarningMessage(message);
          return { action: CloseAction.Restart, handled: true };
        }
        const message = `ssot-lint: the language server crashed ${crashes.length} times in 3 minutes and will not be restarted.`;
        output.appendLine(message);
        void vscode.window.showErrorMessage(message, 'Restart Server', 'Show Output').then((pick) => {
          if (pick === 'Restart Server') void vscode.commands.executeCommand('ssot-lint.restartServer');
          if (pick === 'Show Output') output.show(true);
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
    middleware: {
      workspace: {
        // The server pulls its settings per folder; answer with the trusted view of them.
        configuration: async (params: ConfigurationParams, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return answers.map((a, i) => {
            const item = params.items[i];
            if (item?.section !== SettingsSection || !a || typeof a !== 'object') return a;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return { ...(a as object), ...trustedSettings(scope, output) };
          });
        },
      },
    },
  };
  const client = new LanguageClient(CLIENT_ID, 'ssot-lint', serverOptions, clientOptions);
  // Granting trust changes what trustedSettings answers: let the server ask again.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('ssot-lint: workspace trusted; workspace settings (ssotLint.configPath) now apply.');
      if (client.isRunning()) void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );
  return client;
}

const warnedUntrusted = new Set<string>();

/**
 * The settings of `scope` with `configPath` taken from the user's settings only when the
 * workspace is not trusted: a cloned repository must not be able to point the server at
 * a config file outside it. Said once per folder in the output channel.
 */
export function trustedSettings(scope: vscode.Uri | undefined, output: vscode.LogOutputChannel): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SettingsSection, scope);
  const inspected = config.inspect<string | null>('configPath');
  if (vscode.workspace.isTrusted) return { configPath: config.get<string | null>('configPath') ?? null };
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (fromWorkspace !== undefined && fromWorkspace !== null) {
    const key = scope?.toString() ?? '';
    if (!warnedUntrusted.has(key)) {
      warnedUntrusted.add(key);
      output.appendLine(
        `ssot-lint: Restricted Mode: ignoring the workspace setting ssotLint.configPath = ${JSON.stringify(fromWorkspace)}` +
          `${scope ? ` for ${scope.fsPath}` : ''}; trust the workspace to use it.`,
      );
    }
  }
  return { configPath: inspected?.globalValue ?? null };
}
