/**
 * Progress on stderr: a redrawn line on a TTY (files, files/s, ETA), silent otherwise
 * unless `--progress` forces it (then one plain line per second, for CI logs). Fed by
 * scanWorkspaceParallel's onProgress hook: the facts phase (every file of the workspace)
 * and then the rules phase (the checked files) each fill the bar once.
 */
import type { ScanProgress } from '@ssot-lint/shared-rules';

export interface Progress {
  /** Pass to the scan's onProgress; undefined when progress is off. */
  onProgress: ((p: ScanProgress) => void) | undefined;
  done(): void;
}

export function startProgress(mode: { tty: boolean; forced: boolean }): Progress {
  if (!mode.tty && !mode.forced) return { onProgress: undefined, done: () => undefined };
  const started = Date.now();
  let phaseStarted = started;
  let current: ScanProgress = { phase: 'facts', done: 0, total: 0 };
  let last = 0;
  const interval = mode.tty ? 100 : 1000;
  const draw = (final: boolean) => {
    const { phase, done, total } = current;
    const secs = (Date.now() - (final ? started : phaseStarted)) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 && total > done ? Math.ceil((total - done) / rate) : 0;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const width = 24;
    const fill = Math.round((pct / 100) * width);
    const bar = `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}]`;
    const label = phase === 'facts' ? 'reading' : 'checking';
    const text = `${bar} ${label} ${done}/${total} files  ${rate.toFixed(0)} files/s  ${final ? `${((Date.now() - started) / 1000).toFixed(1)}s` : `ETA ${eta}s`}`;
    process.stderr.write(mode.tty ? `\r\x1b[K${text}${final ? '\n' : ''}` : `${text}\n`);
  };
  return {
    onProgress: (p) => {
      if (p.phase !== current.phase) phaseStarted = Date.now();
      current = p;
      const now = Date.now();
      if (now - last >= interval) {
        last = now;
        draw(false);
      }
    },
    done: () => draw(true),
  };
}
