/** The rule registry: one line per rule. */
import type { Rule } from '../types';
import { envAccess } from './env-access';
import { testBaseClass } from './test-base-class';
import { fileSize } from './file-size';
import { testFileSize } from './test-file-size';
import { functionSize } from './function-size';
import { relativeImport } from './relative-import';
import { invalidSuppression } from './invalid-suppression';
import { canonicalModule } from './canonical-module';
import { duplicateDefinition } from './duplicate-definition';
import { serviceBoundary } from './service-boundary';
import { canonicalImportsExist } from './canonical-imports-exist';
import { mockJustification } from './mock-justification';
import { directTestRunner } from './direct-test-runner';
import { legacyFileName } from './legacy-file-name';
import { hardcodedAddress } from './hardcoded-address';
import { suppressionUnused } from './suppression-unused';
import { inheritanceDepth } from './inheritance-depth';

export const allRules: readonly Rule[] = [
  envAccess,
  testBaseClass,
  fileSize,
  testFileSize,
  functionSize,
  relativeImport,
  invalidSuppression,
  canonicalModule,
  duplicateDefinition,
  serviceBoundary,
  canonicalImportsExist,
  mockJustification,
  directTestRunner,
  legacyFileName,
  hardcodedAddress,
  suppressionUnused,
  inheritanceDepth,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
