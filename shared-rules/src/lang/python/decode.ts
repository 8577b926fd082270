/**
 * Reading and writing Python source bytes the way CPython does (PEP 263): a UTF-8 BOM,
 * else a coding cookie on line 1 or 2, else UTF-8.
 */

type Decoder = InstanceType<typeof TextDecoder>;

export interface DecodedPythonSource {
  /** The text without the BOM. */
  text: string;
  /** Normalised name of the encoding actually used to decode. */
  encoding: string;
  bom: boolean;
  /** The cookie named an encoding we cannot decode; the text was decoded as UTF-8 instead. */
  unknownEncoding?: string;
  /** Some bytes were invalid in the encoding and were replaced by U+FFFD (CPython would refuse the file). */
  malformed?: boolean;
}

const COOKIE_RE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK_RE = /^[ \t\f]*(?:[#\r\n]|$)/;

/** CPython's `tokenize._get_normal_name`. */
function normalName(name: string): string {
  const enc = name.slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (enc === 'utf-8' || enc.startsWith('utf-8-')) return 'utf-8';
  for (const l of ['latin-1', 'iso-8859-1', 'iso-latin-1']) {
    if (enc === l || enc.startsWith(l + '-')) return 'iso-8859-1';
  }
  return name;
}

function latin1Line(bytes: Uint8Array, from: number): { line: string; next: number } {
  let end = from;
  while (end < bytes.length && bytes[end] !== 10) end++;
  let line = '';
  for (let i = from; i < end && i - from < 1000; i++) line += String.fromCharCode(bytes[i]);
  return { line, next: end + 1 };
}

function findCookie(bytes: Uint8Array, from: number): string | undefined {
  const first = latin1Line(bytes, from);
  let m = COOKIE_RE.exec(first.line);
  if (m) return m[1];
  if (!BLANK_RE.test(first.line) || first.next > bytes.length) return undefined;
  m = COOKIE_RE.exec(latin1Line(bytes, first.next).line);
  return m ? m[1] : undefined;
}

function decodeSingleByte(bytes: Uint8Array, from: number, max: number): { text: string; malformed: boolean } {
  const parts: string[] = [];
  let malformed = false;
  const CHUNK = 8192;
  for (let i = from; i < bytes.length; i += CHUNK) {
    const slice = bytes.subarray(i, Math.min(bytes.length, i + CHUNK));
    const codes = new Array<number>(slice.length);
    for (let j = 0; j < slice.length; j++) {
      const b = slice[j];
      if (b > max) { malformed = true; codes[j] = 0xfffd; } else codes[j] = b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return { text: parts.join(''), malformed };
}

function textDecoder(name: string): Decoder | undefined {
  for (const label of [name, name.replace(/_/g, '-')]) {
    try {
      return new TextDecoder(label, { fatal: true });
    } catch {
      // not a label this runtime knows; try the next spelling
    }
  }
  return undefined;
}

export function decodePythonSource(bytes: Uint8Array): DecodedPythonSource {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const from = bom ? 3 : 0;
  const cookie = bom ? undefined : findCookie(bytes, 0);
  const name = cookie ? normalName(cookie) : 'utf-8';
  const lower = name.toLowerCase();
  if (lower === 'iso-8859-1') return { ...decodeSingleByte(bytes, from, 255), encoding: 'iso-8859-1', bom };
  if (lower === 'ascii' || lower === 'us-ascii') return { ...decodeSingleByte(bytes, from, 127), encoding: 'ascii', bom };
  let encoding = 'utf-8';
  let unknownEncoding: string | undefined;
  let decoder: Decoder | undefined;
  if (name !== 'utf-8') {
    decoder = textDecoder(name);
    if (decoder) encoding = name;
    else unknownEncoding = cookie;
  }
  const body = bytes.subarray(from);
  let text: string;
  let malformed = false;
  try {
    text = (decoder ?? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })).decode(body);
  } catch {
    malformed = true;
    text = new TextDecoder(decoder ? decoder.encoding : 'utf-8', { ignoreBOM: true }).decode(body);
  }
  const out: DecodedPythonSource = { text, encoding, bom };
  if (unknownEncoding !== undefined) out.unknownEncoding = unknownEncoding;
  if (malformed) out.malformed = true;
  return out;
}

const singleByteTables = new Map<string, Map<number, number>>();

/** Reverse table of a single-byte encoding, built by decoding every byte; undefined for multi-byte encodings. */
function singleByteTable(encoding: string): Map<number, number> | undefined {
  const cached = singleByteTables.get(encoding);
  if (cached) return cached;
  let dec: Decoder;
  try {
    dec = new TextDecoder(encoding);
  } catch {
    return undefined;
  }
  const all = new Uint8Array(256);
  for (let i = 0; i < 256; i++) all[i] = i;
  const s = dec.decode(all);
  if (s.length !== 256) return undefined;
  const table = new Map<number, number>();
  for (let i = 255; i >= 0; i--) if (s.charCodeAt(i) !== 0xfffd) table.set(s.charCodeAt(i), i);
  singleByteTables.set(encoding, table);
  return table;
}

/**
 * Encodes text for writing back in the file's encoding. Characters the encoding cannot
 * represent throw, so that a fix never silently corrupts a file.
 */
export function encodePythonSource(text: string, encoding: string, bom: boolean): Uint8Array {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lower = encoding.toLowerCase();
  if (lower === 'utf-8' || lower === 'utf8') {
    const body = new TextEncoder().encode(text);
    if (!bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const max = lower === 'iso-8859-1' ? 255 : lower === 'ascii' ? 127 : -1;
  const table = max < 0 ? singleByteTable(encoding) : undefined;
  if (max < 0 && !table) throw new Error(`cannot encode Python source as ${encoding}`);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = max >= 0 ? (c <= max ? c : undefined) : table!.get(c);
    if (b === undefined) throw new Error(`character U+${c.toString(16).padStart(4, '0')} cannot be encoded as ${encoding}`);
    out[i] = b;
  }
  return out;
}
