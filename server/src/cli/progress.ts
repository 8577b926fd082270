/**
 * Progress on stderr: a redrawn line on a TTY (files, files/s, ETA), silent otherwise
 * unless `--progress` forces it (then one plain line per second, for CI logs).
 *
 * The engine's scanWorkspace has no progress hook yet, so the CLI adds a probe rule
 * that reports nothing and is called once per checked file; it sees exactly the files
 * the engine checks, in whatever order and implementation the scan uses.
 */
import type { Project, Rule } from '@ssot-lint/shared-rules';

export const PROBE_RULE_ID = 'ssot-lint-progress-probe';

export interface Progress {
  /** The project with the probe added (use it for the scan). */
  project: Project;
  done(): void;
}

export function startProgress(project: Project, total: number, mode: { tty: boolean; forced: boolean }): Progress {
  if (!mode.tty && !mode.forced) return { project, done: () => undefined };
  const started = Date.now();
  let files = 0;
  let last = 0;
  const interval = mode.tty ? 100 : 1000;
  const draw = (final: boolean) => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? files / secs : 0;
    const eta = rate > 0 && total > files ? Math.ceil((total - files) / rate) : 0;
    const pct = total ? Math.floor((files / total) * 100) : 100;
    const width = 24;
    const fill = Math.round((pct / 100) * width);
    const bar = `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}]`;
    const text = `${bar} ${files}/${total} files  ${rate.toFixed(0)} files/s  ${final ? `${secs.toFixed(1)}s` : `ETA ${eta}s`}`;
    process.stderr.write(mode.tty ? `\r\x1b[K${text}${final ? '\n' : ''}` : `${text}\n`);
  };
  const probe: Rule = {
    meta: {
      id: PROBE_RULE_ID,
      tag: 'architecture',
      summary: 'internal: counts checked files for the progress bar; reports nothing',
      defaultSeverity: 'hint',
      languages: ['python', 'typescript', 'javascript'],
      fixable: false,
      defaultOptions: {},
    },
    check() {
      files++;
      const now = Date.now();
      if (now - last >= interval) {
        last = now;
        draw(false);
      }
    },
  };
  return {
    project: { ...project, rules: [probe, ...project.rules] },
    done: () => draw(true),
  };
}
