import * as crypto from 'node:crypto';

// One-shot crypto.hash (node >= 20.12) skips the Hash object; same digest as createHash.
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

/**
 * A fingerprint identifies a violation without line numbers, so inserting lines
 * above it, editing other code or moving the file keeps it stable (baselines).
 * Inputs: rule id, file path, the flagged code with whitespace folded, and the
 * occurrence index among identical (rule, file, code) triples.
 */
export function fingerprint(rule: string, file: string, flaggedCode: string, occurrence: number): string {
  const code = flaggedCode.replace(/\s+/g, ' ').trim().slice(0, 300);
  const input = `${rule}\0${file}\0${code}\0${occurrence}`;
  return (oneShot ? oneShot('sha1', input, 'hex') : crypto.createHash('sha1').update(input).digest('hex')).slice(0, 20);
}
