/** `ssot-lint baseline`: write every current violation as an accepted one. */
import * as path from 'node:path';
import { BASELINE_FILE, baselineFrom, compareViolations, contentFingerprints, serializeBaseline, violationKey } from '@ssot-lint/shared-rules';
import { parseArgs } from '../args';
import { HELP } from '../help';
import { emit, openWorkspace } from '../workspace';
import { runScan } from '../scan';
import { cacheDirOf, jobsOf } from './check';

export async function runBaseline(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['output', 'config', 'root', 'cache-location', 'jobs'], booleans: ['progress', 'no-progress', 'no-cache', 'help'] });
  if (args.flags.has('help')) {
    process.stdout.write(HELP.baseline);
    return 0;
  }
  const ws = openWorkspace(args);
  const scan = await runScan(ws, ws.project, {
    jobs: jobsOf(args.values.jobs),
    cacheDir: cacheDirOf(args.flags.has('no-cache'), args.values['cache-location'], ws.cwd),
    progress: { tty: !args.flags.has('no-progress') && process.stderr.isTTY === true, forced: args.flags.has('progress') },
  });
  const violations = [...scan.results.flatMap((r) => r.violations), ...scan.workspaceViolations].sort(compareViolations);
  const contents = contentFingerprints(scan.results);
  const baseline = baselineFrom(violations, (v) => contents.get(violationKey(v)));
  const output = args.values.output ?? path.join(ws.root, BASELINE_FILE);
  emit(serializeBaseline(baseline), output, ws.cwd);
  process.stderr.write(`ssot-lint: wrote ${baseline.entries.length} entr${baseline.entries.length === 1 ? 'y' : 'ies'} to ${path.relative(ws.cwd, path.resolve(ws.cwd, output)) || output}\n`);
  return 0;
}
