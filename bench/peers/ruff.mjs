// Peer: ruff (wasm build) with TID251 banning `os.environ` and `os.getenv`, the closest
// ruff rule to env-access. Same in-memory strings as our engine, one Workspace reused.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const RUFF_SETTINGS = {
  lint: {
    select: ['TID251'],
    'flake8-tidy-imports': { 'banned-api': { 'os.environ': { msg: 'use the canonical accessor' }, 'os.getenv': { msg: 'use the canonical accessor' } } },
  },
};

export function createRuff() {
  const ruff = require('@astral-sh/ruff-wasm-nodejs');
  // UTF-16 columns, the same unit as our ranges, so findings compare position by position.
  const ws = new ruff.Workspace(RUFF_SETTINGS, ruff.PositionEncoding.Utf16);
  return { version: ruff.Workspace.version(), ws };
}

/** One pass: every file checked; returns the count so the work cannot be optimised away. */
export function ruffPass(ruff, files) {
  let n = 0;
  for (const f of files) n += ruff.ws.check(f.text).length;
  return n;
}

/** TID251 findings as { file, line, col } (1-based, UTF-16 columns). */
export function ruffFindings(ruff, files) {
  const out = [];
  for (const f of files) {
    for (const d of ruff.ws.check(f.text)) {
      if (d.code !== 'TID251') continue;
      out.push({ file: f.rel, line: d.start_location.row, col: d.start_location.column, what: d.message.startsWith('`os.getenv`') ? 'os.getenv' : 'os.environ' });
    }
  }
  return out;
}

/** Why we flagged something TID251 did not (d: a disagreement from compareFindings). */
export function whyOursOnly(d) {
  if (/via (os\.)?(putenv|unsetenv)/.test(d.message)) return 'os.putenv / os.unsetenv: env-access also covers writes through putenv/unsetenv; the TID251 setup bans only os.environ and os.getenv (as issue 7 specifies)';
  if (d.message.includes("patch.dict('os.environ')")) return "patch.dict('os.environ'): the environment named in a string; ruff's banned-api matches resolved references, never string contents";
  const via = /via (.*?): use /.exec(d.message)?.[1] ?? '';
  if (/^(environ|getenv)\b/.test(d.code) || (/\b(environ|getenv)\b/.test(via) && !via.includes('os.'))) return 'use of a name imported by `from os import environ/getenv`: ruff reports the import only, we report the import and every use (each use needs its own rewrite)';
  return 'UNEXPLAINED';
}

/** Why TID251 flagged something we did not. */
export function whyPeerOnly(d) {
  const before = d.text.slice(0, Math.max(0, d.text.indexOf(d.what)));
  if (/(^|[^A-Za-z0-9_])[rRbB]?[fF][rR]?["']/.test(before)) return 'inside an f-string replacement field: our Python front end keeps an f-string as one token, so a read inside `{...}` is not seen (a known gap of ours)';
  return 'UNEXPLAINED';
}
