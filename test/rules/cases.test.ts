/**
 * Data-driven rule cases (ruff/ESLint style): test/rules/<rule-id>/ is a small
 * workspace; every `ok-*` / `bad-*` source file in it is a case, checked with that
 * rule alone. The expected output (diagnostics with exact ranges, fix titles, and
 * the exact text after all safe fixes) lives next to the case as `<file>.out`.
 * Properties checked on every case: ok cases are clean, bad cases are not, fixed
 * Python still parses, each fix removes its violation, and fixing twice is a no-op.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../shared-rules/src/rules';
import { applyEdits } from '../../shared-rules/src/fix/apply';
import { loadConfig } from '../../shared-rules/src/config/load';
import { checkFile, createProject, extractFacts } from '../../shared-rules/src/engine/check';
import { checkWorkspaceLevel } from '../../shared-rules/src/engine/workspace';
import { createWorkspaceIndex } from '../../shared-rules/src/index/build';
import { outlineOf } from '../../shared-rules/src/index/outline';
import { fixAll } from '../../shared-rules/src/engine/fix-all';
import type { Violation } from '../../shared-rules/src/types';
import { pythonParseErrors } from '../helpers/python';
import { listFiles } from '../helpers/workspace';
import { COMPANIONS } from '../helpers/companions';

const CASES_DIR = __dirname;
const SOURCE = /\.(py|ts|tsx|js|jsx|mjs|cjs)$/;

const isCase = (rel: string) => /(^|\/)(ok|bad)-[^/]*\.(py|ts|tsx|js|jsx|mjs|cjs)$/.test(rel);

export function renderCase(text: string, violations: readonly Violation[], fixed: string): string {
  const lines: string[] = ['# diagnostics'];
  for (const v of violations) {
    const r = v.range;
    lines.push(`${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${v.severity} ${v.rule}: ${v.message}`);
    lines.push(`  code: ${JSON.stringify(text.slice(v.span.start, v.span.end))}`);
    for (const f of v.fixes) lines.push(`  fix (${f.safe ? 'safe' : 'unsafe'}${f.preferred ? ', preferred' : ''}): ${f.title}`);
    if (v.noFixReason) lines.push(`  no fix: ${v.noFixReason}`);
  }
  lines.push('# after safe fixes');
  lines.push(fixed === text ? '(unchanged)' : fixed);
  return lines.join('\n') + '\n';
}

for (const rule of allRules) {
  const dir = path.join(CASES_DIR, rule.meta.id);
  if (!fs.existsSync(dir)) continue;
  const cases = listFiles(dir, isCase);
  describe(`rule ${rule.meta.id}`, () => {
    const { config, errors } = loadConfig(dir);
    const companions = allRules.filter((r) => COMPANIONS[rule.meta.id]?.includes(r.meta.id));
    const project = createProject(dir, config, [rule, ...companions]);
    // Every case folder is a small workspace: the index holds all its files, so workspace
    // rules see the other files (duplicates, canonical modules) as a full scan would.
    project.index = createWorkspaceIndex(project);
    for (const rel of listFiles(dir, (r) => SOURCE.test(r))) {
      const text = fs.readFileSync(path.join(dir, rel), 'utf8');
      project.index.update(rel, outlineOf(extractFacts(rel, text), text));
    }
    it('has a valid case workspace', () => expect(errors).toEqual([]));
    if (rule.checkWorkspace) {
      it('workspace-level findings', async () => {
        const found = checkWorkspaceLevel(project).map((v) => `${v.file}:${v.range.start.line + 1}:${v.range.start.character + 1} ${v.severity} ${v.rule}: ${v.message}`);
        await expect(found.join('\n') + '\n').toMatchFileSnapshot(path.join(dir, 'workspace.out'));
      });
    }
    for (const rel of cases) {
      it(rel, async () => {
        const text = fs.readFileSync(path.join(dir, rel), 'utf8');
        const result = checkFile(project, rel, text);
        expect(result.internalErrors).toEqual([]);
        const { violations } = result;
        const ok = path.basename(rel).startsWith('ok-');
        if (ok) expect(violations).toEqual([]);
        else expect(violations.length).toBeGreaterThan(0);

        const fixed = fixAll(project, rel, text).text;
        await expect(renderCase(text, violations, fixed)).toMatchFileSnapshot(path.join(dir, `${rel}.out`));
        expect(fixAll(project, rel, fixed).text).toBe(fixed);

        // Each fix on its own: the text stays valid and that violation is gone.
        const variants: { text: string; v: Violation }[] = [];
        for (const v of violations) for (const f of v.fixes) variants.push({ text: applyEdits(text, f.edits), v });
        for (const { text: after, v } of variants) {
          const again = checkFile(project, rel, after).violations;
          expect(again.filter((x) => x.fingerprint === v.fingerprint && x.rule === v.rule)).toEqual([]);
          expect(again.length).toBeLessThan(violations.length);
        }
        if (rel.endsWith('.py')) {
          const [orig, ...rest] = pythonParseErrors([text, fixed, ...variants.map((x) => x.text)]);
          if (orig === null) expect(rest).toEqual(rest.map(() => null));
        }
      });
    }
  });
}
