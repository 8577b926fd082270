/**
 * The config validator's source: the schema compiled by Ajv into standalone code, committed
 * as schema-validator.generated.ts. A run with a config file (a pre-commit hook's check of
 * a few files, every editor start) loads that module in ~10 ms where loading Ajv and
 * compiling the schema took ~120 ms (measured, `check examples`). test/config/load.test.ts
 * fails when the committed file is not what this makes from the schema; `npx vitest run
 * test/config/load.test.ts -u` writes it again. Nothing at run time imports this module.
 */
import Ajv, { _, type KeywordCxt } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { pathEscapeReason } from './paths';

/**
 * Marks every schema string that is a workspace path or glob (editors ignore it): such a
 * string must not escape the workspace. As code, not a check function: standalone code
 * cannot carry a function, so it calls the generated module's import of pathEscapeReason
 * (`ref` is the same function, for a compile that is not standalone: the schema's test).
 */
export const WORKSPACE_PATH_KEYWORD = {
  keyword: 'workspacePath',
  type: 'string',
  schemaType: 'boolean',
  code(cxt: KeywordCxt) {
    if (cxt.schema !== true) return;
    const check = cxt.gen.scopeValue('func', { ref: pathEscapeReason, code: _`pathEscapeReason` });
    cxt.fail(_`${check}(${cxt.data}) !== undefined`);
  },
} as const;

const HEADER = `// Generated from shared-rules/schema/ssot-lint.schema.json by config/validator-codegen.ts:
// do not edit. After a schema change, \`npx vitest run test/config/load.test.ts -u\` writes it again.
// @ts-nocheck
import { pathEscapeReason } from './paths';
`;

/**
 * The module's text: exports \`validate\`, the schema's validate function. The options are
 * those the engine validated with when it compiled the schema on each run: every error
 * (allErrors) with its schema and data (verbose, for the messages), lenient (strict mode
 * and the meta-schema check are the schema's test).
 */
export function configValidatorSource(schema: object): string {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false, code: { source: true, esm: true } });
  ajv.addKeyword({ ...WORKSPACE_PATH_KEYWORD });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return `${HEADER}${code.replace(/^"use strict";/, '')}\n`;
}
