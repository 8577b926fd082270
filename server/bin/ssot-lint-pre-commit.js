#!/usr/bin/env node
'use strict';
/*
 * The pre-commit hook entry. pre-commit runs it from the repository root with the
 * hook's args and then the staged files as arguments; this runs
 * `ssot-lint check [--baseline ssot-lint-baseline.json] <args> <files>` in-process
 * (one node start, not two). With a baseline only new violations block the commit,
 * so a team can adopt the hook before paying off its existing violations.
 */
const fs = require('node:fs');

const BASELINE = 'ssot-lint-baseline.json';
const argv = process.argv.slice(2);

// pre-commit skips a hook when no staged file matches, but a manual run with no
// files must not silently turn into a whole-workspace check.
if (argv.length === 0) {
  process.stderr.write('ssot-lint-pre-commit: no files to check\n');
  process.exit(0);
}
const args = ['check'];
const hasBaselineFlag = argv.some((a) => a === '--baseline' || a.startsWith('--baseline='));
if (!hasBaselineFlag && fs.existsSync(BASELINE)) args.push('--baseline', BASELINE);
args.push(...argv);

require('./resolve-engine');
require('../dist/cli/main.js').main(args).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`ssot-lint: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; },
);
