/**
 * Inputs for the fuzzers: random bytes, token soup and mutations of real files. Every
 * generator takes the Rng so a case is a pure function of its seed. The soup is biased
 * towards what the rules look for (env access, test classes, relative imports,
 * suppressions), so fixes are offered often enough to be exercised.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng } from './prng';

const NEWLINES = ['\n', '\r\n', '\r', '\n', '\n'];

const PY_TOKENS = [
  'def', 'async def', 'class', 'return', 'yield', 'lambda', 'if', 'elif', 'else', 'for', 'while', 'with', 'try:', 'except', 'finally:',
  'import', 'from', 'as', 'pass', 'del', 'global', 'nonlocal', 'await', 'match', 'case', 'in', 'not in', 'is', ':', ';', ',', '.', '=', '==',
  ':=', '->', '@', '*', '**', '+', '-', '...', '(', ')', '[', ']', '{', '}', '"', "'", '"""', "'''", 'f"', "f'", 'rb"', 'Rb"', 'fr"', 'u"',
  'b"', "rf'''", 'f"{', '}"', '{{', '}}', '{x!r:>{w}}', '\\', '\\\n', '#', '# comment', '    ', '\t', '\f', 'os.environ', 'os', 'environ',
  "os.environ['KEY']", 'os.environ["A"] = "1"', "os.environ.get('K', 'd')", "os.getenv('K')", "os.environ.pop('K', None)", 'os.environ.copy()',
  "os.environ.setdefault('K', 'v')", "del os.environ['K']", "'K' in os.environ", 'os.environ.update(m)', 'os.environ.clear()', 'dict(os.environ)',
  'from os import environ, getenv', 'import os', 'patch.dict(os.environ, {})', 'class TestX(unittest.TestCase):', 'class TestY:',
  'def setUp(self):', 'def tearDown(self):', 'super().setUp()', 'self.addCleanup(f)', 'import unittest', 'from unittest import TestCase',
  'from . import x', 'from ..a import b', 'from .m import (a,', 'b)', '# ssot-lint: ignore[env-access] -- reason', '# ssot-lint: ignore',
  '# -*- coding: latin-1 -*-', 'x', 'y', 'self', 'None', '0x1F', '1_000', '1e10', '1j', 'é', 'ß', '変数', '\u2028', '\u00a0', '\ud800', '\udc00',
  '\ufeff', '\0', '😀', 'MagicMock()', '@patch("a.b")', 'pytest.main()', 'unittest.main()',
];

const TS_TOKENS = [
  'function', 'const', 'let', 'var', 'class', 'interface', 'type', 'enum', 'import', 'export', 'default', 'from', 'require(', 'return', 'new',
  'async', 'await', 'yield', '=>', '?.', '??', '!', 'as', 'satisfies', 'declare', 'namespace', 'module', '<', '>', '</', '/>', '<div>', '</div>',
  '(', ')', '[', ']', '{', '}', '${', '`', '"', "'", '/', '/*', '*/', '//', '/re/g', ';', ',', '.', '=', ':', '?', '...', '@dec', '#priv',
  'process.env.NEXT_PUBLIC_API_URL', 'process.env["NODE_ENV"]', "process.env['X']", 'process.env', 'const { A, B } = process.env',
  'process.env.X = "1"', 'delete process.env.X', "'X' in process.env", 'import.meta.env', "import x = require('y')", "import('z')",
  "import { a } from './b';", "export * from 'c';", '// ssot-lint-ignore-next-line env-access -- reason', '// ssot-lint-ignore-next-line',
  "'use client';", '#!/usr/bin/env node', 'describe(', 'it(', 'jest.fn()', 'vi.mock(', '0n', '0b101', '1_000', 'é', '\u2028', '\u2029',
  '\ud800', '\udfff', '\ufeff', '\0', '😀',
];

