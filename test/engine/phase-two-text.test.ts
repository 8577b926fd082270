/**
 * A scan's phase 2 reads a file's text back only for a finding that needs it: a finding on
 * a definition's name is placed and fingerprinted from the outline (ReportInput.at, see
 * rules/util.ts nameFinding), exactly as it would be from the text. On the 25k tree that
 * spared reading back 4,183 of the 7,553 files phase 2 reports on.
 */
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { checkFile, createProject, loadConfig } from '../../shared-rules/src';
import { phaseTwo, type LocalResult } from '../../shared-rules/src/engine/check';
import { fingerprint } from '../../shared-rules/src/engine/fingerprint';
import { sourceFileOf } from '../../shared-rules/src/engine/lazy-source';
import { inheritanceDepth } from '../../shared-rules/src/rules/inheritance-depth';
import { nameFinding } from '../../shared-rules/src/rules/util';

const root = path.join(__dirname, '../fixtures/no-such-root');
const project = createProject(root, loadConfig(root).config, [inheritanceDepth]);
const NO_LOCAL: LocalResult = { violations: [], suppressedCount: 0, usedSuppressions: [], ran: [], internalErrors: [] };
const TEXT = 'from agents import BaseAgent\n\n\nclass  MyAgent(BaseAgent):\n    pass\n\n\nclass Other:\n    pass\n';

test('an index rule on a definition name reads no text, and finds what a check of the text finds', () => {
  const outline = sourceFileOf(project, 'pkg/agent.py', { text: TEXT }).outline;
  let reads = 0;
  const file = sourceFileOf(project, 'pkg/agent.py', { text: () => (reads++, TEXT), outline: () => outline });
  const added = phaseTwo(project, file, NO_LOCAL);
  expect(reads).toBe(0);
  expect(added.violations).toEqual(checkFile(project, 'pkg/agent.py', TEXT).violations);
  expect(added.violations.map((v) => [v.range, v.span, v.fingerprint])).toEqual([
    [{ start: { line: 3, character: 7 }, end: { line: 3, character: 14 } }, { start: 38, end: 45 }, fingerprint('inheritance-depth', 'pkg/agent.py', 'MyAgent', 0)],
  ]);
});

test('a suppression on the name line still applies, judged by the outline line', () => {
  const text = TEXT.replace('class  MyAgent(BaseAgent):', 'class  MyAgent(BaseAgent):  # ssot-lint: ignore[inheritance-depth] -- the framework requires it');
  const outline = sourceFileOf(project, 'pkg/agent.py', { text }).outline;
  const added = phaseTwo(project, sourceFileOf(project, 'pkg/agent.py', { text: () => '', outline: () => outline }), NO_LOCAL);
  expect([added.violations, added.suppressedCount, added.usedSuppressions]).toEqual([[], 1, [0]]);
});

test('nameFinding gives no position when the name is not its span text (a TS name with unicode escapes)', () => {
  const at = { nameLine: 2, nameColumn: 6 };
  expect(nameFinding({ name: 'Cfg', nameSpan: { start: 20, end: 23 }, ...at })).toEqual({ span: { start: 20, end: 23 }, at: { line: 2, character: 6, code: 'Cfg' } });
  // `class \u0043fg {}`: the name is Cfg, its span eight characters of source.
  expect(nameFinding({ name: 'Cfg', nameSpan: { start: 20, end: 28 }, ...at })).toEqual({ span: { start: 20, end: 28 } });
});
