/** workspace/executeCommand: the one command our code actions use, "open rule documentation". */
import { ErrorCodes, ResponseError, type ExecuteCommandParams } from 'vscode-languageserver';
import { OpenRuleDocCommand } from '../protocol';
import type { Session } from '../session';

export const COMMANDS = [OpenRuleDocCommand];

export async function executeCommand(session: Session, params: ExecuteCommandParams): Promise<unknown> {
  if (params.command !== OpenRuleDocCommand) return new ResponseError(ErrorCodes.InvalidParams, `unknown command: ${params.command}`);
  const href = params.arguments?.[0];
  if (typeof href !== 'string') return new ResponseError(ErrorCodes.InvalidParams, `${OpenRuleDocCommand} needs the documentation URL`);
  if (session.support.showDocument) {
    // file: pages (the docs shipped with the engine) open in the editor; web pages externally.
    const { success } = await session.connection.window.showDocument({ uri: href, external: !href.startsWith('file:') });
    if (success) return null;
  }
  void session.connection.window.showInformationMessage(`ssot-lint rule documentation: ${href}`);
  return null;
}
