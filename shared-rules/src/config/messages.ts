/**
 * Human messages for config errors: what was wrong, what is allowed, and a "did you mean"
 * for near misses. Kept apart from load.ts, which finds and locates the errors.
 */
import type { ErrorObject } from 'ajv';
import { pathEscapeReason } from './paths';

export function describe(e: ErrorObject): string {
  const label = labelOf(e.instancePath);
  const data: unknown = e.data;
  const got = (x: unknown) => `got ${JSON.stringify(x)}`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const list = allowed.map((a) => `"${a}"`).join(', ');
      const hint = suggest(name, allowed);
      if (e.instancePath === '/rules') return `unknown rule "${name}"${hint}; known rules: ${list}`;
      if (e.instancePath.endsWith('/options'))
        return allowed.length ? `unknown option "${name}" in ${label}${hint}; allowed: ${list}` : `${label}: this rule has no options (got "${name}")`;
      return `unknown property "${name}" in ${label}${hint}; allowed: ${list}`;
    }
    case 'type': {
      if (/^\/rules\/[^/]+$/.test(e.instancePath))
        return `${label} must be a severity ("off", "error", "warning", "info", "hint") or an object with severity, include, exclude, options (${got(data)})`;
      return `${label} must be ${typeWords(e.params.type as string | string[])} (got ${jsonType(data)})`;
    }
    case 'enum':
      return `${label} must be one of ${(e.params.allowedValues as unknown[]).map((a) => JSON.stringify(a)).join(', ')} (${got(data)})`;
    case 'workspacePath':
      return `${label} must stay inside the workspace: ${pathEscapeReason(String(data))} (${got(data)})`;
    case 'minimum':
      return `${label} must be ${e.params.comparison} ${e.params.limit} (${got(data)})`;
    case 'minLength':
      return `${label} must not be empty`;
    case 'pattern': {
      const p = String(e.params.pattern);
      if (e.propertyName !== undefined)
        return `${label}: "${e.propertyName}" is not a valid environment variable name (letters, digits and _, not starting with a digit)`;
      if (p.includes('\\.')) return `${label} must be a dotted Python module name such as "shared.isolated_environment" (${got(data)})`;
      if (p.includes('{key')) return `${label} must contain "{key}" where the variable name goes (${got(data)})`;
      return `${label} must be an identifier (${got(data)})`;
    }
    default:
      return `${label} ${e.message ?? 'is invalid'}`;
  }
}

export function labelOf(pointer: string): string {
  if (pointer === '') return 'the config';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function typeWords(t: string | string[]): string {
  const one = (x: string) => (x === 'null' ? 'null' : /^[aeiou]/.test(x) ? `an ${x}` : `a ${x}`);
  return (Array.isArray(t) ? t : t.split(',')).map(one).join(' or ');
}

function jsonType(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'number') return Number.isInteger(x) ? `the integer ${x}` : `the number ${x}`;
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  if (typeof x === 'boolean') return `${x}`;
  return 'an object';
}

/** `(did you mean "x"?)` for a near miss (edit distance <= 2), else empty. */
export function suggest(name: string, options: string[]): string {
  let best: string | undefined;
  let bestD = 3;
  for (const o of options) {
    const d = editDistance(name.toLowerCase(), o.toLowerCase());
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

// ---------------------------------------------------------------------------------------
