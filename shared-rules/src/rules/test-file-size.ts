/**
 * test-file-size: test files over N lines (default 300, the audit's SPEC/testing.xml
 * limit) should be split into focused test modules.
 */
import type { Rule } from '../types';
import { firstLineSpan } from './util';

export const testFileSize: Rule = {
  meta: {
    id: 'test-file-size',
    tag: 'size',
    summary: 'Test files stay under the test line limit (300).',
    defaultSeverity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    fixable: false,
    defaultOptions: { maxLines: 300 },
  },
  check(ctx) {
    if (!ctx.file.isTest) return;
    const max = Number(ctx.options.maxLines);
    const lines = ctx.file.facts.lineCount;
    if (lines <= max) return;
    ctx.report({
      span: firstLineSpan(ctx.file),
      message: `Test file has ${lines} lines (max ${max}): split it into ${Math.floor(lines / max) + 1} focused test modules`,
    });
  },
};
