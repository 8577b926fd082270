/**
 * suppression-unused: a suppression comment that hid nothing is a stale exception (the
 * code it excused is gone or was fixed) and would silently hide the next real violation
 * on that line. The engine decides it after all other rules ran (engine/unused-suppressions.ts);
 * this file is the rule's identity, settings and docs.
 */
import type { Rule } from '../types';

export const suppressionUnused: Rule = {
  meta: {
    id: 'suppression-unused',
    tag: 'suppressions',
    summary: 'Suppression comments that suppress nothing are removed.',
    defaultSeverity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    fixable: true,
    defaultOptions: {},
  },
  check() {
    // Decided in the engine once every other rule has run on the file.
  },
};
