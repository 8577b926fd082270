/**
 * A SourceFile of given parts (engine/lazy-source.ts sourceFileOf): each part not given is
 * computed once, on first use; lineStartsOf and suppressionsOf take whichever of facts
 * and outline is at hand without computing the other; and every such file has the same
 * hidden class, so no checked file's text and facts are kept alive past its check by a
 * map of its own (the old space's map transitions held them through every scavenge).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { createProject, loadConfig } from '../../shared-rules/src';
import { sourceFileOf } from '../../shared-rules/src/engine/lazy-source';
import { extractPythonFacts } from '../../shared-rules/src/lang/python/facts';
import { lineStartsOf, suppressionsOf } from '../../shared-rules/src/text';
import type { SourceFile } from '../../shared-rules/src/types';

const root = path.join(__dirname, '../fixtures/no-such-root');
const project = createProject(root, loadConfig(root).config);
const TEXT = 'import os\n\nx = 1  # ssot-lint: ignore[env-access] -- read once at start\n';
const isLoaded = (f: SourceFile, part: 'facts' | 'outline') => (f as unknown as { loaded(p: string): boolean }).loaded(part);

test('a part not given is computed on first use, once; a text thunk is called once', () => {
  let reads = 0;
  const file = sourceFileOf(project, 'pkg/mod.py', { text: () => (reads++, TEXT) });
  expect(reads).toBe(0);
  expect(isLoaded(file, 'facts')).toBe(false);
  const facts = file.facts;
  expect(file.facts).toBe(facts);
  expect(facts.imports.map((i) => i.module)).toEqual(['os']);
  expect(file.outline).toBe(file.outline);
  expect(file.text).toBe(TEXT);
  expect(reads).toBe(1);
  expect([file.language, file.category, file.isTest]).toEqual(['python', 'other', false]);
});

test('lineStartsOf and suppressionsOf use what is loaded and load nothing else', () => {
  const bare = sourceFileOf(project, 'pkg/mod.py', { text: TEXT });
  expect(lineStartsOf(bare)).toEqual([0, 10, 11, TEXT.length]);
  expect(isLoaded(bare, 'facts')).toBe(false);
  // No facts, no outline: the outline is the cheaper of the two.
  expect(suppressionsOf(bare).map((s) => s.rules)).toEqual([['env-access']]);
  expect(isLoaded(bare, 'outline')).toBe(true);
  expect(isLoaded(bare, 'facts')).toBe(true); // the outline is made from facts

  const facts = extractPythonFacts(TEXT);
  const withFacts = sourceFileOf(project, 'pkg/mod.py', { text: TEXT, facts });
  expect(lineStartsOf(withFacts)).toBe(facts.lineStarts);
  expect(suppressionsOf(withFacts)).toBe(facts.suppressions);
  expect(isLoaded(withFacts, 'outline')).toBe(false);

  const outline = { ...sourceFileOf(project, 'pkg/mod.py', { text: TEXT }).outline, suppressions: [] };
  const withOutline = sourceFileOf(project, 'pkg/mod.py', { text: TEXT, facts, outline: () => outline });
  expect(isLoaded(withOutline, 'outline')).toBe(false);
  expect(suppressionsOf(withOutline)).toBe(facts.suppressions);
  void withOutline.outline;
  expect(suppressionsOf(withOutline)).toBe(outline.suppressions);
});

test('files of given parts share one hidden class, whatever parts were given or computed', () => {
  // %HaveSameMap needs V8's natives syntax: a child process of the built engine.
  const dist = path.join(__dirname, '../../shared-rules/dist');
  const script = `
    const { sourceFileOf } = require(${JSON.stringify(path.join(dist, 'engine/lazy-source.js'))});
    const { createProject, loadConfig } = require(${JSON.stringify(path.join(dist, 'index.js'))});
    const project = createProject(${JSON.stringify(root)}, loadConfig(${JSON.stringify(root)}).config);
    const a = sourceFileOf(project, 'a.py', { text: 'x = 1\\n' });
    const b = sourceFileOf(project, 'b.py', { text: () => 'y = 2\\n' });
    void a.facts; void a.outline; void b.text;
    console.log(JSON.stringify([%HaveSameMap(a, b), Object.getOwnPropertyNames(a).filter((k) => Object.getOwnPropertyDescriptor(a, k).get)]));
  `;
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([true, []]);
});
