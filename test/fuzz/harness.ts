/**
 * Shared driver of the fuzz suites: a fixed case count in `npm test`, or a wall-clock
 * budget when FUZZ_TIME (seconds) is set by `npm run fuzz -- --time N`. Every case
 * runs through both front ends (a Python path and a TS/JS path), with every rule.
 * Failing inputs are written to $TMPDIR/ssot-lint-fuzz/ so they can be replayed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProject, type Project } from '../../shared-rules/src/engine/check';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { caseSeed, Rng } from './prng';
import { verify, type Verdict } from './properties';

export const RUN_SEED = Number(process.env.FUZZ_SEED ?? 0x55071);
/** Seconds of fuzzing per suite; undefined = the fixed CI budget. */
export const FUZZ_TIME = process.env.FUZZ_TIME ? Number(process.env.FUZZ_TIME) : undefined;

/** Paths chosen so every rule applies somewhere: test files, production code in a package, scripts. */
export const PY_PATHS = ['tests/test_fuzz.py', 'netra_backend/app/fuzz.py', 'netra_backend/tests/conftest.py', 'scripts/fuzz.py'];
export const TS_PATHS = ['frontend/app/fuzz.ts', 'frontend/__tests__/fuzz.test.tsx', 'scripts/fuzz.js', 'frontend/lib/fuzz.mjs', 'frontend/app/page.jsx'];

export const project: Project = createProject('/fuzz-root', netraPreset());

export interface Tally {
  cases: number;
  checks: number;
  violations: number;
  fixesApplied: number;
  fixAllFixed: number;
  slowestMs: number;
  failures: string[];
}

export function newTally(): Tally {
  return { cases: 0, checks: 0, violations: 0, fixesApplied: 0, fixAllFixed: 0, slowestMs: 0, failures: [] };
}

/** Verifies one text under one path and records the outcome. */
export function record(t: Tally, label: string, file: string, text: string): Verdict {
  const v = verify(project, file, text);
  t.checks++;
  t.violations += v.violations;
  t.fixesApplied += v.fixesApplied;
  t.fixAllFixed += v.fixAllFixed;
  t.slowestMs = Math.max(t.slowestMs, v.slowestMs);
  if (v.problems.length) {
    const dir = path.join(os.tmpdir(), 'ssot-lint-fuzz');
    fs.mkdirSync(dir, { recursive: true });
    const safe = label.replace(/[^\w.-]+/g, '_').slice(0, 80);
    // The checked path is part of the name (`/` as `~`): rules depend on it (test file, package).
    const out = path.join(dir, `${safe}--${file.replace(/\//g, '~')}`);
    fs.writeFileSync(out, text);
    t.failures.push(`${label} as ${file} (input saved to ${out}):\n  ${v.problems.slice(0, 5).join('\n  ')}`);
  }
  return v;
}

/**
 * Runs `gen` for case i = 0, 1, ... until `count` cases or, in a long run, until the time
 * budget is spent. `gen` gets an Rng seeded for that case alone.
 */
export function runCases(t: Tally, suite: string, count: number, gen: (rng: Rng, i: number) => void): void {
  const deadline = FUZZ_TIME !== undefined ? Date.now() + FUZZ_TIME * 1000 : undefined;
  for (let i = 0; deadline !== undefined ? Date.now() < deadline : i < count; i++) {
    gen(new Rng(caseSeed(RUN_SEED, i)), i);
    t.cases++;
    if (t.failures.length >= 25) break;
  }
  console.log(
    `fuzz ${suite}: ${t.cases} cases, ${t.checks} front-end runs, ${t.violations} violations, ${t.fixesApplied} single fixes applied, ` +
      `${t.fixAllFixed} fixed by fixAll, slowest call ${Math.round(t.slowestMs)} ms, ${t.failures.length} failures (seed ${RUN_SEED})`,
  );
}

/** Vitest timeout for a suite: the fixed budget, or the long-run budget plus slack. */
export function suiteTimeout(fixedMs: number): number {
  return FUZZ_TIME !== undefined ? FUZZ_TIME * 1000 + 120_000 : fixedMs;
}
