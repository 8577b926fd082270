/** `ssot-lint rules`: the rule catalogue, or one rule's doc page. */
import { allRules, readRuleDoc, ruleById } from '@ssot-lint/shared-rules';
import { parseArgs, UsageError } from '../args';
import { HELP } from '../help';

export function runRules(argv: string[]): number {
  const args = parseArgs(argv, { values: ['format'], booleans: ['help'] });
  if (args.flags.has('help')) {
    process.stdout.write(HELP.rules);
    return 0;
  }
  const format = args.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  if (args.positionals.length > 1) throw new UsageError('rules takes at most one rule id');
  const id = args.positionals[0];
  if (id !== undefined) {
    const rule = ruleById(id);
    if (!rule) throw new UsageError(`unknown rule '${id}' (run 'ssot-lint rules' for the list)`);
    const doc = readRuleDoc(id);
    if (format === 'json') process.stdout.write(JSON.stringify({ ...rule.meta, doc: doc ?? null }, null, 2) + '\n');
    else process.stdout.write(doc ?? `${id}: ${rule.meta.summary}\n(no documentation page)\n`);
    return 0;
  }
  if (format === 'json') {
    process.stdout.write(JSON.stringify(allRules.map((r) => r.meta), null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...allRules.map((r) => r.meta.id.length));
  for (const r of allRules) {
    process.stdout.write(`${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.fixable ? 'fix' : '   '}  ${r.meta.summary}\n`);
  }
  process.stdout.write(`\nRun 'ssot-lint rules <id>' for a rule's documentation.\n`);
  return 0;
}
