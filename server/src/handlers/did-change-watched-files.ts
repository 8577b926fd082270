/**
 * workspace/didChangeWatchedFiles: keeps the scan state true to the disk. A changed
 * config reloads the folder's config; a changed baseline re-labels diagnostics; a
 * created, changed or deleted source file is re-checked (or dropped), and so are the
 * files that depend on it (none today: every rule is file-local; see dependentsOf).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINE_FILE } from '@ssot-lint/shared-rules';
import { FileChangeType, type DidChangeWatchedFilesParams, type FileSystemWatcher } from 'vscode-languageserver';
import type { Folder, Session } from '../session';
import { reloadBaseline, reloadConfig } from './configuration';
import { publishUnopened, revalidateAll, validateDocument } from './diagnostics';
import { notifyIfReportChanged } from './compliance-report';
import { checkOnDisk, startScan } from './workspace-scan';
import { dropFile } from './scan-files';

/** What the server asks clients to watch (registered dynamically when they support it). */
export function watchers(session: Session): FileSystemWatcher[] {
  const globs = new Set(['**/*.{py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/ssot-lint.json', `**/${BASELINE_FILE}`]);
  for (const f of session.folders.values()) if (f.settings.configPath) globs.add(`**/${path.basename(f.configFile())}`);
  return [...globs].map((globPattern) => ({ globPattern }));
}

export function didChangeWatchedFiles(session: Session, params: DidChangeWatchedFilesParams): void {
  const touched = new Set<Folder>();
  for (const change of params.changes) {
    if (!change.uri.startsWith('file:')) continue;
    const abs = fileURLToPath(change.uri);
    let special = false;
    for (const folder of session.folders.values()) {
      if (abs === folder.configFile()) {
        special = true;
        // An open buffer of the config wins over the disk; reloadConfig knows.
        reloadConfig(session, folder);
      } else if (abs === path.join(folder.root, BASELINE_FILE)) {
        special = true;
        reloadBaseline(session, folder);
        folder.viewGen++;
        revalidateAll(session, folder);
        for (const rel of folder.files.keys()) publishUnopened(session, folder, rel);
      }
    }
    if (special) continue;
    const loc = session.locate(change.uri);
    if (!loc) continue;
    const { folder, rel } = loc;
    touched.add(folder);
    if (change.type === FileChangeType.Deleted) deleted(session, folder, rel);
    else if (isDirectory(abs)) startScan(session, folder);
    // An open buffer is the truth for its file; the disk catches up on close.
    else if (!session.documents.get(change.uri)) checkOnDisk(session, folder, rel);
    for (const dep of session.dependentsOf(folder, rel)) {
      const doc = session.documents.get(folder.uriOf(dep));
      if (doc) validateDocument(session, doc);
      else checkOnDisk(session, folder, dep);
    }
  }
  for (const folder of touched) notifyIfReportChanged(session, folder);
}

/** A deleted path may be a file or a whole directory: drop everything at or under it. */
function deleted(session: Session, folder: Folder, rel: string): void {
  const prefix = `${rel}/`;
  for (const known of [...folder.files.keys()]) {
    if (known !== rel && !known.startsWith(prefix)) continue;
    const uri = folder.uriOf(known);
    // The editor still shows an open buffer of a deleted file; its diagnostics stay with it.
    if (session.documents.get(uri)) continue;
    dropFile(session, folder, known);
    if (!session.support.pullDiagnostics) void session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

function isDirectory(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
