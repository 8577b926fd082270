/**
 * file-size: production files over N lines (default 500) are too big to own one
 * concept. Over 2N lines the severity is raised to error (the audit's "extreme" tier).
 * Lines are counted as Python's readlines() counts them (reference spec 3.0).
 */
import type { Rule } from '../types';
import { firstLineSpan } from './util';

export const fileSize: Rule = {
  meta: {
    id: 'file-size',
    tag: 'size',
    summary: 'Files stay under the line limit (500; error above 1000).',
    defaultSeverity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    fixable: false,
    defaultOptions: { maxLines: 500 },
  },
  check(ctx) {
    const max = Number(ctx.options.maxLines);
    const lines = ctx.file.facts.lineCount;
    if (lines <= max) return;
    const parts = Math.floor(lines / max) + 1;
    ctx.report({
      span: firstLineSpan(ctx.file),
      message: `File has ${lines} lines (max ${max}): split it into ${parts} modules`,
      severity: lines > 2 * max ? 'error' : undefined,
    });
  },
};
