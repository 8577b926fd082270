// lazyPythonFacts (checkFile's on-demand facts) must be indistinguishable from the eager
// extractPythonFacts: same keys in the same order, same values, whichever field is read first.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPythonFacts, lazyPythonFacts, PYTHON_FACT_KEYS } from '../../../shared-rules/src/lang/python/facts';

const SAMPLES = [
  '',
  'x = 1\n',
  'import os\nfrom os import environ as e\n\nclass A(B):\n    def f(self):\n        self.k = os.environ.get("K")\n        return e["Q"]\n',
  '"""doc"""\r\nfrom __future__ import annotations\r\nimport json  # ssot-lint: ignore[env-access] -- reason\r\nv = os.getenv("X")\r\n',
  'def f():\n    m = Mock()  # ssot-lint: ignore-file[mock-justification] -- ok\n    u = "http://example.com"\n    return (\n',
  'if x:\n  y = "10.0.0.1"; z = 2\nelse: pass\n',
];

describe('lazyPythonFacts', () => {
  it('has the keys of extractPythonFacts in the same order', () => {
    for (const text of SAMPLES) {
      expect(Object.keys(extractPythonFacts(text))).toEqual(PYTHON_FACT_KEYS);
      expect(Object.keys(lazyPythonFacts(text))).toEqual(PYTHON_FACT_KEYS);
    }
  });

  it('equals the eager facts whichever field is read first', () => {
    for (const text of SAMPLES) {
      const eager = JSON.stringify(extractPythonFacts(text));
      for (const first of PYTHON_FACT_KEYS) {
        const lazy = lazyPythonFacts(text);
        void lazy[first];
        expect(JSON.stringify(lazy)).toBe(eager);
      }
      expect(structuredClone(lazyPythonFacts(text))).toEqual(JSON.parse(eager));
    }
  });

  it('keeps an assigned value', () => {
    const lazy = lazyPythonFacts('import os\n');
    lazy.suppressions = [];
    lazy.imports = [];
    expect(lazy.imports).toEqual([]);
    expect(lazy.envAccesses).toEqual([]);
    expect(lazy.imports).toEqual([]);
  });

  it('gives every file\'s facts the same hidden class, read or not (so no text outlives its check)', () => {
    // %HaveSameMap needs V8's natives syntax: a child process of the built engine.
    const facts = path.join(__dirname, '../../../shared-rules/dist/lang/python/facts.js');
    const script = `
      const { lazyPythonFacts } = require(${JSON.stringify(facts)});
      const a = lazyPythonFacts('x = 1\\n'), b = lazyPythonFacts('import os\\n');
      const fresh = %HaveSameMap(a, b);
      void a.eol; void b.eol;
      const cheap = %HaveSameMap(a, b);
      void a.imports; void b.imports;
      console.log(JSON.stringify([fresh, cheap, %HaveSameMap(a, b)]));
    `;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([true, true, true]);
  });
});
