/**
 * `ssotLint/complianceReport`: the folder's report, built by the engine's buildReport
 * from the same per-file results the CLI's scan produces (open buffers' current text
 * instead of the disk), so it equals `ssot-lint check --format json` on a saved
 * workspace. `ssotLint/reportChanged` tells the client when the headline numbers move.
 */
import { adoptionReport, buildReport, type CheckedFile, type ComplianceReport, type Violation } from '@ssot-lint/shared-rules';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { ReportChangedMethod, type ComplianceReportParams, type ReportChangedParams } from '../protocol';
import type { Folder, Session } from '../session';
import { exclusive, runPass } from './workspace-scan';

export async function complianceReport(
  session: Session,
  params: ComplianceReportParams | undefined,
  token: CancellationToken,
): Promise<ComplianceReport | ResponseError<void>> {
  const folder = params?.uri ? (session.folders.get(params.uri) ?? session.folderFor(params.uri)) : session.folders.values().next().value;
  if (!folder) return new ResponseError(ErrorCodes.InvalidParams, `not a workspace folder: ${params?.uri ?? '(none open)'}`);
  // A fresh pass (cheap after the scan: unchanged files are reused) so files changed on
  // disk without a watcher notification are still current.
  const done = await exclusive(folder, () => runPass(session, folder, { token }));
  if (!done || token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'compliance report cancelled');
  return folderReport(folder);
}

/** Built exactly as the engine's scanWorkspace builds the CLI's report, from the server's per-file state. */
export function folderReport(folder: Folder): ComplianceReport {
  const files: CheckedFile[] = [];
  const violations: Violation[] = [];
  let suppressed = 0;
  // Loops, not flatMap over entries: see engine/scan.ts (349k violations on the 25k tree).
  for (const [path, s] of folder.files) {
    files.push({ path, category: s.category });
    for (const v of s.violations) violations.push(v);
    suppressed += s.suppressedCount;
  }
  for (const v of folder.workspaceViolations) violations.push(v);
  return buildReport(files, violations, suppressed, { adoption: adoptionReport(folder.project) });
}

/** Sends `ssotLint/reportChanged` when the score or the violation count differs from the last one sent. */
export function notifyIfReportChanged(session: Session, folder: Folder): void {
  // Before the first scan completes the numbers describe a fraction of the folder.
  if (!folder.scanned) return;
  const { score, total } = folder.totals();
  const last = folder.lastReported;
  if (last && last.score === score && last.total === total) return;
  folder.lastReported = { score, total };
  const params: ReportChangedParams = { uri: folder.uri, compliance_score: score, total_violations: total };
  void session.connection.sendNotification(ReportChangedMethod, params);
}
