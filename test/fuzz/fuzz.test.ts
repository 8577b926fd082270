/**
 * Seeded fuzzing of both front ends, every rule and every fix (properties in
 * properties.ts). `npm test` runs a fixed number of cases per input class; set
 * FUZZ_TIME (or `npm run fuzz -- --time 600`) for long runs, FUZZ_SEED to replay.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../shared-rules/src/engine/scan';
import { decodePythonSource } from '../../shared-rules/src/lang/python/decode';
import { mutate, randomBytes, sampleFiles, specialInputs, tokenSoup } from './generators';
import { newTally, PY_PATHS, record, RUN_SEED, runCases, suiteTimeout, TS_PATHS } from './harness';
import { Rng } from './prng';

const REPO = path.resolve(__dirname, '../..');
const STDLIB = execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const TS_LIB = path.join(REPO, 'node_modules/typescript/lib');

function failuresOf(t: { failures: string[] }): string {
  return t.failures.join('\n\n');
}

describe('fuzz: both front ends, every rule, every fix', () => {
  it('random bytes, decoded as the engine decodes them', () => {
    const t = newTally();
    runCases(t, 'random bytes', 400, (rng, i) => {
      const bytes = randomBytes(rng);
      const py = rng.pick(PY_PATHS);
      record(t, `bytes-${RUN_SEED}-${i}`, py, decodePythonSource(bytes).text);
      const tsPath = rng.pick(TS_PATHS);
      const d = decodeFile(tsPath, bytes);
      // A file with NUL bytes is skipped on disk, but an editor buffer can still hold one.
      record(t, `bytes-${RUN_SEED}-${i}`, tsPath, 'text' in d ? d.text : new TextDecoder().decode(bytes));
    });
    expect(t.failures, failuresOf(t)).toEqual([]);
  }, suiteTimeout(60_000));

  it('token soup (Python, TS and mixed vocabularies)', () => {
    const t = newTally();
    runCases(t, 'token soup', 300, (rng, i) => {
      const text = tokenSoup(rng, rng.pick(['python', 'ts', 'mixed'] as const));
      record(t, `soup-${RUN_SEED}-${i}`, rng.pick(PY_PATHS), text);
      record(t, `soup-${RUN_SEED}-${i}`, rng.pick(TS_PATHS), text);
    });
    expect(t.failures, failuresOf(t)).toEqual([]);
  }, suiteTimeout(60_000));

  it('mutations of real files (Python stdlib, typescript/lib)', () => {
    const t = newTally();
    const pick = new Rng(RUN_SEED);
    const py = sampleFiles(STDLIB, ['.py'], 40, pick, 60_000, (rel) => rel.includes('site-packages')).map((f) => fs.readFileSync(f, 'utf8'));
    const tsFiles = sampleFiles(TS_LIB, ['.d.ts', '.js'], 20, pick, 60_000).map((f) => fs.readFileSync(f, 'utf8'));
    runCases(t, 'mutations', 200, (rng, i) => {
      const lang = rng.chance(0.6) ? 'python' : 'ts';
      let text = rng.pick(lang === 'python' ? py : tsFiles);
      for (let k = rng.range(1, 6); k > 0; k--) text = mutate(rng, text, lang);
      record(t, `mutation-${RUN_SEED}-${i}`, rng.pick(lang === 'python' ? PY_PATHS : TS_PATHS), text);
      // The other front end sees the same text too: a .py file opened as .ts must not break either.
      if (rng.chance(0.3)) record(t, `mutation-${RUN_SEED}-${i}-cross`, rng.pick(lang === 'python' ? TS_PATHS : PY_PATHS), text);
    });
    expect(t.failures, failuresOf(t)).toEqual([]);
  }, suiteTimeout(60_000));

  it('limits: deep nesting, 1 MB lines, NUL, lone surrogates, line-ending mixes', () => {
    const t = newTally();
    const inputs = specialInputs();
    runCases(t, 'special inputs', inputs.length, (rng, i) => {
      const { name, text } = inputs[i % inputs.length];
      record(t, name, 'netra_backend/app/special.py', text);
      record(t, name, 'frontend/app/special.ts', text);
    });
    expect(t.failures, failuresOf(t)).toEqual([]);
  }, suiteTimeout(120_000));
});
