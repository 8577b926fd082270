/** Rule options: the config's options over the rule's defaults. No imports, so rules can use it without a cycle. */
/** Options merge one level deep so a user can override one nested option and keep the others. */
export function mergeOptions(defaults: Record<string, unknown>, given: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!given) return defaults;
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(given)) {
    const d = defaults[k];
    out[k] = isPlainObject(d) && isPlainObject(v) ? { ...d, ...v } : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

