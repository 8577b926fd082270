/** Test helpers: facts for a snippet, and spans turned into the text they cover (so assertions read as source). */
import type { FileFacts, Span } from '../../../shared-rules/src/facts';
import { extractTsFacts } from '../../../shared-rules/src/lang/ts/facts';

export function facts(text: string, fileName = 'file.ts'): FileFacts {
  return extractTsFacts(text, fileName);
}

/** Replaces every `{start, end}` in a fact by the text it covers. */
export function sliced<T>(text: string, value: T): unknown {
  if (Array.isArray(value)) return value.map((v) => sliced(text, v));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number') return text.slice(o.start, o.end);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = sliced(text, o[k]);
    return out;
  }
  return value;
}

export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
