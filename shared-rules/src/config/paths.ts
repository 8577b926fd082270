/** Config paths (globs, roots, module files) must stay inside the workspace: data cannot point elsewhere. */

/** Why a config path is not allowed, or undefined. Globs may start with `!` (negation). */
export function pathEscapeReason(p: string): string | undefined {
  const body = p.startsWith('!') ? p.slice(1) : p;
  if (/^([\\/]|[A-Za-z]:)/.test(body)) return 'absolute paths are not allowed';
  if (body.split(/[\\/]/).includes('..')) return '".." segments are not allowed';
  return undefined;
}
