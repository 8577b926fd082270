/**
 * Keeps the catalogue honest: every rule has its code, its doc page and its cases,
 * and the doc page's examples are executed (Flagged is flagged, Fixed is exactly
 * what fix-all produces, Compliant is clean).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../shared-rules/src/rules';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { checkFile, createProject, extractFacts, type Project } from '../../shared-rules/src/engine/check';
import { createWorkspaceIndex } from '../../shared-rules/src/index/build';
import { outlineOf } from '../../shared-rules/src/index/outline';
import { COMPANIONS } from '../helpers/companions';
import { fixAll } from '../../shared-rules/src/engine/fix-all';
import type { ResolvedConfig } from '../../shared-rules/src/config/types';
import { listFiles } from '../helpers/workspace';

const ROOT = path.resolve(__dirname, '../..');

interface Example {
  heading: string;
  lang: string;
  path?: string;
  options?: Record<string, unknown>;
  code: string;
}

function examplesOf(markdown: string): Example[] {
  const out: Example[] = [];
  const re = /^### (\w+)\n+```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    const info = m[3];
    const p = /path=(\S+)/.exec(info)?.[1];
    const o = /options=(\{\S*\})/.exec(info)?.[1];
    out.push({ heading: m[1], lang: m[2], path: p, options: o ? JSON.parse(o) : undefined, code: m[4] });
  }
  return out;
}

/**
 * Other files of the example's workspace, for workspace rules: every fenced block with a
 * `path=` under a `### Workspace` heading (up to the next heading).
 */
function workspaceOf(markdown: string): { path: string; code: string }[] {
  const section = /^### Workspace\n([\s\S]*?)(?=^##)/m.exec(markdown + '\n##')?.[1] ?? '';
  const out: { path: string; code: string }[] = [];
  const re = /^```\w+[^\n]*path=(\S+)[^\n]*\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(section); m; m = re.exec(section)) out.push({ path: m[1], code: m[2] });
  return out;
}

/** Indexes the example workspace plus the example file itself (as a full scan would see it). */
function withIndex(project: Project, files: { path: string; code: string }[]): Project {
  project.index = createWorkspaceIndex(project);
  for (const f of files) project.index.update(f.path, outlineOf(extractFacts(f.path, f.code), f.code));
  return project;
}

function configWith(id: string, options?: Record<string, unknown>): ResolvedConfig {
  const base = netraPreset();
  if (!options) return base;
  const rule = base.rules[id];
  return { ...base, rules: { ...base.rules, [id]: { ...rule, options: { ...rule.options, ...options } } } };
}

describe('rule catalogue', () => {
  it('every rule id is unique and kebab-case', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  for (const rule of allRules) {
    const id = rule.meta.id;
    describe(id, () => {
      const docPath = path.join(ROOT, 'shared-rules/docs/rules', `${id}.md`);
      it('has its file, doc page and cases', () => {
        expect(fs.existsSync(path.join(ROOT, 'shared-rules/src/rules', `${id}.ts`))).toBe(true);
        expect(fs.existsSync(docPath)).toBe(true);
        const cases = listFiles(path.join(ROOT, 'test/rules', id), (r) => /(^|\/)(ok|bad)-[^/]*\.(py|ts|tsx|js|jsx|mjs|cjs)$/.test(r));
        expect(cases.some((c) => path.basename(c).startsWith('ok-'))).toBe(true);
        expect(cases.some((c) => path.basename(c).startsWith('bad-'))).toBe(true);
        if (rule.meta.fixable) expect(cases.some((c) => fs.readFileSync(path.join(ROOT, 'test/rules', id, `${c}.out`), 'utf8').includes('fix (safe'))).toBe(true);
      });

      it('doc page examples run as documented', () => {
        const doc = fs.readFileSync(docPath, 'utf8');
        expect(doc.startsWith(`# ${id}\n`)).toBe(true);
        const examples = examplesOf(doc);
        const flagged = examples.find((e) => e.heading === 'Flagged');
        const compliant = examples.find((e) => e.heading === 'Compliant');
        const fixed = examples.find((e) => e.heading === 'Fixed');
        expect(flagged?.path).toBeDefined();
        expect(compliant?.path).toBeDefined();
        if (rule.meta.fixable) expect(fixed).toBeDefined();
        const rules = [rule, ...allRules.filter((r) => COMPANIONS[id]?.includes(r.meta.id))];
        const workspace = workspaceOf(doc);
        const project = withIndex(createProject(ROOT, configWith(id, flagged!.options), rules), [...workspace, { path: flagged!.path!, code: flagged!.code }]);
        expect(checkFile(project, flagged!.path!, flagged!.code).violations.length).toBeGreaterThan(0);
        if (fixed) expect(fixAll(project, flagged!.path!, flagged!.code).text).toBe(fixed.code);
        const clean = withIndex(createProject(ROOT, configWith(id, compliant!.options), rules), [...workspace, { path: compliant!.path!, code: compliant!.code }]);
        expect(checkFile(clean, compliant!.path!, compliant!.code).violations).toEqual([]);
      });
    });
  }
});
