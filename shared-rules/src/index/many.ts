/**
 * The workspace index's tables (workspace-index.ts) hold one value as itself and more as an
 * array: most keys have one file and most names one definition, and an array of one cost
 * ~56 bytes each (a Set, ~150). A file's keys are distinct and unlinked before it is added
 * again, so a path is never in one list twice. An array is replaced, never mutated, for
 * definitions (see definitionsOf), and may be mutated in place for the path tables.
 */
export type Many<T> = T | readonly T[];

export function listOf<T>(held: Many<T> | undefined): readonly T[] {
  return held === undefined ? [] : Array.isArray(held) ? held : [held as T];
}

export function addTo(m: Map<string, Many<string>>, k: string, v: string): void {
  const held = m.get(k);
  if (held === undefined) m.set(k, v);
  else if (typeof held === 'string') m.set(k, [held, v]);
  else (held as string[]).push(v);
}

export function removeFrom(m: Map<string, Many<string>>, k: string, v: string): void {
  const held = m.get(k);
  if (held === undefined) return;
  if (typeof held === 'string') {
    if (held === v) m.delete(k);
    return;
  }
  const list = held as string[];
  const i = list.indexOf(v);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 1) m.set(k, list[0]);
  else if (list.length === 0) m.delete(k);
}
