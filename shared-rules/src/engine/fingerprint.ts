import { createHash } from 'node:crypto';

/**
 * A fingerprint identifies a violation without line numbers, so inserting lines
 * above it, editing other code or moving the file keeps it stable (baselines).
 * Inputs: rule id, file path, the flagged code with whitespace folded, and the
 * occurrence index among identical (rule, file, code) triples.
 */
export function fingerprint(rule: string, file: string, flaggedCode: string, occurrence: number): string {
  const code = flaggedCode.replace(/\s+/g, ' ').trim().slice(0, 300);
  return createHash('sha1').update(`${rule}\0${file}\0${code}\0${occurrence}`).digest('hex').slice(0, 20);
}
