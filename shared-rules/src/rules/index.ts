/** The rule registry: one line per rule. */
import type { Rule } from '../types';
import { envAccess } from './env-access';
import { testBaseClass } from './test-base-class';
import { fileSize } from './file-size';
import { testFileSize } from './test-file-size';
import { functionSize } from './function-size';
import { relativeImport } from './relative-import';
import { invalidSuppression } from './invalid-suppression';

export const allRules: readonly Rule[] = [envAccess, testBaseClass, fileSize, testFileSize, functionSize, relativeImport, invalidSuppression];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
