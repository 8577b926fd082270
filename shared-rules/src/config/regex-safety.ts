/**
 * Regular expressions from ssot-lint.json run against names and comments of every file,
 * in the editor as the user types: one with catastrophic backtracking would hang it.
 * The config loader rejects such patterns up front. The check is conservative and
 * syntactic: a quantified group whose body can itself repeat (`(a+)+`, `(\w*)*`,
 * `(a|b+){2,}`) has exponentially many ways to match and is refused; so is a quantified
 * group containing a backreference. Bounded repeats of one (`?`, `{0,1}`) are fine.
 */

/** Why `source` must not be used as a pattern, or undefined when it is acceptable. */
export function unsafeRegexReason(source: string): string | undefined {
  try {
    new RegExp(source);
  } catch (err) {
    return `is not a valid regular expression: ${(err as Error).message}`;
  }
  // One frame per open group: does its body contain an unbounded (or repeated) quantifier?
  const stack: { repeats: boolean; backref: boolean }[] = [{ repeats: false, backref: false }];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) stack[stack.length - 1].backref = true;
      i++;
      const q = quantifierAt(source, i + 1);
      if (q.repeats) stack[stack.length - 1].repeats = true;
      continue;
    }
    if (c === '[') {
      // Skip the class; a quantifier after it is an ordinary repeat.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      if (quantifierAt(source, i + 1).repeats) stack[stack.length - 1].repeats = true;
      continue;
    }
    if (c === '(') {
      stack.push({ repeats: false, backref: false });
      continue;
    }
    if (c === ')') {
      const body = stack.length > 1 ? stack.pop()! : { repeats: false, backref: false };
      const q = quantifierAt(source, i + 1);
      const outer = stack[stack.length - 1];
      if (q.repeats && body.repeats) return 'has a repeated group whose body repeats too (like (a+)+): it can backtrack catastrophically; write it without nested quantifiers';
      if (q.repeats && body.backref) return 'repeats a group containing a backreference: it can backtrack catastrophically';
      if (body.repeats || q.repeats) outer.repeats = true;
      if (body.backref) outer.backref = true;
      continue;
    }
    if (quantifierAt(source, i + 1).repeats) stack[stack.length - 1].repeats = true;
  }
  return undefined;
}

/** Whether a quantifier at `i` lets its atom match more than once (`*`, `+`, `{n,}`, `{n,m}` with m > 1). */
function quantifierAt(s: string, i: number): { repeats: boolean } {
  const c = s[i];
  if (c === '*' || c === '+') return { repeats: true };
  if (c === '{') {
    const m = /^\{(\d*)(,(\d*))?\}/.exec(s.slice(i));
    if (m) return { repeats: m[2] !== undefined ? m[3] === '' || Number(m[3]) > 1 : Number(m[1]) > 1 };
  }
  return { repeats: false };
}
