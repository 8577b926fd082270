import { describe, expect, it } from 'vitest';
import { facts, sliced } from './helpers';

const env = (text: string, name = 'file.ts') => sliced(text, facts(text, name).envAccesses);

describe('TS environment access', () => {
  it('reads process.env.X and process.env[\'X\'] with key, keySpan and the enclosing statement', () => {
    const text = "function f() {\n  const a = process.env.API_URL;\n  return g(process.env['SECRET'], process.env[name]);\n}\n";
    expect(env(text)).toEqual([
      { kind: 'read', via: 'process.env.X', span: 'process.env.API_URL', key: 'API_URL', keySpan: 'API_URL', stmtSpan: 'const a = process.env.API_URL;', stmtOwnLine: true, indent: '  ' },
      { kind: 'read', via: "process.env['X']", span: "process.env['SECRET']", key: 'SECRET', keySpan: "'SECRET'", stmtSpan: "return g(process.env['SECRET'], process.env[name]);", stmtOwnLine: true, indent: '  ' },
      { kind: 'read', via: 'process.env[...]', span: 'process.env[name]', keySpan: 'name', stmtSpan: "return g(process.env['SECRET'], process.env[name]);", stmtOwnLine: true, indent: '  ' },
    ]);
  });

  it('a default after ?? or || is the defaultSpan; the span stays the access', () => {
    const text = "const p = process.env.PORT ?? '3000', q = process.env.Q || `x`;";
    expect(env(text)).toEqual([
      { kind: 'read', via: 'process.env.X', span: 'process.env.PORT', key: 'PORT', keySpan: 'PORT', defaultSpan: "'3000'", stmtSpan: text, stmtOwnLine: true, indent: '' },
      { kind: 'read', via: 'process.env.X', span: 'process.env.Q', key: 'Q', keySpan: 'Q', defaultSpan: '`x`', stmtSpan: text, stmtOwnLine: true, indent: '' },
    ]);
  });

  it('finds the object through process[\'env\'], globalThis.process, casts and imports of process', () => {
    const text = [
      "import proc from 'node:process';",
      "import * as P from 'process';",
      "import { env as E, cwd } from 'process';",
      "use(process['env'].A, globalThis.process.env.B, (process.env as any).C, process!.env.D, process?.env?.E);",
      "use(proc.env.F, P.env.G, E.H, E['I']);",
    ].join('\n');
    const got = facts(text).envAccesses;
    expect(got.map((a) => [a.kind, a.key, text.slice(a.span.start, a.span.end)])).toEqual([
      ['import', undefined, 'env as E'],
      ['read', 'A', "process['env'].A"],
      ['read', 'B', 'globalThis.process.env.B'],
      ['read', 'C', '(process.env as any).C'],
      ['read', 'D', 'process!.env.D'],
      ['read', 'E', 'process?.env?.E'],
      ['read', 'F', 'proc.env.F'],
      ['read', 'G', 'P.env.G'],
      ['read', 'H', 'E.H'],
      ['read', 'I', "E['I']"],
    ]);
    // The import access shares its span with the ImportedName, so a fix can remove exactly that name.
    const imp = facts(text).imports[2];
    expect(imp.names[0].span).toEqual(got[0].span);
    expect(sliced(text, got[0])).toEqual({ kind: 'import', via: "import { env } from 'process'", span: 'env as E', stmtSpan: "import { env as E, cwd } from 'process';", stmtOwnLine: true, indent: '' });
  });

  it('require of process binds aliases too', () => {
    const text = "const { env: e } = require('process');\nconst p = require('node:process');\nx(e.A, p.env.B);\n";
    expect(facts(text, 'a.cjs').envAccesses.map((a) => [a.kind, a.key])).toEqual([['read', 'A'], ['read', 'B']]);
  });

  it('writes and deletes as statements span the statement; inside expressions they span the expression', () => {
    const text = "    process.env.NODE_ENV = 'test';\ndelete process.env['X'];\nconst v = (process.env.Y = 'y');\nprocess.env.Z ??= 'z'; if (ok) delete process.env.W;\n";
    expect(env(text)).toEqual([
      { kind: 'write', via: 'process.env.X = ...', span: "process.env.NODE_ENV = 'test';", key: 'NODE_ENV', keySpan: 'NODE_ENV', valueSpan: "'test'", statement: true, stmtSpan: "process.env.NODE_ENV = 'test';", stmtOwnLine: true, indent: '    ' },
      { kind: 'delete', via: "delete process.env['X']", span: "delete process.env['X'];", key: 'X', keySpan: "'X'", statement: true, stmtSpan: "delete process.env['X'];", stmtOwnLine: true, indent: '' },
      { kind: 'write', via: 'process.env.X = ...', span: "process.env.Y = 'y'", key: 'Y', keySpan: 'Y', valueSpan: "'y'", stmtSpan: "const v = (process.env.Y = 'y');", stmtOwnLine: true, indent: '' },
      { kind: 'write', via: 'process.env.X = ...', span: "process.env.Z ??= 'z';", key: 'Z', keySpan: 'Z', valueSpan: "'z'", statement: true, stmtSpan: "process.env.Z ??= 'z';", stmtOwnLine: true, indent: '' },
      { kind: 'delete', via: 'delete process.env.X', span: 'delete process.env.W;', key: 'W', keySpan: 'W', statement: true, stmtSpan: 'delete process.env.W;', stmtOwnLine: false, indent: '' },
    ]);
  });

  it("'X' in process.env is contains (negated under !), as are hasOwn forms", () => {
    const text = "if ('A' in process.env && !('B' in process.env)) x(Object.hasOwn(process.env, 'C'), process.env.hasOwnProperty('D'));";
    // The call is the if's own (nested) statement, which does not start its line.
    const body = "x(Object.hasOwn(process.env, 'C'), process.env.hasOwnProperty('D'));";
    expect(env(text)).toEqual([
      { kind: 'contains', via: "'X' in process.env", span: "'A' in process.env", key: 'A', keySpan: "'A'", stmtSpan: text, stmtOwnLine: true, indent: '' },
      { kind: 'contains', via: "'X' in process.env", span: "!('B' in process.env)", key: 'B', keySpan: "'B'", negated: true, stmtSpan: text, stmtOwnLine: true, indent: '' },
      { kind: 'contains', via: "Object.hasOwn(process.env, 'X')", span: "Object.hasOwn(process.env, 'C')", key: 'C', keySpan: "'C'", stmtSpan: body, stmtOwnLine: false, indent: '' },
      { kind: 'contains', via: "process.env.hasOwnProperty('X')", span: "process.env.hasOwnProperty('D')", key: 'D', keySpan: "'D'", stmtSpan: body, stmtOwnLine: false, indent: '' },
    ]);
  });

  it('destructuring gives one read per key spanning the whole statement; a rest element is a copy', () => {
    const text = "  const { A, B: b, C = 'd', 'E-F': ef, ...rest } = process.env;\n";
    const stmt = "const { A, B: b, C = 'd', 'E-F': ef, ...rest } = process.env;";
    const common = { via: 'destructuring from process.env', span: stmt, statement: true, stmtSpan: stmt, stmtOwnLine: true, indent: '  ' };
    expect(env(text)).toEqual([
      { kind: 'read', ...common, key: 'A', keySpan: 'A' },
      { kind: 'read', ...common, key: 'B', keySpan: 'B' },
      { kind: 'read', ...common, key: 'C', keySpan: 'C', defaultSpan: "'d'" },
      { kind: 'read', ...common, key: 'E-F', keySpan: "'E-F'" },
      { kind: 'copy', ...common },
    ]);
  });

  it('destructuring one of several declarations spans that declaration only', () => {
    const text = 'let x = 1, { A } = process.env;';
    expect(env(text)).toEqual([{ kind: 'read', via: 'destructuring from process.env', span: '{ A } = process.env', key: 'A', keySpan: 'A', stmtSpan: text, stmtOwnLine: true, indent: '' }]);
  });

  it('spreads and Object.assign copies are copy; Object.assign onto process.env is update; other uses are reference', () => {
    const text = [
      'const a = { ...process.env, X: 1 };',
      'const b = Object.assign({}, process.env);',
      "Object.assign(process.env, { A: '1' }, more);",
      'const c = structuredClone(process.env);',
      'spawn(cmd, { env: process.env });',
      'for (const k of Object.keys(process.env)) {}',
    ].join('\n');
    expect(env(text)).toEqual([
      { kind: 'copy', via: '{ ...process.env }', span: '...process.env', stmtSpan: 'const a = { ...process.env, X: 1 };', stmtOwnLine: true, indent: '' },
      { kind: 'copy', via: 'Object.assign(..., process.env)', span: 'Object.assign({}, process.env)', stmtSpan: 'const b = Object.assign({}, process.env);', stmtOwnLine: true, indent: '' },
      { kind: 'update', via: 'Object.assign(process.env, ...)', span: "Object.assign(process.env, { A: '1' }, more)", valueSpan: "{ A: '1' }, more", stmtSpan: "Object.assign(process.env, { A: '1' }, more);", stmtOwnLine: true, indent: '' },
      { kind: 'copy', via: 'structuredClone(process.env)', span: 'structuredClone(process.env)', stmtSpan: 'const c = structuredClone(process.env);', stmtOwnLine: true, indent: '' },
      { kind: 'reference', via: 'process.env', span: 'process.env', stmtSpan: 'spawn(cmd, { env: process.env });', stmtOwnLine: true, indent: '' },
      { kind: 'reference', via: 'process.env', span: 'process.env', stmtSpan: 'for (const k of Object.keys(process.env)) {}', stmtOwnLine: true, indent: '' },
    ]);
  });

  it('import.meta.env (Vite) reads and references', () => {
    const text = "const u = import.meta.env.VITE_API + import.meta.env['MODE'];\nlog(import.meta.env);\n";
    expect(env(text).map((a) => { const x = a as Record<string, unknown>; return [x.kind, x.via, x.span, x.key]; })).toEqual([
      ['read', 'import.meta.env.X', 'import.meta.env.VITE_API', 'VITE_API'],
      ['read', "import.meta.env['X']", "import.meta.env['MODE']", 'MODE'],
      ['reference', 'import.meta.env', 'import.meta.env', undefined],
    ]);
  });

  it('JSX attributes and children in .tsx and .jsx', () => {
    const text = 'export const C = () => (\n  <a href={process.env.NEXT_PUBLIC_URL} {...process.env}>\n    {process.env.LABEL} process.env.NOT_CODE\n  </a>\n);\n';
    for (const name of ['c.tsx', 'c.jsx', 'c.js']) {
      expect(env(text, name).map((a) => { const x = a as Record<string, unknown>; return [x.kind, x.span]; })).toEqual([
        ['read', 'process.env.NEXT_PUBLIC_URL'],
        ['copy', '{...process.env}'],
        ['read', 'process.env.LABEL'],
      ]);
    }
  });

  it('class fields and .mjs/.cjs files', () => {
    const text = 'class S {\n  url = process.env.URL;\n}\nmodule.exports = { port: process.env.PORT };\n';
    for (const name of ['s.mjs', 's.cjs', 's.ts']) {
      expect(env(text, name)).toEqual([
        { kind: 'read', via: 'process.env.X', span: 'process.env.URL', key: 'URL', keySpan: 'URL', stmtSpan: 'url = process.env.URL;', stmtOwnLine: true, indent: '  ' },
        { kind: 'read', via: 'process.env.X', span: 'process.env.PORT', key: 'PORT', keySpan: 'PORT', stmtSpan: 'module.exports = { port: process.env.PORT };', stmtOwnLine: true, indent: '' },
      ]);
    }
  });

  it('strings, comments, templates and types that mention process.env give nothing', () => {
    const text = [
      "const s = 'process.env.A' + \"process.env['B']\";",
      'const t = `process.env.C ${1}`;',
      '// process.env.D',
      '/* process.env.E */',
      'type Env = typeof process.env;',
      'const re = /process.env.F/;',
      'const o = { env: 1 }; o.env; other.process.env; process.envy; myprocess.env.X;',
    ].join('\n');
    expect(facts(text).envAccesses).toEqual([]);
    expect(facts(text.replace('const t', 'const u'), 'x.tsx').envAccesses).toEqual([]);
  });
});
