'use strict';
/*
 * Installed from the repository as one package (pre-commit's `language: node` runs
 * `npm pack` + `npm install -g` on the repo root), the npm-workspaces link
 * node_modules/@ssot-lint/shared-rules does not exist: the engine is the sibling folder
 * shipped in the same package. Only when normal resolution fails, resolve it there.
 */
const Module = require('node:module');
const path = require('node:path');

const NAME = '@ssot-lint/shared-rules';
const ENGINE = path.join(__dirname, '../../shared-rules');
const original = Module._resolveFilename;

Module._resolveFilename = function resolveWithEngineFallback(request, ...rest) {
  try {
    return original.call(this, request, ...rest);
  } catch (err) {
    if (request === NAME) return path.join(ENGINE, 'dist/index.js');
    if (request.startsWith(`${NAME}/`)) return original.call(this, path.join(ENGINE, request.slice(NAME.length + 1)), ...rest);
    throw err;
  }
};
