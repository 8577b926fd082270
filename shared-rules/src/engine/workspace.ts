/**
 * The workspace-level pass: findings about the workspace as a whole, which belong to
 * no checked source file (a configured canonical module missing is shown on the config
 * file), and the adoption metrics of the report. Needs the project's index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Violation } from '../types';
import { computeLineStarts, spanToRange } from '../text';
import { fingerprint } from './fingerprint';
import { mergeOptions, type Project } from './check';
import type { ConceptAdoption } from '../report';
import { conceptAdoption } from '../rules/concepts';

/** Workspace-relative path of the config file, when the config came from a file inside the root. */
export function configFileOf(project: Project): string | undefined {
  const src = project.config.source;
  if (src.startsWith('preset:')) return undefined;
  const rel = path.relative(project.root, path.resolve(project.root, src)).split(path.sep).join('/');
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
}

export function checkWorkspaceLevel(project: Project): Violation[] {
  const index = project.index;
  if (!index) return [];
  const configFile = configFileOf(project);
  let configText = '';
  if (configFile) {
    try {
      configText = fs.readFileSync(path.join(project.root, configFile), 'utf8');
    } catch {
      configText = '';
    }
  }
  const out: Violation[] = [];
  for (const rule of project.rules) {
    if (!rule.checkWorkspace) continue;
    const id = rule.meta.id;
    const setting = project.config.rules[id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    const seen = new Map<string, number>();
    rule.checkWorkspace({
      config: project.config,
      options: mergeOptions(rule.meta.defaultOptions, setting?.options),
      index,
      configFile,
      configText,
      report: (input) => {
        const range = spanToRange(computeLineStarts(input.text), input.span);
        const code = input.message;
        const n = seen.get(code) ?? 0;
        seen.set(code, n + 1);
        out.push({
          rule: id,
          severity,
          category: project.scope.category(input.file),
          file: input.file,
          range,
          span: input.span,
          message: input.message,
          // The flagged "code" of a workspace finding is its message: the file may not exist.
          fingerprint: fingerprint(id, input.file, code, n),
          fixes: [],
          related: input.related ?? [],
        });
      },
    });
  }
  return out;
}

/** Per configured concept: files importing it canonically vs. reaching it directly. */
export function adoptionReport(project: Project): ConceptAdoption[] {
  if (!project.index) return [];
  const setting = project.config.rules['canonical-module'];
  if (!setting || setting.severity === 'off') return [];
  const rule = project.rules.find((r) => r.meta.id === 'canonical-module');
  if (!rule) return [];
  return conceptAdoption(project.index, mergeOptions(rule.meta.defaultOptions, setting.options), project.scope);
}
