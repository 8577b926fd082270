#!/usr/bin/env node
// Long fuzz runs: `npm run fuzz -- --time 600 [--seed N]` gives each fuzz suite
// (random bytes, token soup, mutations, limits) the time budget, in seconds, instead of
// the fixed case counts `npm test` uses. Failing inputs land in $TMPDIR/ssot-lint-fuzz/.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const env = { ...process.env };
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split('=', 2);
  const value = inline ?? args[++i];
  if (flag === '--time' && Number(value) > 0) env.FUZZ_TIME = String(Number(value));
  else if (flag === '--seed' && /^\d+$/.test(value ?? '')) env.FUZZ_SEED = value;
  else {
    console.error(`usage: npm run fuzz -- [--time SECONDS] [--seed N]   (got '${args[i - (inline ? 0 : 1)]}')`);
    process.exit(2);
  }
}
const vitest = join(repo, 'node_modules/vitest/vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz/fuzz.test.ts'], { cwd: repo, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