/** Random token soup; `lang` chooses the vocabulary, 'mixed' draws from both. */
export function tokenSoup(rng: Rng, lang: 'python' | 'ts' | 'mixed', tokens = rng.range(1, 400)): string {
  const vocab = lang === 'python' ? PY_TOKENS : lang === 'ts' ? TS_TOKENS : [...PY_TOKENS, ...TS_TOKENS];
  const parts: string[] = [];
  for (let i = 0; i < tokens; i++) {
    const r = rng.next();
    if (r < 0.12) parts.push(rng.pick(NEWLINES) + ' '.repeat(rng.pick([0, 0, 4, 8, 2, 1, 3])));
    else if (r < 0.2) parts.push(' ');
    else if (r < 0.23) parts.push(String.fromCharCode(rng.int(0x80)));
    else parts.push(rng.pick(vocab));
    if (rng.chance(0.6)) parts.push(' ');
  }
  return parts.join('');
}

/** Random bytes with a bias towards ASCII source-like bytes, UTF-8 lead/continuation bytes, CR/LF and NUL. */
export function randomBytes(rng: Rng, n = rng.range(0, 2000)): Uint8Array {
  if (rng.chance(0.3)) return rng.bytes(n);
  const out = new Uint8Array(n);
  const special = [0x0a, 0x0d, 0x00, 0x22, 0x27, 0x5c, 0x7b, 0x7d, 0x28, 0x29, 0x23, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xff, 0xfe];
  for (let i = 0; i < n; i++) out[i] = rng.chance(0.2) ? rng.pick(special) : rng.range(0x20, 0x7e);
  if (rng.chance(0.3) && n >= 3) out.set([0xef, 0xbb, 0xbf]); // BOM
  // Splice rule-triggering source into the noise, so fixes run over undecodable neighbours.
  const splices = rng.chance(0.5) ? rng.range(1, 4) : 0;
  for (let k = 0; k < splices; k++) {
    const snippet = Buffer.from(tokenSoup(rng, rng.chance(0.5) ? 'python' : 'ts', rng.range(1, 10)), 'utf8').subarray(0, n);
    out.set(snippet, rng.int(n - snippet.length + 1));
  }
  if (rng.chance(0.2)) {
    const cookie = Buffer.from(`# -*- coding: ${rng.pick(['latin-1', 'ascii', 'utf-8', 'cp1252', 'koi8-r', 'euc-jp', 'shift_jis', 'bogus-enc', 'utf-16'])} -*-\n`);
    const joined = new Uint8Array(cookie.length + n);
    joined.set(cookie);
    joined.set(out, cookie.length);
    return joined;
  }
  return out;
}

const INSERTS = ['"', "'", '"""', "'''", '(', ')', '[', ']', '{', '}', 'f"{', 'f"{x', '{', 'f"""{\n', '\\', '\\\n', '`', '${', '/*', '\0', '\ud800', '\r', '\r\n', '\n'];

/** One random structural mutation of a source text. */
export function mutate(rng: Rng, text: string, lang: 'python' | 'ts'): string {
  const lines = text.split(/(?<=\n)/);
  const i = rng.int(Math.max(1, lines.length));
  switch (rng.int(8)) {
    case 0: // delete a run of lines
      lines.splice(i, rng.range(1, 5));
      return lines.join('');
    case 1: // duplicate a line
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('');
    case 2: { // swap two lines
      const j = rng.int(Math.max(1, lines.length));
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('');
    }
    case 3: // truncate anywhere (also inside a surrogate pair or a CRLF)
      return text.slice(0, rng.int(text.length + 1));
    case 4: { // insert unbalanced quotes / brackets / f-string braces
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + rng.pick(INSERTS) + text.slice(at);
    }
    case 5: { // insert a token run that the rules react to
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + tokenSoup(rng, lang, rng.range(1, 12)) + text.slice(at);
    }
    case 6: // convert line endings of part of the file
      return lines.map((l) => (rng.chance(0.3) ? l.replace(/\r?\n$/, rng.pick(NEWLINES)) : l)).join('');
    default: { // re-indent a line (Python indentation errors)
      const l = lines[i] ?? '';
      lines[i] = rng.pick(['', ' ', '\t', '        ', ' \t']) + l.trimStart();
      return lines.join('');
    }
  }
}

