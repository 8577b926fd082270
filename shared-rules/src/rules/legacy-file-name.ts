/**
 * legacy-file-name: `user_service_old.py`, `client_v2.ts`, `handler_copy.py`: a second
 * copy of a module next to the first is two sources of truth for one thing. The name is
 * taken up to its first dot, so `api_old.test.ts` is seen as `api_old`.
 */
import type { Rule } from '../types';
import { firstLineSpan } from './util';

interface Options {
  suffixes: string[];
  patterns: string[];
}

export const legacyFileName: Rule = {
  meta: {
    id: 'legacy-file-name',
    tag: 'naming',
    summary: 'No legacy-copy file names (`_old`, `_new`, `_backup`, `_copy`, `_temp`, `_v2`, `_1`).',
    defaultSeverity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    fixable: false,
    defaultOptions: {
      suffixes: ['_old', '_new', '_backup', '_copy', '_temp', '_enhanced', '_fixed'],
      patterns: ['_v\\d+$', '_\\d+$'],
    },
  },
  check(ctx) {
    const o = ctx.options as unknown as Options;
    const base = ctx.file.path.slice(ctx.file.path.lastIndexOf('/') + 1);
    const stem = base.includes('.') ? base.slice(0, base.indexOf('.')) : base;
    const suffix = o.suffixes.find((s) => stem.endsWith(s)) ?? o.patterns.map((p) => new RegExp(p).exec(stem)?.[0]).find((m) => m !== undefined);
    if (suffix === undefined) return;
    ctx.report({ span: firstLineSpan(ctx.file), message: `File name ${base} has the legacy-copy suffix '${suffix}': merge it into the original module and delete the copy` });
  },
};
