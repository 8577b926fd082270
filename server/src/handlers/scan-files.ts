/**
 * Phase 1 of a scan pass in the server: which of the folder's files are new to the index
 * (an open buffer, a file changed on disk, every file after a config change), and their
 * outline and local results. Disk files go through the engine's phase 1 (PhaseOne: the
 * scan cache, then phaseOne) on worker threads as `ssot-lint check --jobs` does (setting
 * scanJobs; automatic: when there is enough to read to pay for starting them); this thread
 * takes a small share between event-loop turns, so the editor's requests are served meanwhile.
 */
import { autoThreads, extractFacts, outlineOf, readSource, runPhaseOne, textKey, type FileFacts, type FileOutline, type IndexedFile, type Loaded, type PhaseOne, type PhaseOneAnswer, type PhaseOneJob, type StatedFile, type WorkspaceIndex } from '@ssot-lint/shared-rules';
import type { Folder, Session } from '../session';
import { forget, logSkip, publishUnopened } from './diagnostics';

/**
 * A file new to the index this pass: from disk through phase 1 (outline and local results
 * only), or an open buffer with its text and facts. Facts are missing only when the front
 * end threw on the file, which checkText then reports as the file's internal error.
 */
export type Fresh = { rel: string; version: null; stamp: string; loaded: Loaded } | { rel: string; version: number | null; stamp?: string; text: string; facts?: FileFacts };

/** A disk file whose phase 1 is to run: where it goes in the pass's list, and its stamp. */
interface Pending extends PhaseOneJob {
  at: number;
  stamp: string;
  mtimeMs: number;
  ino: number;
}

/**
 * An event-loop turn when the time slice is used up (with a progress report: `done` of
 * `total` steps, a step being a file looked at or read); resolves true to stop the pass.
 */
export type Pause = (done: number, total: number) => Promise<boolean>;

/**
 * The pass's fresh files, in the order of `files` (the index's order must not depend on
 * which thread finished first), and how many threads read them; undefined when stopped.
 * `index`: the folder's index, undefined when the pass builds a new one (every file is fresh).
 */
export async function loadFresh(session: Session, folder: Folder, files: readonly StatedFile[], index: WorkspaceIndex | undefined, phase1: PhaseOne, pause: Pause): Promise<{ fresh: Fresh[]; threads: number } | undefined> {
  const at: (Fresh | undefined)[] = new Array(files.length);
  const pending: Pending[] = [];
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    if (await pause(i, files.length)) return undefined;
    const r = prepare(session, folder, files[i], index, phase1);
    if (r && 'expectKey' in r) {
      pending.push({ ...r, at: i });
      bytes += r.size;
    } else at[i] = r;
  }
  const { scanJobs } = folder.settings;
  const threads = scanJobs >= 1 ? scanJobs : autoThreads(bytes);
  let answered = 0;
  const accept = (j: number, answer: PhaseOneAnswer) => {
    at[pending[j].at] = settle(session, folder, pending[j], answer, phase1);
    answered++;
  };
  const total = files.length + pending.length;
  const ran = await runPhaseOne(folder.project, pending, accept, { threads, pause: () => pause(files.length + answered, total) });
  return ran && { fresh: at.filter((f): f is Fresh => f !== undefined), threads: ran.threads };
}

/**
 * A file's state before phase 1, from the stat discovery just took: undefined when
 * current; its Fresh when an open buffer or reused from the scan cache; else the phase 1
 * job to run.
 */
function prepare(session: Session, folder: Folder, stated: StatedFile, index: WorkspaceIndex | undefined, phase1: PhaseOne): Fresh | Omit<Pending, 'at'> | undefined {
  const rel = stated.path;
  const doc = session.documents.get(folder.uriOf(rel));
  const known = folder.files.get(rel);
  const current = !!index?.has(rel) && known?.gen === folder.gen;
  if (doc) {
    if (current && known?.version === doc.version) return undefined;
    const text = doc.getText();
    return { rel, text, facts: extractFacts(rel, text), version: doc.version };
  }
  const stamp = `${stated.mtimeMs}:${stated.size}`;
  if (current && known?.version === null && known.stamp === stamp) return undefined;
  try {
    const found = phase1.lookup(stated);
    return 'key' in found ? { rel, loaded: found, version: null, stamp } : { path: rel, size: stated.size, mtimeMs: stated.mtimeMs, ino: stated.ino, expectKey: found.expectKey, stamp };
  } catch {
    return fallback(session, folder, rel, stamp);
  }
}

/** A job's answer as the pass's Fresh (undefined: the file is skipped). */
function settle(session: Session, folder: Folder, job: Pending, answer: PhaseOneAnswer, phase1: PhaseOne): Fresh | undefined {
  try {
    if (answer instanceof Error) throw answer;
    const loaded = phase1.accept(job, answer);
    return 'reason' in loaded ? skip(session, folder, job.path, loaded.reason) : { rel: job.path, loaded, version: null, stamp: job.stamp };
  } catch {
    return fallback(session, folder, job.path, job.stamp);
  }
}

/** An engine bug in phase 1 (the front end threw): the file's text, which checkText turns into the file's internal error. */
function fallback(session: Session, folder: Folder, rel: string, stamp: string): Fresh | undefined {
  const src = readSource(folder.root, rel);
  return 'reason' in src ? skip(session, folder, rel, src.reason) : { rel, text: src.text, version: null, stamp };
}

function skip(session: Session, folder: Folder, rel: string, reason: string): undefined {
  logSkip(session, folder, rel, reason);
  dropFile(session, folder, rel);
  return undefined;
}

/** Forgets a file (deleted, out of scope, skipped) and clears what was published for it. */
export function dropFile(session: Session, folder: Folder, rel: string): void {
  forget(session, folder, rel);
  publishUnopened(session, folder, rel);
}

/** [path, content key] of the fresh files (an open buffer's from its text), for WorldPass. */
export function* keysOf(fresh: readonly Fresh[]): Generator<readonly [string, string]> {
  for (const f of fresh) yield [f.rel, keyOfFresh(f)];
}

const keyOfFresh = (f: Fresh) => ('loaded' in f ? f.loaded.key : textKey(f.rel, f.text));

/** A fresh file's outline: as phase 1 kept it, or from an open buffer's facts (none when it has none). */
export function outlineOfFresh(f: Fresh): FileOutline | undefined {
  return 'loaded' in f ? f.loaded.outline : f.facts && outlineOf(f.facts, f.text, false);
}

/** The fresh files with an outline, for indexFromPrior. */
export function* indexedFiles(fresh: readonly Fresh[]): Generator<IndexedFile> {
  for (const f of fresh) {
    const outline = outlineOfFresh(f);
    if (outline) yield { path: f.rel, key: keyOfFresh(f), outline: () => outline };
  }
}
