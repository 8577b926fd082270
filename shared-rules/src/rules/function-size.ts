/**
 * function-size: functions over N counted lines (default 25; error above 2N), test
 * functions (`test_*`, `pytest_*` in test files) over 8. Lines are counted as the
 * reference checker counts them (spec 3.0): from the first non-docstring body
 * statement to the end of the last one; nested functions also count in their parent.
 */
import type { Rule } from '../types';

export const functionSize: Rule = {
  meta: {
    id: 'function-size',
    tag: 'size',
    summary: 'Functions stay under the line limit (25; test functions 8).',
    defaultSeverity: 'warning',
    languages: ['python'],
    fixable: false,
    defaultOptions: { maxLines: 25, testFunctionMaxLines: 8, testFunctionPattern: '^(test_|pytest_)' },
  },
  check(ctx) {
    const max = Number(ctx.options.maxLines);
    const testMax = Number(ctx.options.testFunctionMaxLines);
    const testPattern = new RegExp(String(ctx.options.testFunctionPattern));
    for (const fn of ctx.file.facts.functions) {
      const isTestFn = ctx.file.isTest && testPattern.test(fn.name);
      const limit = isTestFn ? testMax : max;
      if (fn.bodyLines <= limit) continue;
      const kind = isTestFn ? 'Test function' : 'Function';
      ctx.report({
        span: fn.nameSpan,
        message: `${kind} '${fn.name}' has ${fn.bodyLines} lines (max ${limit}): split it into ${Math.floor(fn.bodyLines / limit) + 1} smaller functions`,
        severity: !isTestFn && fn.bodyLines > 2 * limit ? 'error' : undefined,
      });
    }
  },
};
