/**
 * Fix safety on real files: every fix (safe and unsafe, each alone) and fixAll must
 * keep the bytes outside the edit, the encoding (PEP 263 cookie, BOM) and the line
 * endings, remove the violation it is for, keep parseable code parseable, and be a
 * no-op when repeated. Parse checks are batched by the caller (one python3 process).
 */
import { applyEdits } from '../../shared-rules/src/fix/apply';
import { checkFile, type Project } from '../../shared-rules/src/engine/check';
import { fixAll } from '../../shared-rules/src/engine/fix-all';
import type { Fix, Violation } from '../../shared-rules/src/types';
import { violationKey } from './properties';

export interface Encoding {
  encode(text: string): Uint8Array;
}

export interface FixedText {
  label: string;
  text: string;
}

export interface FileOutcome {
  fixesTried: number;
  failures: string[];
  /** Fixed texts whose syntax the caller checks (python3 ast / the TS parser) when the original parsed. */
  outputs: FixedText[];
}

const EOLS = /\r\n|\r|\n/g;

function eolKinds(s: string): Set<string> {
  return new Set(s.match(EOLS) ?? []);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The bytes before the first edit and after the last one are exactly the original bytes. */
function outsideUnchanged(enc: Encoding, original: Uint8Array, text: string, fixed: string, fix: Fix): string | undefined {
  const start = Math.min(...fix.edits.map((e) => e.start));
  const end = Math.max(...fix.edits.map((e) => e.end));
  let bytes: Uint8Array;
  try {
    bytes = enc.encode(fixed);
  } catch (err) {
    return `the fixed text cannot be written in the file's encoding: ${(err as Error).message}`;
  }
  const head = enc.encode(text.slice(0, start)).length;
  const tail = original.length - enc.encode(text.slice(0, end)).length;
  if (!sameBytes(bytes.subarray(0, head), original.subarray(0, head))) return `bytes before offset ${start} changed`;
  if (!sameBytes(bytes.subarray(bytes.length - tail), original.subarray(original.length - tail))) return `bytes after offset ${end} changed`;
  return undefined;
}

function keyCount(text: string, vs: readonly Violation[], key: string): number {
  return vs.filter((v) => violationKey(text, v) === key).length;
}

export function checkFixSafety(project: Project, file: string, text: string, original: Uint8Array, enc: Encoding): FileOutcome {
  const out: FileOutcome = { fixesTried: 0, failures: [], outputs: [] };
  const fail = (m: string) => out.failures.push(`${file}: ${m}`);
  const { violations } = checkFile(project, file, text);
  const kinds = eolKinds(text);
  for (const v of violations) {
    for (const fix of v.fixes) {
      out.fixesTried++;
      const what = `${v.rule} fix "${fix.title}" at ${v.range.start.line + 1}:${v.range.start.character + 1}`;
      let fixed: string;
      try {
        fixed = applyEdits(text, fix.edits);
      } catch (err) {
        fail(`${what}: applying threw ${(err as Error).message}`);
        continue;
      }
      const outside = outsideUnchanged(enc, original, text, fixed, fix);
      if (outside) fail(`${what}: ${outside}`);
      for (const e of fix.edits) for (const k of eolKinds(e.newText)) if (kinds.size && !kinds.has(k)) fail(`${what}: inserts ${JSON.stringify(k)} line endings into a file that has only ${JSON.stringify([...kinds])}`);
      const key = violationKey(text, v);
      const after = checkFile(project, file, fixed).violations;
      if (keyCount(fixed, after, key) >= keyCount(text, violations, key)) fail(`${what}: the violation is still there after the fix`);
      out.outputs.push({ label: what, text: fixed });
    }
  }
  if (!violations.some((v) => v.fixes.some((f) => f.safe))) return out;
  const all = fixAll(project, file, text);
  try {
    enc.encode(all.text);
  } catch (err) {
    fail(`fixAll result cannot be written in the file's encoding: ${(err as Error).message}`);
  }
  for (const k of eolKinds(all.text)) if (kinds.size && !kinds.has(k)) fail(`fixAll introduced ${JSON.stringify(k)} line endings`);
  const again = fixAll(project, file, all.text);
  if (again.text !== all.text) fail('fixAll is not idempotent');
  out.outputs.push({ label: 'fixAll', text: all.text });
  return out;
}
