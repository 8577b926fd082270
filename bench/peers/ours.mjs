// Our engine, driven in-process on the in-memory corpus (one core, no workers).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const engine = require('../../shared-rules/dist/index.js');
const { lex } = require('../../shared-rules/dist/lang/python/lexer.js');
const { extractPythonFacts } = require('../../shared-rules/dist/lang/python/facts.js');
const { extractTsFacts } = require('../../shared-rules/dist/lang/ts/facts.js');

/** A project over the corpus root with the default config and either all rules or env-access alone. */
export function projectFor(root, rules = 'all') {
  const { config } = engine.loadConfig(root);
  const list = rules === 'all' ? engine.allRules : rules.map((id) => engine.ruleById(id));
  return engine.createProject(root, config, list);
}

export function lexPass(files) {
  let n = 0;
  for (const f of files) n += lex(f.text).count;
  return n;
}

/** The Python front end, every fact (what the workspace index and a full check pay). */
export function pythonFactsPass(files) {
  let n = 0;
  for (const f of files) n += extractPythonFacts(f.text).lineCount;
  return n;
}

export function tsFactsPass(files) {
  let n = 0;
  for (const f of files) n += extractTsFacts(f.text, f.rel).lineCount;
  return n;
}

/**
 * checkFile (facts + rules + suppressions + fingerprints) of every file, without given
 * facts: the engine extracts what the project's rules read (all of it for all rules).
 */
export function checkPass(project, files) {
  let n = 0;
  for (const f of files) n += engine.checkFile(project, f.rel, f.text).violations.length;
  return n;
}

/** env-access findings as { file, line, col } (1-based like the peers' output). */
export function envFindings(project, files) {
  // Spans (UTF-16 offsets) too: agreement is judged by span containment (agreement.mjs).
  const out = [];
  for (const f of files) {
    for (const v of engine.checkFile(project, f.rel, f.text).violations) {
      if (v.rule !== 'env-access') continue;
      out.push({ file: f.rel, start: v.span.start, end: v.span.end, message: v.message });
    }
  }
  return out;
}
