/**
 * Parity with the audited team's checker on examples/ (issue 5): per rule family, the
 * reference's findings (derived from the reference spec's exact semantics) and ours are
 * listed in test/fixtures/examples-parity.json; every difference must be one documented
 * deviation, and ours must be exactly what the CLI reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';

interface Family {
  reference: string;
  rule: string;
  reference_findings: string[];
  ours: string[];
  deviations: { findings: string[]; why: string }[];
}

const parity = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/examples-parity.json'), 'utf8')) as {
  families: Family[];
  no_reference_counterpart: string[];
};

describe('parity with the reference checker on examples/', () => {
  const report = JSON.parse(runCli(['check', 'examples', '--format', 'json']).stdout) as { violations: { rule: string; file: string; line: number }[] };
  const found = (rule: string) => [...new Set(report.violations.filter((v) => v.rule === rule).map((v) => `${v.file}:${v.line}`))].sort();

  it('covers every rule once: a reference family or explicitly none', () => {
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout).map((m: { id: string }) => m.id).sort();
    const listed = [...parity.families.map((f) => f.rule), ...parity.no_reference_counterpart].sort();
    expect(listed).toEqual(rules);
  });

  for (const f of parity.families) {
    it(`${f.rule} vs ${f.reference.split(':')[0]}`, () => {
      expect(found(f.rule)).toEqual([...f.ours].sort());
      const ours = new Set(f.ours);
      const ref = new Set(f.reference_findings);
      const differ = [...f.ours.filter((x) => !ref.has(x)), ...f.reference_findings.filter((x) => !ours.has(x))].sort();
      const explained = f.deviations.flatMap((d) => d.findings).sort();
      expect(explained).toEqual(differ);
      for (const d of f.deviations) expect(d.why.length).toBeGreaterThan(20);
    });
  }
});
