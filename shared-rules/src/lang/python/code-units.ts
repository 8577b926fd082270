/**
 * The code units the Python lexer reads (lexer.ts tokenize): a byte per UTF-16 unit of the
 * text, the unit itself when it is ASCII and 128 or more otherwise. Phase 1 passes the
 * file's own bytes when they are exactly that (sameCodeUnits); every other caller (an
 * editor's buffer, a test) gets codeUnits of the text.
 */
import { ScratchBuffer } from '../../scratch-buffer';

const scratch = new ScratchBuffer(64 << 10, 8 << 20);

const ABOVE_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * `text`'s code units as tokenize reads them, in a buffer reused by the next call (tokenize
 * does not call itself): each ASCII unit as itself, any other as 128 or more.
 */
export function codeUnits(text: string): Buffer {
  const n = text.length;
  const out = scratch.atLeast(n).subarray(0, n);
  // Latin-1 writes each unit's low byte: exact for units up to 0xFF (those from 128 on stay
  // 128 or more, as tokenize needs), wrong only above. The class below cannot match a
  // one-byte string, which V8's regexp knows without reading it; only a two-byte one is searched.
  out.write(text, 0, n, 'latin1');
  if (ABOVE_LATIN1.test(text)) for (let i = 0; i < n; i++) { const c = text.charCodeAt(i); if (c > 127) out[i] = 128; }
  return out;
}

/**
 * Whether a file's bytes are its decoded text's code units as tokenize reads them: decoded
 * as UTF-8, no BOM, and as many units as bytes. Every UTF-8 sequence of more than one byte
 * (or invalid stretch of more than one) decodes to fewer units than its bytes, so equal
 * lengths leave each byte at its unit's index: ASCII bytes as themselves, anything else as
 * a non-ASCII unit (a character or U+FFFD).
 */
export function sameCodeUnits(decoded: { text: string; encoding: string; bom: boolean }, bytes: Uint8Array): boolean {
  return decoded.encoding === 'utf-8' && !decoded.bom && decoded.text.length === bytes.length;
}
