import { describe, expect, it } from 'vitest';
import type { EnvAccess } from '../../../shared-rules/src/facts';
import { extractDefs } from '../../../shared-rules/src/lang/python/defs';
import { extractEnv } from '../../../shared-rules/src/lang/python/env';
import { extractPythonFacts } from '../../../shared-rules/src/lang/python/facts';
import { scanTokens } from '../../../shared-rules/src/lang/python/scan';
import { buildCtx } from '../../../shared-rules/src/lang/python/stmts';

const sl = (text: string, s?: { start: number; end: number }) => (s ? text.slice(s.start, s.end) : undefined);

function env(src: string) {
  return extractPythonFacts(src).envAccesses.map((a: EnvAccess) => ({
    kind: a.kind,
    via: a.via,
    span: sl(src, a.span),
    key: a.key,
    keySpan: sl(src, a.keySpan),
    defaultSpan: sl(src, a.defaultSpan),
    valueSpan: sl(src, a.valueSpan),
    negated: a.negated,
    statement: a.statement,
    stmt: sl(src, a.stmtSpan),
    own: a.stmtOwnLine,
    indent: a.indent,
    raises: a.raisesKeyError,
  }));
}

describe('environment accesses', () => {
  it('reads, writes, deletes', () => {
    const src = "import os\nx = os.environ['X']\nif c:\n    os.environ[\"Y\"] = f(1)\ndel os.environ['Z']\ny = os.environ.get('A', 'd') or os.getenv(\"B\")\n";
    const r = env(src);
    expect(r[0]).toMatchObject({ kind: 'read', via: 'os.environ[...]', span: "os.environ['X']", key: 'X', keySpan: "'X'", raises: true, stmt: "x = os.environ['X']", own: true, indent: '' });
    expect(r[0].statement).toBeUndefined();
    expect(r[1]).toMatchObject({ kind: 'write', span: 'os.environ["Y"] = f(1)', key: 'Y', valueSpan: 'f(1)', statement: true, indent: '    ' });
    expect(r[2]).toMatchObject({ kind: 'delete', via: 'del os.environ[...]', span: "del os.environ['Z']", key: 'Z', statement: true });
    expect(r[3]).toMatchObject({ kind: 'read', via: 'os.environ.get()', span: "os.environ.get('A', 'd')", key: 'A', defaultSpan: "'d'" });
    expect(r[4]).toMatchObject({ kind: 'read', via: 'os.getenv()', span: 'os.getenv("B")', key: 'B', defaultSpan: undefined });
    expect(r).toHaveLength(5);
  });

  it('contains, copy, pop, setdefault, update, clear, putenv', () => {
    const src = [
      "import os as o",
      "a = 'X' in o.environ",
      "b = cfg.key not in o.environ",
      "c = f(k) in o.environ",
      "d = o.environ.copy(); e = dict(o.environ)",
      "o.environ.pop('P', None)",
      "o.environ.setdefault('S', '1')",
      "v = o.environ.setdefault('S', '1')",
      "o.environ.update({'U': '1'})",
      "o.environ.clear()",
      "o.putenv('Q', val)",
    ].join('\n');
    const r = env(src);
    expect(r.map((x) => x.kind)).toEqual(['contains', 'contains', 'contains', 'copy', 'copy', 'pop', 'setdefault', 'setdefault', 'update', 'clear', 'write']);
    expect(r[0]).toMatchObject({ span: "'X' in o.environ", key: 'X', keySpan: "'X'", negated: false });
    expect(r[1]).toMatchObject({ span: 'cfg.key not in o.environ', key: undefined, keySpan: 'cfg.key', negated: true });
    expect(r[2]).toMatchObject({ span: 'f(k) in o.environ', keySpan: undefined });
    expect(r[3]).toMatchObject({ span: 'o.environ.copy()', via: 'os.environ.copy()', own: true });
    expect(r[4]).toMatchObject({ span: 'dict(o.environ)', via: 'dict(os.environ)', own: false, stmt: 'e = dict(o.environ)' });
    expect(r[5]).toMatchObject({ span: "o.environ.pop('P', None)", key: 'P', defaultSpan: 'None', statement: true });
    expect(r[6]).toMatchObject({ key: 'S', defaultSpan: "'1'", statement: true });
    expect(r[7].statement).toBeUndefined();
    expect(r[8]).toMatchObject({ valueSpan: "{'U': '1'}", statement: true });
    expect(r[10]).toMatchObject({ via: 'os.putenv()', key: 'Q', valueSpan: 'val' });
  });

  it('from-imports, aliases, patch and references', () => {
    const src = [
      'from os import environ as E, getenv, path',
      "x = E['K'] + E.get('L')",
      "y = getenv('M', '0')",
      "@patch.dict(os.environ, {'A': '1'})",
      'def t():',
      "    with mock.patch.dict('os.environ', clear=True): pass",
      '    for k in os.environ: run(env=os.environ)',
      '    items = os.environ.items()',
      "    s = '''os.environ['NOPE']'''  # os.environ['NOPE2']",
      '    self.os.environ',
    ].join('\n');
    const r = env(src);
    expect(r.map((x) => [x.kind, x.span])).toEqual([
      ['import', 'environ as E'],
      ['import', 'getenv'],
      ['read', "E['K']"],
      ['read', "E.get('L')"],
      ['read', "getenv('M', '0')"],
      ['patch', "patch.dict(os.environ, {'A': '1'})"],
      ['patch', "mock.patch.dict('os.environ', clear=True)"],
      ['reference', 'os.environ'],
      ['reference', 'os.environ'],
      ['reference', 'os.environ'],
    ]);
    expect(r[0]).toMatchObject({ via: 'from os import environ', stmt: 'from os import environ as E, getenv, path' });
    expect(r[2]).toMatchObject({ via: 'environ[...]', key: 'K', raises: true });
    expect(r[4]).toMatchObject({ via: 'getenv()', key: 'M', defaultSpan: "'0'" });
    expect(r[5]).toMatchObject({ own: true, stmt: "@patch.dict(os.environ, {'A': '1'})" });
    expect(r[6]).toMatchObject({ own: true, indent: '    ' });
    expect(r[8]).toMatchObject({ own: false, stmt: 'run(env=os.environ)' });
  });

  it('never reports inside strings or comments, and handles CRLF, BOM and continuations', () => {
    expect(env("s = \"os.environ['X']\"\n# os.getenv('Y')\nt = f'{x}os.environ'\n")).toEqual([]);
    const src = "\ufeffimport os\r\nv = os.environ \\\r\n    ['K']\r\n";
    const r = env(src);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'read', span: "os.environ \\\r\n    ['K']", key: 'K' });
  });
});

