import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePythonSource } from '../../../shared-rules/src/lang/python/decode';
import { extractPythonFacts } from '../../../shared-rules/src/lang/python/facts';

const sl = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);
const ORACLE = join(__dirname, 'func_lines_oracle.py');

/** [defLine, name, bodyLines] for every function, from CPython's ast. */
function oracle(paths: string[]): ([number, string, number][] | null)[] {
  const out = execFileSync('python3', [ORACLE], { input: paths.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

function oracleText(src: string): [number, string, number][] {
  const out = execFileSync('python3', ['-c', `import sys,ast\nexec(open(${JSON.stringify(ORACLE)}).read().replace("if __name__","if False and __name__"))\nt=ast.parse(sys.stdin.read())\nprint(sorted([[n.lineno-1,n.name,body_lines(n)] for n in ast.walk(t) if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef))]))`], { input: src, encoding: 'utf8' });
  return JSON.parse(out.replace(/'/g, '"'));
}

function mine(src: string): [number, string, number][] {
  return extractPythonFacts(src).functions.map((f) => [f.defLine, f.name, f.bodyLines] as [number, string, number]).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
}

describe('functions', () => {
  const src = [
    '@decorator',
    '@patch( "a.b" ,  new=1)',
    'async def outer(a, b=(1, 2)) -> int:',
    '    """Doc.',
    '    more"""',
    '    x = 1',
    '',
    '    # comment inside',
    '    def inner():',
    '        return (1,',
    '                2)',
    '    return inner  # trailing',
    '    # trailing comment',
    '',
    'def one(): return 1',
    'def doc_only():',
    '    "only a docstring"',
    'def num_doc():',
    '    42',
    '    pass',
    'class C(Base, metaclass=Meta):',
    '    def m(self):',
    '        self.x = 1',
    '        super().setUp()',
    '    class D:',
    '        def n(self): self.y.z()',
  ].join('\n');
  const f = extractPythonFacts(src);

  it('finds every def with its structure', () => {
    expect(f.functions.map((x) => x.name)).toEqual(['outer', 'inner', 'one', 'doc_only', 'num_doc', 'm', 'n']);
    const outer = f.functions[0];
    expect(outer.isAsync).toBe(true);
    expect(outer.defLine).toBe(2);
    expect(sl(src, outer.nameSpan)).toBe('outer');
    expect(sl(src, outer.paramsSpan)).toBe('a, b=(1, 2)');
    expect(sl(src, outer.span)).toMatch(/^async def outer[\s\S]*return inner$/);
    expect(outer.decorators.map((d) => [d.text, d.line, sl(src, d.span)])).toEqual([
      ['decorator', 0, 'decorator'],
      ['patch("a.b", new=1)', 1, 'patch( "a.b" ,  new=1)'],
    ]);
    expect(outer.bodyLines).toBe(7);
    expect(src.slice(outer.bodyStart, outer.bodyStart + 5)).toBe('x = 1');
    expect(outer.bodyIndent).toBe('    ');
    expect(outer.classIndex).toBe(-1);
    const inner = f.functions[1];
    expect(inner.parentFunction).toBe(0);
    expect(inner.bodyLines).toBe(2);
    expect(inner.bodyIndent).toBe('        ');
  });

  it('one-line, docstring-only and constant-first bodies', () => {
    const [, , one, docOnly, numDoc] = f.functions;
    expect([one.bodyLines, one.bodyStart, one.bodyIndent]).toEqual([1, -1, '']);
    expect(sl(src, one.span)).toBe('def one(): return 1');
    expect([docOnly.bodyLines, docOnly.bodyStart]).toEqual([0, -1]);
    expect(numDoc.bodyLines).toBe(1);
    expect(src.slice(numDoc.bodyStart, numDoc.bodyStart + 4)).toBe('pass');
  });

  it('classes, methods, self attributes and super calls', () => {
    expect(f.classes.map((c) => c.name)).toEqual(['C', 'D']);
    const [c, d] = f.classes;
    expect(c.bases.map((b) => [b.text, sl(src, b.span), !!b.keyword])).toEqual([['Base', 'Base', false], ['metaclass=Meta', 'metaclass=Meta', true]]);
    expect(sl(src, c.basesSpan)).toBe('(Base, metaclass=Meta)');
    expect(c.line).toBe(20);
    expect(c.endLine).toBe(25);
    expect(c.selfAttributes).toEqual(['x']);
    expect(c.superCalls.map((s) => [s.method, sl(src, s.span)])).toEqual([['setUp', 'super().setUp()']]);
    expect(d.parentClass).toBe(0);
    expect(d.selfAttributes).toEqual(['y']);
    expect(sl(src, d.basesSpan)).toBe('');
    expect(d.basesSpan.start).toBe(d.nameSpan.end);
    expect(f.functions[5].classIndex).toBe(0);
    expect(f.functions[6].classIndex).toBe(1);
  });

  it('matches CPython ast line counts on tricky snippets', () => {
    const snippets = [
      src,
      'def f():\n    x = """\nmulti\n"""\n    return x\n',
      'def f():\n\t"doc"\n\tif x:\n\t\ty = 1\n\telse:\n\t\ty = 2\n\n\n# after\n',
      'def f():\r\n    a = 1 + \\\r\n        2\r\n    return a\r\n',
      'def f():\r    return 1\r\rdef g(): "d"; return 2\r',
      'class A:\n    def f(self):\n        ...\n    @property\n    def g(self):\n        "d"\n        return [\n            1]\n',
      'def f():\n    (None)\n    return 1\ndef g():\n    -1\n    return 2\ndef h():\n    f"x"\n    return 3\n',
      'def f():\n    "a" "b"\n    "c"\n    x = {\n  "k": 1,\n}\n',
      'if True:\n    def f():\n        match x:\n            case 1:\n                pass\n    def g(): pass\n',
    ];
    for (const s of snippets) expect(mine(s), s).toEqual(oracleText(s));
  });

  it('matches CPython ast on a sample of stdlib files', () => {
    const dir = execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
    const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort().map((f) => join(dir, f));
    const expected = oracle(files);
    let compared = 0;
    const bad: string[] = [];
    files.forEach((p, i) => {
      if (expected[i] === null) return;
      compared++;
      const got = mine(decodePythonSource(readFileSync(p)).text);
      if (JSON.stringify(got) !== JSON.stringify(expected[i])) bad.push(p);
    });
    expect(compared).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  }, 60_000);
});

describe('imports', () => {
  const src = [
    'import a.b',
    'import a.b as c, d',
    'from m import x, y as z',
    'from m import (x,',
    '    y,)',
    'from . import x',
    'from ..a.b import c',
    'from ... import q',
    'from m import *',
    'def f():',
    '    import inner',
    'if x: import inline',
    '"import fake"  # import fake2',
  ].join('\n');
  const f = extractPythonFacts(src);
  it('parses every form', () => {
    const im = f.imports;
    expect(im.map((i) => [i.kind, i.module, i.level, i.names.map((n) => n.alias ? `${n.name} as ${n.alias}` : n.name).join(','), i.line, i.topLevel])).toEqual([
      ['import', 'a.b', 0, 'a.b', 0, true],
      ['import', 'a.b', 0, 'a.b as c', 1, true],
      ['import', 'd', 0, 'd', 1, true],
      ['from', 'm', 0, 'x,y as z', 2, true],
      ['from', 'm', 0, 'x,y', 3, true],
      ['from', '', 1, 'x', 5, true],
      ['from', 'a.b', 2, 'c', 6, true],
      ['from', '', 3, 'q', 7, true],
      ['from', 'm', 0, '*', 8, true],
      ['import', 'inner', 0, 'inner', 10, false],
      ['import', 'inline', 0, 'inline', 11, false],
    ]);
    expect(sl(src, im[1].span)).toBe('import a.b as c, d');
    expect(sl(src, im[1].moduleSpan)).toBe('a.b');
    expect(sl(src, im[1].names[0].span)).toBe('a.b as c');
    expect(sl(src, im[3].names[1].span)).toBe('y as z');
    expect(sl(src, im[4].span)).toBe('from m import (x,\n    y,)');
    expect(sl(src, im[5].moduleSpan)).toBe('.');
    expect(sl(src, im[6].moduleSpan)).toBe('..a.b');
    expect(sl(src, im[8].names[0].span)).toBe('*');
  });
});
