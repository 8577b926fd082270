/**
 * The TypeScript compiler, loaded on first use. Requiring it costs 0.1-0.4 s (6 MB of
 * JavaScript), and many runs never need it: a Python-only tree, or a warm scan that
 * replays its cache (issue 7) and parses nothing. So the TS front end's modules import
 * its types only, and read its values through the live bindings below, set when the first
 * TS file is parsed (extractTsFacts) or the first config or tsconfig file is read.
 */
import type * as TS from 'typescript';

/** The compiler's API, once typescript() has run. */
export let tsc: typeof TS;
/** tsc.SyntaxKind, the front end's most used enum. */
export let K: typeof TS.SyntaxKind;

const pending: (() => void)[] = [];

/** Runs `init` once the compiler is loaded: module-level tables built from its enums. */
export function whenLoaded(init: () => void): void {
  if (tsc) init();
  else pending.push(init);
}

/** How the compiler is loaded, given the path to resolve it from (setTypeScriptLoader). */
export type TypeScriptLoader = (from: string) => unknown;

let load: TypeScriptLoader = () => require('typescript');

/**
 * Replaces plain require for the compiler's first load: the CLI and the language server
 * load it through a V8 code cache (server/src/code-cache.ts). Whatever loads it must return
 * the module `require('typescript')` resolved from `from` would.
 */
export function setTypeScriptLoader(loader: TypeScriptLoader): void {
  load = loader;
}

export function typescript(): typeof TS {
  if (!tsc) {
    tsc = load(__filename) as typeof TS;
    K = tsc.SyntaxKind;
    for (const init of pending.splice(0)) init();
  }
  return tsc;
}
