/**
 * Replays saved fuzz failures: `FUZZ_REPLAY=/tmp/ssot-lint-fuzz/soup-7-12.py npx vitest run test/fuzz/replay.test.ts`
 * (a file or a folder). The saved name holds the checked path. Skipped when FUZZ_REPLAY is unset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { project } from './harness';
import { verify } from './properties';

const target = process.env.FUZZ_REPLAY;

it.skipIf(!target)('replays saved fuzz inputs', () => {
  const files = fs.statSync(target!).isDirectory() ? fs.readdirSync(target!).map((f) => path.join(target!, f)) : [target!];
  const problems: string[] = [];
  for (const f of files) {
    const name = path.basename(f);
    const ext = path.extname(f);
    // Saved as `<label>--<path with / as ~>`; older saves only kept the extension.
    const file = name.includes('--') ? name.slice(name.lastIndexOf('--') + 2).replace(/~/g, '/') : ext === '.py' ? 'tests/test_replay.py' : `frontend/app/replay${ext}`;
    for (const p of verify(project, file, fs.readFileSync(f, 'utf8')).problems) problems.push(`${path.basename(f)}: ${p}`);
  }
  expect(problems).toEqual([]);
}, 600_000);