describe('the tokens extractEnv visits', () => {
  // extractPythonFacts passes scanTokens' envTokens, so extractEnv visits only the tokens
  // an access can start at; visiting every token must find exactly the same.
  const both = (src: string) => {
    const ctx = buildCtx(src);
    const defs = extractDefs(ctx);
    const { envTokens } = scanTokens(ctx, defs.classes, defs.classOfStmt);
    const strip = (xs: EnvAccess[]) => JSON.parse(JSON.stringify(xs)) as unknown;
    return { some: strip(extractEnv(ctx, defs.imports, false, envTokens)), every: strip(extractEnv(ctx, defs.imports, false)), envTokens };
  };
  it.each([
    ["import os\na = os.environ['A'] + os . getenv('B')\nos.putenv('C', '1'); os.unsetenv('C')\n", 4],
    ["import os as o\nfrom os import environ, getenv\nenviron environ\nx = environ['A'] or getenv(getenv('B'))\ny.environ['C']\n", 7],
    ["from os import environ\nenviron = {}\ndef environ(): pass\nclass getenv: pass\nz = environ.get('A')\n", 2],
    ["import os\nfrom unittest import mock\n@mock.patch.dict('os.environ', {'A': '1'})\ndef t(): return (os.environ)\n", 2],
    ["import os\nif 'A' in os.environ and 'B' not in os.environ: del os.environ['C']\n", 3],
  ])('finds the same accesses as visiting every token: %j', (src, count) => {
    const { some, every, envTokens } = both(src);
    expect(envTokens.length).toBeGreaterThan(0);
    expect(some).toEqual(every);
    expect(some).toHaveLength(count);
  });
});
