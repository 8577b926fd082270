/**
 * The rule doc pages shipped with the engine (`shared-rules/docs/rules/<id>.md`), for
 * `ssot-lint rules <id>`, SARIF `help` and report links. Resolved relative to this
 * module, so it works from a checkout (src or dist) and from an installed package.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export function ruleDocsDir(): string {
  // dist/render/docs.js and src/render/docs.ts are both two levels below the package root.
  return path.resolve(__dirname, '..', '..', 'docs', 'rules');
}

export function ruleDocPath(rule: string): string {
  return path.join(ruleDocsDir(), `${rule}.md`);
}

/** The doc page's markdown, or undefined when the rule has none. */
export function readRuleDoc(rule: string): string | undefined {
  try {
    return fs.readFileSync(ruleDocPath(rule), 'utf8');
  } catch {
    return undefined;
  }
}

/** `base/<rule>.md` when a base URL is given, else the shipped page as a file: URL. */
export function ruleDocUrl(rule: string, base?: string): string {
  if (base) return `${base.replace(/\/+$/, '')}/${rule}.md`;
  return pathToFileURL(ruleDocPath(rule)).href;
}
