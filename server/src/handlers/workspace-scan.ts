/**
 * The workspace scan: every file in scope, checked in the background in small time
 * slices that yield to the event loop, so an opened file's diagnostics never wait for
 * it. Results are kept per file (without text or facts) and reused across passes while
 * the file's mtime and size and the config are unchanged, so a compliance-report
 * request after the scan only re-reads what changed on disk.
 *
 * Files on disk go through the engine's two phases as the CLI's scan does
 * (engine/file-phases.ts): phase 1 (on worker threads when there is much to read, see
 * scan-files.ts) keeps a file's outline and local results, not its text and facts, and
 * phase 2 runs the index rules on outlines. The first pass of a config generation goes
 * through the CLI's scan cache, in both directions: an unchanged file is not even read
 * when `ssot-lint check` (or the last editor session) recorded it, phase 2 is replayed
 * when the cache recorded the same world (engine/scan-world.ts), and what this pass
 * checks is recorded for the next one.
 */
import * as fs from 'node:fs';
import { adoptionReport, createWorkspaceIndex, discoverFiles, indexFromPrior, PhaseOne, priorWorld, readSource, WorldPass, type SkippedFile, type StatedFile } from '@ssot-lint/shared-rules';
import type { CancellationToken, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { Folder, Session } from '../session';
import { checkLoaded, checkText, freshDocumentState, logSkip, publishUnopened, validateDocument } from './diagnostics';
import { dropFile, indexedFiles, keysOf, loadFresh, outlineOfFresh } from './scan-files';
import { recheck, refreshWorkspaceLevel } from './workspace-index';
import { notifyIfReportChanged } from './compliance-report';

/** Longest stretch of synchronous work between two yields. */
const SLICE_MS = 8;

export interface PassOptions {
  token?: CancellationToken;
  /** Report window/workDoneProgress (the background scan does; report requests do not). */
  progress?: boolean;
  /** Stop when this returns true (a newer scan superseded this one). */
  superseded?: () => boolean;
  /**
   * Called when the pass's results are complete, before it writes the scan cache (in
   * slices): so the background scan's score is not kept waiting by the write.
   */
  onResults?: (info: { threads: number }) => void;
}

const scanGeneration = new WeakMap<Folder, number>();

/** Starts (or restarts) the background scan of a folder; earlier scans stop at their next slice. */
export function startScan(session: Session, folder: Folder): void {
  const gen = (scanGeneration.get(folder) ?? 0) + 1;
  scanGeneration.set(folder, gen);
  const superseded = () => scanGeneration.get(folder) !== gen || !session.folders.has(folder.uri) || session.shuttingDown;
  exclusive(folder, async () => {
    const t0 = Date.now();
    await runPass(session, folder, {
      progress: true,
      superseded,
      onResults: ({ threads }) => {
        folder.scanned = true;
        const { files, total } = folder.totals();
        session.log(`ssot-lint: ${folder.name}: scanned ${files} files in ${Date.now() - t0} ms (${threads} thread${threads === 1 ? '' : 's'}), ${total} violations`);
        notifyIfReportChanged(session, folder);
      },
    });
  });
}

/** Runs `fn` after every pass already queued on the folder, so passes never interleave. */
export function exclusive<T>(folder: Folder, fn: () => Promise<T>): Promise<T> {
  const next = folder.pass.then(fn, fn);
  folder.pass = next.catch(() => undefined);
  return next;
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One pass over the folder: discover, then check what changed. Returns false when
 * cancelled or superseded (the state is then partially refreshed, never wrong: every
 * stored result is a complete result for its file).
 */
export async function runPass(session: Session, folder: Folder, opts: PassOptions): Promise<boolean> {
  const stop = () => !!opts.token?.isCancellationRequested || !!opts.superseded?.();
  if (!folder.settings.enable) {
    for (const rel of [...folder.files.keys()]) dropFile(session, folder, rel);
    return true;
  }
  let progress: WorkDoneProgressServerReporter | undefined;
  let phase1: PhaseOne | undefined;
  if (opts.progress && session.support.workDoneProgress) {
    progress = await session.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(`ssot-lint: scanning ${folder.name}`, 0, 'discovering files', false);
  }
  try {
    const found = await discover(folder, stop);
    if (!found) return false;
    for (const s of found.skipped) if (isWorthLogging(s)) logSkip(session, folder, s.path, s.reason);
    const n = found.files.length;
    const inScope = new Set(found.files.map((f) => f.path));
    // Phase 1: facts of every changed file into the index (a fresh one after a config
    // change). Phase 2 checks, so workspace rules see the whole workspace. A pass that
    // builds a new index (the first, or the first after a config change) reads the scan
    // cache; later passes reuse the folder's own results and read none.
    const newIndex = !folder.index;
    phase1 = PhaseOne.open(folder.project, newIndex ? undefined : null, { deferWrites: true });
    const ticker = slicer();
    const pause = async (done: number, total: number) => {
      if (!(await ticker.tick())) return false;
      progress?.report(Math.floor((done / total) * 50), `${done}/${total} files indexed`);
      return stop();
    };
    const loaded = await loadFresh(session, folder, found.files, folder.index, phase1, pause);
    if (!loaded) return false;
    const { fresh, threads } = loaded;
    // A new index's phase 2 goes through the scan cache's world record, as the CLI's scan
    // does: replayed when `ssot-lint check` or an earlier session recorded this very world,
    // else recorded for the next one.
    const world = newIndex && phase1.cache ? WorldPass.open(folder.project, phase1.inputs, phase1.cache, keysOf(fresh), () => true) : undefined;
    // Another world than the recorded one (files changed while no editor ran): a new index
    // starts from the recorded one, as the CLI's scan does, and phase 2 below runs only on
    // the changed files and their dependents; the others keep their stored findings.
    const prior = world && !world.replay ? priorWorld(folder.project, phase1.inputs, phase1.cache!) : undefined;
    // Class shapes are computed from what the index holds: an open file's buffer, else the disk.
    const index = folder.index ?? createWorkspaceIndex(folder.project, world?.tsconfigReads, (rel) => session.documents.get(folder.uriOf(rel))?.getText());
    const dirty = new Set<string>();
    let affected: Set<string> | undefined;
    if (prior) {
      const building = indexFromPrior(index, prior, indexedFiles(fresh));
      for (let step = building.next(); ; step = building.next()) {
        if (step.done) {
          affected = step.value;
          break;
        }
        if ((await ticker.tick()) && stop()) return false;
      }
    } else {
      for (const f of fresh) {
        if ((await ticker.tick()) && stop()) return false;
        const outline = outlineOfFresh(f);
        if (!outline) continue;
        // A new index's files all go through phase 2 below: none needs its dependents found
        // (on the 25k tree that search was an eighth of a warm first scan).
        if (newIndex) index.add(f.rel, outline);
        else for (const d of index.update(f.rel, outline, 'loaded' in f ? undefined : f.text)) dirty.add(d);
      }
    }
    world?.enter(affected && ((rel) => !affected!.has(rel)), prior?.record.tsconfigReads);
    for (const rel of [...index.paths()]) if (!inScope.has(rel)) for (const d of index.remove(rel)) dirty.add(d);
    folder.index = index;
    folder.project.index = index;
    for (const rel of [...folder.files.keys()]) if (!inScope.has(rel)) dropFile(session, folder, rel);
    // Phase 2: check what changed and what depends on it.
    let phase2 = 0;
    for (let i = 0; i < fresh.length; i++) {
      if (await ticker.tick()) {
        if (stop()) return false;
        progress?.report(50 + Math.floor((i / fresh.length) * 50), `${i}/${fresh.length} files checked`);
      }
      const f = fresh[i];
      dirty.delete(f.rel);
      const stored = !!world?.replay || (affected !== undefined && !affected.has(f.rel));
      if (!stored || !('loaded' in f) || !f.loaded.added) phase2++;
      if ('loaded' in f) checkLoaded(session, folder, f.rel, f.loaded, f.stamp, world, stored);
      else checkText(session, folder, f.rel, f.text, f.version, f.stamp, f.facts);
      if (f.version === null) publishUnopened(session, folder, f.rel);
      // In onSave mode an open file shows the result of its last save until the next one.
      else if (folder.settings.run === 'onType') validateDocument(session, session.documents.get(folder.uriOf(f.rel))!);
    }
    for (const rel of dirty) if (inScope.has(rel)) recheck(session, folder, rel);
    refreshWorkspaceLevel(session, folder);
    world?.finish(() => ({ workspaceViolations: folder.workspaceViolations, adoption: adoptionReport(folder.project) }));
    progress?.report(100, `${n}/${n} files`);
    progress?.done();
    progress = undefined;
    opts.onResults?.({ threads });
    // What this pass read and checked, recorded for the next session (or ssot-lint check).
    const cache = phase1.cache;
    if (cache) {
      for (const _ of cache.saving(false)) {
        if ((await ticker.tick()) && stop()) return false;
      }
      session.log(`ssot-lint: ${folder.name}: scan cache ${cache.file}: ${cache.hits} files reused, ${cache.misses} read, phase 2 ${world?.replay ? 'replayed' : `run on ${phase2} of ${fresh.length} files`}`);
    }
    return true;
  } finally {
    // A pass that stopped early leaves the pack on disk as it was.
    phase1?.cache?.abandon();
    progress?.done();
  }
}

/** Yields to the event loop once per time slice; tick() says whether it did. */
function slicer(): { tick(): Promise<boolean> } {
  let sliceStart = Date.now();
  return {
    async tick() {
      if (Date.now() - sliceStart < SLICE_MS) return false;
      await yieldToEventLoop();
      sliceStart = Date.now();
      return true;
    },
  };
}

/** Brings one file's state up to date: its open buffer if open, else the disk (reused when unchanged). */
export function checkOnDisk(session: Session, folder: Folder, rel: string): void {
  const uri = folder.uriOf(rel);
  const doc = session.documents.get(uri);
  if (doc) {
    freshDocumentState(session, doc);
    return;
  }
  let stamp: string;
  try {
    const st = fs.statSync(`${folder.root}/${rel}`);
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    return dropFile(session, folder, rel);
  }
  const known = folder.files.get(rel);
  if (known && known.version === null && known.stamp === stamp && known.gen === folder.gen) return;
  const src = readSource(folder.root, rel);
  if ('reason' in src) {
    logSkip(session, folder, rel, src.reason);
    return dropFile(session, folder, rel);
  }
  checkText(session, folder, rel, src.text, null, stamp);
  publishUnopened(session, folder, rel);
}

function isWorthLogging(s: SkippedFile): boolean {
  return s.reason !== 'symlink' && s.reason !== 'not included' && s.reason !== 'excluded';
}

/**
 * Discovery through the engine (one definition of "in scope"), in chunks: each entry
 * two levels down is discovered separately, yielding in between, so walking a large
 * tree does not block the event loop either.
 */
async function discover(folder: Folder, stop: () => boolean): Promise<{ files: StatedFile[]; skipped: SkippedFile[] } | undefined> {
  const scope = folder.project.scope;
  const chunks: string[][] = [];
  const level = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir ? `${folder.root}/${dir}` : folder.root, { withFileTypes: true });
    } catch {
      if (dir) chunks.push([dir]);
      return;
    }
    const files: string[] = [];
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (scope.isExcludedDir(rel)) continue;
        if (depth === 0) level(rel, 1);
        else chunks.push([rel]);
      } else if (!e.isFile() || scope.isIncluded(rel)) files.push(rel);
    }
    if (files.length) chunks.push(files);
  };
  level('', 0);
  const files: StatedFile[] = [];
  const skipped: SkippedFile[] = [];
  let sliceStart = Date.now();
  for (const paths of chunks) {
    const r = discoverFiles(folder.root, scope, { paths, maxFileBytes: folder.config.maxFileBytes });
    for (const f of r.files) files.push(f);
    skipped.push(...r.skipped);
    if (Date.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      if (stop()) return undefined;
      sliceStart = Date.now();
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}
