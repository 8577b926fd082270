/**
 * fixAll chooses compatible fixes greedily. The fuzzer found the choice was quadratic
 * (every candidate compared with every chosen edit): a 1 MB line of `process.env.NODE_ENV;`
 * took 61 s. EditSet must agree with editsConflict exactly, and stay fast.
 */
import { describe, expect, it } from 'vitest';
import { EditSet, editsConflict } from '../../shared-rules/src/fix/apply';
import { createProject } from '../../shared-rules/src/engine/check';
import { fixAll } from '../../shared-rules/src/engine/fix-all';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import type { OffsetEdit } from '../../shared-rules/src/types';
import { Rng } from '../fuzz/prng';

describe('EditSet (fixAll conflict check)', () => {
  it('accepts exactly the fixes the pairwise editsConflict accepts', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = new Rng(seed);
      const set = new EditSet();
      const chosen: OffsetEdit[] = [];
      for (let k = 0; k < 40; k++) {
        const fix: OffsetEdit[] = [];
        for (let e = rng.range(1, 3); e > 0; e--) {
          const start = rng.int(30);
          fix.push({ start, end: start + rng.pick([0, 0, 1, 2, 5]), newText: rng.pick(['a', 'b', '']) });
        }
        // The contract: a fix's own edits do not overlap each other.
        if (fix.some((x, i) => fix.some((y, j) => i < j && editsConflict([x], [y])))) continue;
        const expected = !editsConflict(chosen, fix);
        expect(set.tryAdd(fix), `seed ${seed} fix ${JSON.stringify(fix)} after ${JSON.stringify(chosen)}`).toBe(expected);
        if (expected) chosen.push(...fix);
      }
    }
  });

  it('fixes 30,000 violations on one line in linear time', () => {
    const project = createProject('/scale', netraPreset());
    const text = 'process.env.NODE_ENV;'.repeat(30_000);
    const t0 = performance.now();
    const r = fixAll(project, 'frontend/app/scale.ts', text);
    const ms = performance.now() - t0;
    expect(r.fixed).toHaveLength(30_000);
    expect(r.text.startsWith("import { getUnifiedApiConfig } from '../lib/unified-api-config';\n")).toBe(true);
    // Quadratic selection took ~20 s for this input; linear takes well under 2 s unloaded.
    expect(ms).toBeLessThan(10_000);
  });
});
