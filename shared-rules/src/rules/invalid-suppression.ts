/**
 * invalid-suppression: a suppression comment must name the rule(s) it silences and
 * give a reason after `--`; otherwise it silences nothing and is reported, so every
 * exception to the architecture is explained where it is made.
 */
import type { Rule } from '../types';

export const invalidSuppression: Rule = {
  meta: {
    id: 'invalid-suppression',
    tag: 'suppressions',
    summary: 'Suppression comments name known rules and give a reason.',
    defaultSeverity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    fixable: false,
    defaultOptions: {},
  },
  check(ctx) {
    const known = ctx.knownRules;
    for (const s of ctx.file.facts.suppressions) {
      const problems: string[] = [];
      if (s.rules.length === 0) problems.push('names no rule');
      const unknown = s.rules.filter((r) => !known.has(r));
      if (unknown.length) problems.push(`names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
      if (!s.reason) problems.push("gives no reason (add '-- why this is an exception')");
      if (problems.length) ctx.report({ span: s.span, message: `Suppression ${problems.join(' and ')}; it suppresses nothing` });
    }
  },
};
