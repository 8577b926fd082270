/**
 * Settings (workspace/configuration, section `ssotLint`, per folder) and the folder's
 * `ssot-lint.json` and baseline. An invalid config is shown as diagnostics in the config
 * file while the last good config stays in force; a valid new config re-checks the open
 * files and rescans the folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASELINE_FILE, loadConfig, parseConfigText, readBaseline, type ConfigError, type ResolvedConfig } from '@ssot-lint/shared-rules';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SettingsSection, type SsotLintSettings } from '../protocol';
import { LineIndex } from '../positions';
import type { Folder, Session } from '../session';
import { revalidateAll, SOURCE } from './diagnostics';
import { startScan } from './workspace-scan';
import { publishFile } from './workspace-index';

/** Defaults, then initializationOptions, then the client's answer; unknown or mistyped keys are ignored. */
export function mergeSettings(...layers: unknown[]): SsotLintSettings {
  const s: SsotLintSettings = { ...DEFAULT_SETTINGS, trace: { ...DEFAULT_SETTINGS.trace } };
  for (const raw of layers) {
    if (!raw || typeof raw !== 'object') continue;
    const l = raw as Record<string, unknown>;
    if (typeof l.enable === 'boolean') s.enable = l.enable;
    if (l.run === 'onType' || l.run === 'onSave') s.run = l.run;
    if (typeof l.workspaceDiagnostics === 'boolean') s.workspaceDiagnostics = l.workspaceDiagnostics;
    if (typeof l.configPath === 'string' || l.configPath === null) s.configPath = (l.configPath as string | null) || null;
    if (typeof l.debounceMs === 'number' && l.debounceMs >= 0) s.debounceMs = l.debounceMs;
    if (typeof l.docsBaseUrl === 'string' || l.docsBaseUrl === null) s.docsBaseUrl = (l.docsBaseUrl as string | null) || null;
    if (typeof l.scanJobs === 'number' && Number.isInteger(l.scanJobs) && l.scanJobs >= 0 && l.scanJobs <= 256) s.scanJobs = l.scanJobs;
    const trace = l.trace as Record<string, unknown> | undefined;
    if (trace && (trace.server === 'off' || trace.server === 'messages' || trace.server === 'verbose')) s.trace = { server: trace.server };
  }
  return s;
}

/** initializationOptions may be `{ssotLint: {...}}` (like settings.json) or the section itself. */
export function initSettingsFrom(options: unknown): Record<string, unknown> {
  if (!options || typeof options !== 'object') return {};
  const o = options as Record<string, unknown>;
  return (o[SettingsSection] && typeof o[SettingsSection] === 'object' ? o[SettingsSection] : o) as Record<string, unknown>;
}

/** Asks the client for every folder's settings (when it can answer) and stores them. */
export async function refreshSettings(session: Session): Promise<void> {
  const folders = [...session.folders.values()];
  let answers: unknown[] = folders.map(() => undefined);
  if (session.support.configuration && folders.length > 0) {
    try {
      answers = await session.connection.workspace.getConfiguration(folders.map((f) => ({ scopeUri: f.uri, section: SettingsSection })));
    } catch (err) {
      session.error(`ssot-lint: workspace/configuration failed: ${String(err)}`);
    }
  }
  folders.forEach((f, i) => {
    f.settings = mergeSettings(session.initSettings, answers[i]);
  });
}

/** workspace/didChangeConfiguration: re-read settings, then reload what depends on them. */
export async function onSettingsChanged(session: Session, pushed: unknown): Promise<void> {
  const before = new Map([...session.folders.values()].map((f) => [f, JSON.stringify(f.settings)]));
  if (!session.support.configuration) {
    // Clients without workspace/configuration push the settings in the notification.
    const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>)[SettingsSection] : undefined;
    if (section && typeof section === 'object') session.initSettings = { ...session.initSettings, ...(section as object) };
  }
  await refreshSettings(session);
  for (const folder of session.folders.values()) {
    const was = JSON.parse(before.get(folder) ?? '{}') as Partial<SsotLintSettings>;
    if (JSON.stringify(folder.settings) === before.get(folder)) continue;
    const configMoved = was.configPath !== folder.settings.configPath;
    if (!configMoved || !reloadConfig(session, folder)) {
      // Settings that change what is shown (enable, workspaceDiagnostics, docs URL) but not the results.
      revalidateAll(session, folder);
      if (was.enable !== folder.settings.enable || was.workspaceDiagnostics !== folder.settings.workspaceDiagnostics) {
        startScan(session, folder);
      }
    }
  }
}

/**
 * Loads the folder's config from its open buffer (unsaved edits count) or from disk.
 * Publishes config errors on the config file. Returns true when the config in force
 * changed (and the re-check and rescan were started).
 */
export function reloadConfig(session: Session, folder: Folder): boolean {
  const file = folder.configFile();
  const uri = pathToFileURL(file).href;
  const buffer = session.documents.get(uri);
  let text = buffer?.getText();
  let result: { config: ResolvedConfig; errors: ConfigError[] };
  if (text !== undefined) {
    result = parseConfigText(text, file, { fallback: folder.config });
  } else {
    result = loadConfig(folder.root, { configPath: folder.settings.configPath ?? undefined, fallback: folder.config });
    text = safeRead(file);
  }
  // Publish when there is something to show or to clear (not an empty list on every load).
  const publish = result.errors.length > 0 || folder.configErrors.length > 0;
  folder.configErrors = result.errors;
  const rel = folder.relPath(file);
  if (publish && rel !== undefined) publishFile(session, folder, rel); // with the workspace findings shown there
  else if (publish) void session.connection.sendDiagnostics({ uri, version: buffer?.version, diagnostics: configDiagnostics(result.errors, text ?? '') });
  if (result.errors.length > 0) {
    session.error(`ssot-lint: ${file}: ${result.errors.length} config error(s); the last good config stays in force`);
    return false;
  }
  if (JSON.stringify(result.config) === JSON.stringify(folder.config)) return false;
  folder.setConfig(result.config);
  session.log(`ssot-lint: ${folder.name}: config loaded from ${result.config.source}`);
  revalidateAll(session, folder);
  startScan(session, folder);
  return true;
}

export function configDiagnostics(errors: readonly ConfigError[], text: string): Diagnostic[] {
  const index = new LineIndex(text);
  return errors.map((e) => ({
    range: index.range({ start: Math.min(e.start, text.length), end: Math.min(e.end, text.length) }),
    severity: DiagnosticSeverity.Error,
    code: 'invalid-config',
    source: SOURCE,
    message: `invalid config at ${e.path || '/'}: ${e.message}`,
  }));
}

/** Reads `ssot-lint-baseline.json`; a malformed one is logged and the previous baseline kept. */
export function reloadBaseline(session: Session, folder: Folder): void {
  try {
    const b = readBaseline(path.join(folder.root, BASELINE_FILE));
    folder.baseline = b ? new Set(b.entries.map((e) => e.fingerprint)) : undefined;
  } catch (err) {
    session.error(`ssot-lint: ${(err as Error).message}; keeping the previous baseline`);
  }
}

function safeRead(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
