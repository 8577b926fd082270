// Peer: tree-sitter-python through web-tree-sitter (wasm), parse only: the reference
// point for our hand-written Python front end (a full concrete syntax tree, no facts).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export async function createTreeSitter() {
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const wasm = join(require.resolve('tree-sitter-python/package.json'), '..', 'tree-sitter-python.wasm');
  const python = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(python);
  return { version: pkgVersion('web-tree-sitter'), grammar: pkgVersion('tree-sitter-python'), parser };
}

/** Parses every file and frees each tree (wasm memory is not garbage-collected). */
export function treeSitterPass(ts, files) {
  let nodes = 0;
  for (const f of files) {
    const tree = ts.parser.parse(f.text);
    nodes += tree.rootNode.childCount;
    tree.delete();
  }
  return nodes;
}

// web-tree-sitter's exports map hides package.json; read it next to the resolved entry.
function pkgVersion(name) {
  let dir = require.resolve(name);
  for (;;) {
    dir = join(dir, '..');
    try { return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version; } catch { /* go up */ }
  }
}
