/**
 * initialize / initialized / workspace folder changes: capabilities, one folder (and
 * project) per workspace folder, settings, config, baseline, dynamic registrations, and
 * the background scan.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '@ssot-lint/shared-rules';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { Session } from '../session';
import { FixAllKind } from './code-actions';
import { initSettingsFrom, mergeSettings, refreshSettings, reloadBaseline, reloadConfig } from './configuration';
import { COMMANDS } from './execute-command';
import { watchers } from './did-change-watched-files';
import { startScan } from './workspace-scan';

const VERSION = '0.1.0';

export function initialize(session: Session, params: InitializeParams): InitializeResult {
  session.setCapabilities(params.capabilities);
  session.initSettings = initSettingsFrom(params.initializationOptions);
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
  if (folders.length === 0 && params.rootPath) folders.push({ uri: pathToFileURL(params.rootPath).href, name: '' });
  for (const f of folders) addFolder(session, f.uri, f.name || undefined);
  return {
    capabilities: {
      // Positions are UTF-16 (the engine's unit and the LSP default); nothing to negotiate.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FixAllKind], resolveProvider: false },
      executeCommandProvider: { commands: COMMANDS },
      ...(session.support.pullDiagnostics
        ? { diagnosticProvider: { identifier: 'ssot-lint', interFileDependencies: false, workspaceDiagnostics: true } }
        : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'ssot-lint', version: VERSION },
  };
}

function addFolder(session: Session, uri: string, name?: string): void {
  if (session.folders.has(uri) || !uri.startsWith('file:')) return;
  const configPath = mergeSettings(session.initSettings).configPath ?? undefined;
  // Loaded now so documents opened before the settings arrive are checked with the
  // folder's config and baseline; setUpFolder reloads (and reports errors) once settings are known.
  const { config } = loadConfig(fileURLToPath(uri), { configPath });
  const folder = session.addFolder(uri, config, name);
  folder.settings = mergeSettings(session.initSettings);
  reloadBaseline(session, folder);
}

export async function initialized(session: Session): Promise<void> {
  await refreshSettings(session);
  for (const folder of session.folders.values()) setUpFolder(session, folder.uri);
  const reg = [];
  if (session.support.watchedFilesDynamic) {
    reg.push(session.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: watchers(session) }));
  }
  if (session.support.configurationDynamic) reg.push(session.connection.client.register(DidChangeConfigurationNotification.type, undefined));
  await Promise.all(reg).catch((err) => session.error(`ssot-lint: registration failed: ${String(err)}`));
}

function setUpFolder(session: Session, uri: string): void {
  const folder = session.folders.get(uri);
  if (!folder) return;
  // A config that differs from the one loaded at initialize (configPath setting) re-checks and rescans by itself.
  if (!reloadConfig(session, folder)) startScan(session, folder);
}

export async function workspaceFoldersChanged(session: Session, e: WorkspaceFoldersChangeEvent): Promise<void> {
  for (const f of e.removed) {
    const folder = session.folders.get(f.uri);
    if (!folder) continue;
    session.folders.delete(f.uri);
    for (const uri of folder.published) void session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  for (const f of e.added) addFolder(session, f.uri, f.name);
  await refreshSettings(session);
  for (const f of e.added) setUpFolder(session, f.uri);
}

/**
 * A file opened outside every workspace folder (an editor started on a single file, or
 * without a root) gets an implicit folder: the nearest directory above it holding
 * ssot-lint.json or .git, like the CLI's root detection, else the file's directory. It is
 * not scanned in the background (it may be a large tree nobody asked to lint).
 */
export function ensureFolderFor(session: Session, uri: string): void {
  if (!uri.startsWith('file:') || session.folderFor(uri)) return;
  const dir = path.dirname(fileURLToPath(uri));
  let root = dir;
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'ssot-lint.json')) || fs.existsSync(path.join(d, '.git'))) {
      root = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  const folderUri = pathToFileURL(root).href;
  addFolder(session, folderUri);
  session.log(`ssot-lint: ${uri} is outside the workspace folders; using ${root} as its root`);
  void refreshSettings(session).then(() => {
    const folder = session.folders.get(folderUri);
    if (folder) reloadConfig(session, folder);
  });
}
