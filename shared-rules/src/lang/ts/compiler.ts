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

export function typescript(): typeof TS {
  if (!tsc) {
    tsc = require('typescript') as typeof TS;
    K = tsc.SyntaxKind;
    for (const init of pending.splice(0)) init();
  }
  return tsc;
}
