/**
 * The contract between the ssot-lint language server and its clients (the VS Code
 * extension imports this module too): custom method names, their parameter and result
 * types, the settings the server reads, and what a diagnostic's `data` carries.
 *
 * Plain types only. It must not import vscode or vscode-languageserver, so the client
 * can import it without pulling in the server, and the engine never sees LSP types.
 */
import type { ComplianceReport, OffsetEdit } from '@ssot-lint/shared-rules';

/** Request: the compliance report of one workspace folder, open buffers' current text included. */
export const ComplianceReportMethod = 'ssotLint/complianceReport';
export interface ComplianceReportParams {
  /** URI of a workspace folder; omitted means the first folder. */
  uri?: string;
}
/** The same JSON as `ssot-lint check --format json`. */
export type ComplianceReportResult = ComplianceReport;

/** Notification (server -> client): a folder's score or violation count changed. */
export const ReportChangedMethod = 'ssotLint/reportChanged';
export interface ReportChangedParams {
  /** URI of the workspace folder. */
  uri: string;
  compliance_score: number;
  total_violations: number;
}

/** Command the "Open documentation for <rule>" code action runs; argument: the doc URL. */
export const OpenRuleDocCommand = 'ssot-lint.openRuleDoc';

/** The settings section the server asks for (`workspace/configuration`, section `ssotLint`). */
export const SettingsSection = 'ssotLint';
export interface SsotLintSettings {
  enable: boolean;
  /** `onType`: check as the user types (debounced); `onSave`: only on open and save. */
  run: 'onType' | 'onSave';
  /** Publish diagnostics for files that are not open (found by the workspace scan). */
  workspaceDiagnostics: boolean;
  /** Config file to use instead of `<folder>/ssot-lint.json` (absolute or relative to the folder). */
  configPath: string | null;
  /** Debounce between an edit and its diagnostics, in milliseconds. */
  debounceMs: number;
  /** Base URL of the rule docs (`<base>/<rule>.md`); null: the doc pages shipped with the engine. */
  docsBaseUrl: string | null;
  /** Threads for the workspace scan's first phase, this one included (`check --jobs`); 0: one per core when there is more than 32 MB to read. */
  scanJobs: number;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: SsotLintSettings = {
  enable: true,
  run: 'onType',
  workspaceDiagnostics: false,
  configPath: null,
  debounceMs: 100,
  docsBaseUrl: null,
  scanJobs: 0,
  trace: { server: 'off' },
};

/** A fix as carried in a diagnostic's `data`: offset edits against the text of `version`. */
export interface DiagnosticFix {
  title: string;
  edits: OffsetEdit[];
  safe: boolean;
  preferred: boolean;
}

/**
 * `Diagnostic.data`: everything a code action needs, so actions are built from the
 * diagnostic alone (no server-side fix cache that can go stale).
 */
export interface DiagnosticData {
  fingerprint: string;
  /** Document version the diagnostic (and its fix offsets) was computed on; null for files not open. */
  version: number | null;
  fixes: DiagnosticFix[];
}
