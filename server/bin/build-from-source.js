#!/usr/bin/env node
'use strict';
/*
 * postinstall of the repository root. In a checkout (sources present) it compiles the
 * packages, so `npm install` leaves a runnable ssot-lint; in the packed package that
 * pre-commit installs globally there are no sources and the build output is already
 * shipped, so it does nothing. (Not `prepare`: npm prints its banner to stdout during
 * `npm pack`, and pre-commit reads the tarball's name from that stdout.)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '../..');
if (!fs.existsSync(path.join(root, 'tsconfig.json')) || !fs.existsSync(path.join(root, 'shared-rules/src'))) process.exit(0);
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const r = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