/** Inputs that stress limits: deep nesting, huge lines, odd characters. Names say what each one is. */
export function specialInputs(): { name: string; text: string }[] {
  const deep = (open: string, close: string, n = 10_000) => open.repeat(n) + 'x' + close.repeat(n);
  const mb = 1 << 20;
  return [
    { name: '10k nested parens', text: `x = ${deep('(', ')')}\n` },
    { name: '10k nested brackets', text: `x = ${deep('[', ']')}\n` },
    { name: '10k nested braces', text: `x = ${deep('{', '}')}\n` },
    { name: '10k unclosed parens', text: `os.environ.get(${'('.repeat(10_000)}\n` },
    { name: '10k unclosed closers', text: `${')]}'.repeat(10_000)}\n` },
    { name: '10k nested f-strings', text: `x = ${'f"{'.repeat(10_000)}x${'}"'.repeat(10_000)}\n` },
    { name: '10k nested calls with env', text: `v = ${'f('.repeat(10_000)}os.environ['K']${')'.repeat(10_000)}\n` },
    { name: '10k nested TS arrays', text: `const x = ${deep('[', ']')};\n` },
    { name: '10k nested TS templates', text: `const x = ${'`${'.repeat(10_000)}1${'}`'.repeat(10_000)};\n` },
    { name: '10k nested TS arrows', text: `const f = ${'() => '.repeat(10_000)}process.env.NODE_ENV;\n` },
    { name: '10k indentation levels', text: Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(2000)}os.environ['K']\n` },
    { name: '1 MB single line (identifiers)', text: 'x = ' + 'a + '.repeat(mb / 4) + 'a' },
    { name: '1 MB single-line string', text: `x = "${'a'.repeat(mb)}"` },
    { name: '1 MB unterminated string', text: `x = "${'a'.repeat(mb)}` },
    { name: '1 MB line of env reads', text: "os.environ['K'];".repeat(mb / 16) },
    // 256 KB, not 1 MB: 12,000 fixable reads on one line, each re-checked by the properties.
    { name: '256 KB line of process.env', text: 'process.env.NODE_ENV;'.repeat(mb / 4 / 21) },
    { name: '1 MB of newlines', text: '\n'.repeat(mb) },
    { name: '1 MB of CR', text: '\r'.repeat(mb) },
    { name: '1 MB of backslashes', text: '\\'.repeat(mb) },
    { name: '1 MB comment line', text: '#' + 'c'.repeat(mb) },
    { name: 'NUL bytes everywhere', text: "import os\0\nx = os.environ['A\0B']\0\n\0class TestA\0(unittest.TestCase):\n\0" },
    { name: 'lone surrogates', text: "x = '\ud800'\nos.environ['\udc00']\nclass Test\ud83d:\n    pass\nprocess.env['\udfff']\n" },
    { name: 'surrogate pair split by edit point', text: "k = os.environ['😀']\n😀 = 1\n" },
    { name: 'CRLF/CR/LF mix', text: "import os\r\nx = os.environ['A']\ry = os.environ.get('B')\n\rclass TestX(unittest.TestCase):\r\n    def setUp(self):\r        pass\n" },
    { name: 'CR only file', text: "import os\rx = os.environ['A']\rfrom . import y\r" },
    { name: 'trailing backslash at EOF', text: "x = os.environ['A']\\" },
    { name: 'BOM inside text', text: "\ufeffimport os\n\ufeffx = os.environ['A']\n" },
    { name: 'form feeds and tabs', text: "\fimport os\n\tx = os.environ['A']\n \f\tdef f():\n\f    return os.getenv('B')\n" },
    { name: 'U+2028 line separators', text: "x = os.environ['A']\u2028y = 1\u2029\nconst z = process.env.NODE_ENV\u2028;\n" },
    { name: '100k short lines', text: "os.environ['K']\n".repeat(100_000) },
  ];
}

/** Deterministic sample of files under `dir` with one of `exts`, at most `max`, each under `maxBytes`. */
export function sampleFiles(dir: string, exts: readonly string[], max: number, rng: Rng, maxBytes = 200_000, skip: (rel: string) => boolean = () => false): string[] {
  const all: string[] = [];
  const walk = (abs: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (skip(r)) continue;
      if (e.isDirectory()) walk(path.join(abs, e.name), r);
      else if (e.isFile() && exts.some((x) => e.name.endsWith(x)) && fs.statSync(path.join(abs, e.name)).size <= maxBytes) all.push(path.join(abs, e.name));
    }
  };
  walk(dir, '');
  if (all.length <= max) return all;
  const picked = new Set<number>();
  while (picked.size < max) picked.add(rng.int(all.length));
  return [...picked].sort((a, b) => a - b).map((i) => all[i]);
}
