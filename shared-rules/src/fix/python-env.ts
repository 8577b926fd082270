/**
 * The rewrite table of the reference spec (7.1): each direct `os.environ` form to its
 * `get_env()` form. Returns the replacement edits for the access itself (the caller
 * adds the import) or a reason why there is no faithful rewrite.
 */
import type { EnvAccess } from '../facts';
import type { OffsetEdit } from '../types';

export interface PythonEnvTarget {
  /** Local name of the accessor function in this file (`get_env`). */
  accessor: string;
  /** The `source` argument of set/delete, already quoted. */
  source: string;
}

export type EnvRewrite =
  | { ok: true; edits: OffsetEdit[]; title: string; safe: boolean; note?: string }
  | { ok: false; reason: string };

export function rewritePythonEnv(text: string, a: EnvAccess, t: PythonEnvTarget): EnvRewrite {
  const src = (s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : undefined);
  const key = src(a.keySpan);
  const def = src(a.defaultSpan);
  const value = src(a.valueSpan);
  const env = `${t.accessor}()`;
  const replace = (newText: string, title: string, safe = true, note?: string): EnvRewrite => ({
    ok: true,
    edits: [{ start: a.span.start, end: a.span.end, newText }],
    title,
    safe,
    note,
  });
  const needKey = (): EnvRewrite => ({ ok: false, reason: 'the key is not a plain expression this fix can move' });

  switch (a.kind) {
    case 'read': {
      if (!key) return needKey();
      const call = `${env}.get(${key}${def !== undefined ? `, ${def}` : ''})`;
      if (!a.raisesKeyError) return replace(call, `Replace with ${call}`);
      // os.environ['X'] raises KeyError when X is unset; get() returns None. Keep the
      // KeyError where the read is a plain `name = os.environ[...]` statement.
      const assigned = simpleAssignmentTarget(text, a);
      if (assigned) {
        const stmtEnd = a.stmtSpan.end;
        const raise = `${a.indent}if ${assigned} is None:${eolAt(text, stmtEnd)}${a.indent}    raise KeyError(${key})`;
        return {
          ok: true,
          edits: [
            { start: a.span.start, end: a.span.end, newText: call },
            { start: stmtEnd, end: stmtEnd, newText: eolAt(text, stmtEnd) + raise },
          ],
          title: `Replace with ${call} (keeps the KeyError)`,
          safe: true,
        };
      }
      return replace(call, `Replace with ${call} (returns None instead of raising KeyError)`, false, 'KeyError');
    }
    case 'write': {
      if (!key || value === undefined) return needKey();
      if (!a.statement) return { ok: false, reason: 'the assignment is part of a larger statement' };
      const call = `${env}.set(${key}, ${value}, ${t.source})`;
      return replace(call, `Replace with ${call}`);
    }
    case 'delete': {
      if (!key) return needKey();
      if (!a.statement) return { ok: false, reason: 'the deletion is part of a larger statement' };
      const call = `${env}.delete(${key}, ${t.source})`;
      return replace(call, `Replace with ${call} (returns False instead of raising KeyError when unset)`, false, 'KeyError');
    }
    case 'contains': {
      if (!key) return needKey();
      const call = `${a.negated ? 'not ' : ''}${env}.exists(${key})`;
      return replace(call, `Replace with ${call}`);
    }
    case 'copy':
      return replace(`${env}.get_all()`, `Replace with ${env}.get_all()`);
    case 'update': {
      if (value === undefined) return { ok: false, reason: 'update() without a single mapping argument' };
      return replace(`${env}.update(${value}, ${t.source})`, `Replace with ${env}.update(..., ${t.source})`);
    }
    case 'setdefault': {
      if (!key || def === undefined) return needKey();
      if (!a.statement) return { ok: false, reason: 'get_env() has no setdefault(); its value is used here, so rewrite it by hand' };
      // The rewrite is a compound statement: it cannot follow `;` or `if x:` on the same line.
      if (!a.stmtOwnLine) return { ok: false, reason: 'the statement shares its line with another one' };
      const stmt = `if not ${env}.exists(${key}): ${env}.set(${key}, ${def}, ${t.source})`;
      return replace(stmt, `Replace with ${stmt}`);
    }
    case 'pop':
      return rewritePop(text, a, env, t, key, def);
    case 'clear':
      return { ok: false, reason: 'get_env() can only clear() in isolation mode; there is no faithful rewrite' };
    case 'import':
      return { ok: false, reason: 'rewrite the uses first; the import is removed once nothing uses it' };
    case 'patch':
      return { ok: false, reason: 'in tests on SSotBaseTestCase use `with self.temp_env_vars(KEY="value"):`' };
    case 'reference':
      return { ok: false, reason: `pass ${env} (or ${env}.get_all() for a plain dict) instead` };
  }
}

function rewritePop(text: string, a: EnvAccess, env: string, t: PythonEnvTarget, key?: string, def?: string): EnvRewrite {
  if (!key) return { ok: false, reason: 'the key is not a plain expression this fix can move' };
  const del = `${env}.delete(${key}, ${t.source})`;
  const safe = def !== undefined; // pop without a default raises KeyError when unset
  if (a.statement) {
    return { ok: true, edits: [{ start: a.span.start, end: a.span.end, newText: del }], title: `Replace with ${del}`, safe };
  }
  if (!simpleAssignmentTarget(text, a)) return { ok: false, reason: 'get_env() has no pop(); its value is used inside a larger expression' };
  const get = `${env}.get(${key}${def !== undefined ? `, ${def}` : ''})`;
  const end = a.stmtSpan.end;
  return {
    ok: true,
    edits: [
      { start: a.span.start, end: a.span.end, newText: get },
      { start: end, end, newText: `${eolAt(text, end)}${a.indent}${del}` },
    ],
    title: `Replace with ${get} then ${del}`,
    safe,
  };
}

/**
 * `name = <access>` as a whole statement on its own line: returns `name`. Only then
 * can statements be added after it without changing what runs when.
 */
function simpleAssignmentTarget(text: string, a: EnvAccess): string | undefined {
  if (!a.stmtOwnLine || a.span.end !== a.stmtSpan.end) return undefined;
  const head = text.slice(a.stmtSpan.start, a.span.start);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*$/.exec(head);
  return m ? m[1] : undefined;
}

function eolAt(text: string, offset: number): string {
  const m = /\r\n|\r|\n/.exec(text.slice(offset, offset + 400));
  if (m) return m[0];
  const before = /\r\n|\r|\n/.exec(text);
  return before ? before[0] : '\n';
}
