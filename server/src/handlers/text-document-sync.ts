/**
 * textDocument/didOpen, didChange, didSave, didClose: schedule checks (debounced on
 * change, immediate on open and save), honour `ssotLint.run`, and route edits of an
 * open `ssot-lint.json` buffer to the config reload (validated as the user types).
 */
import { fileURLToPath } from 'node:url';
import { readSource } from '@ssot-lint/shared-rules';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Folder, Session } from '../session';
import { checkText, publishUnopened, validateDocument } from './diagnostics';
import { reloadConfig } from './configuration';
import { ensureFolderFor } from './initialize';
import { notifyIfReportChanged } from './compliance-report';

export class DocumentSync {
  private readonly timers = new Map<string, NodeJS.Timeout | NodeJS.Immediate>();
  private readonly justOpened = new Set<string>();

  constructor(private readonly session: Session) {
    const { documents } = session;
    documents.onDidOpen((e) => this.opened(e.document));
    documents.onDidChangeContent((e) => this.changed(e.document));
    documents.onDidSave((e) => this.saved(e.document));
    documents.onDidClose((e) => this.closed(e.document));
  }

  /** The folder whose config file this document is, if any. */
  configFolderOf(uri: string): Folder | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const abs = fileURLToPath(uri);
    for (const f of this.session.folders.values()) if (f.configFile() === abs) return f;
    return undefined;
  }

  private opened(doc: TextDocument): void {
    this.justOpened.add(doc.uri);
    const cfg = this.configFolderOf(doc.uri);
    if (cfg) return void reloadConfig(this.session, cfg);
    ensureFolderFor(this.session, doc.uri);
    this.schedule(doc, 0);
  }

  private changed(doc: TextDocument): void {
    // didChangeContent also fires right after didOpen; the open handler already acted.
    if (this.justOpened.delete(doc.uri)) return;
    const cfg = this.configFolderOf(doc.uri);
    if (cfg) return void reloadConfig(this.session, cfg);
    const folder = this.session.folderFor(doc.uri);
    if (!folder || folder.settings.run === 'onSave') return;
    this.schedule(doc, folder.settings.debounceMs);
  }

  private saved(doc: TextDocument): void {
    const folder = this.session.folderFor(doc.uri);
    if (folder?.settings.run === 'onSave') this.schedule(doc, 0);
  }

  private closed(doc: TextDocument): void {
    this.cancel(doc.uri);
    this.justOpened.delete(doc.uri);
    const cfg = this.configFolderOf(doc.uri);
    // The buffer's unsaved text no longer counts: the file on disk is the config again.
    if (cfg) return void reloadConfig(this.session, cfg);
    const loc = this.session.locate(doc.uri);
    if (!loc) return;
    const { folder, rel } = loc;
    // The unsaved buffer no longer counts either: the state goes back to the file on disk.
    const disk = readDisk(folder, rel);
    if (disk === undefined) folder.files.delete(rel);
    else if (folder.settings.enable) checkText(this.session, folder, rel, disk, null);
    if (!this.session.support.pullDiagnostics) {
      if (folder.settings.workspaceDiagnostics) publishUnopened(this.session, folder, rel);
      else void this.session.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    }
    notifyIfReportChanged(this.session, folder);
  }

  schedule(doc: TextDocument, delayMs: number): void {
    this.cancel(doc.uri);
    const run = () => {
      this.timers.delete(doc.uri);
      const current = this.session.documents.get(doc.uri);
      if (current) validateDocument(this.session, current);
    };
    // 0 ms: no timer at all, only a turn of the event loop, so edits that arrive
    // together are still checked once.
    this.timers.set(doc.uri, delayMs > 0 ? setTimeout(run, delayMs) : setImmediate(run));
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) {
      clearTimeout(t as NodeJS.Timeout);
      clearImmediate(t as NodeJS.Immediate);
      this.timers.delete(uri);
    }
  }
}

/** The file as the CLI would read it (same decoding), or undefined when it is gone or unreadable. */
export function readDisk(folder: Folder, rel: string): string | undefined {
  const src = readSource(folder.root, rel);
  return 'reason' in src ? undefined : src.text;
}
