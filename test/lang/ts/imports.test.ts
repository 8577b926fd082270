import { describe, expect, it } from 'vitest';
import { facts, sliced } from './helpers';

describe('TS imports', () => {
  it('ES imports are kind from, with default/namespace/named names and exact spans', () => {
    const text = [
      "import React, { useState as us, type FC } from 'react';",
      "import * as path from 'node:path';",
      "import './side-effect.css';",
      "import type { T } from './types';",
      '',
    ].join('\n');
    expect(sliced(text, facts(text).imports)).toEqual([
      {
        kind: 'from', module: 'react', level: 0, line: 0, topLevel: true,
        names: [
          { name: 'default', alias: 'React', span: 'React' },
          { name: 'useState', alias: 'us', span: 'useState as us' },
          { name: 'FC', span: 'type FC' },
        ],
        span: "import React, { useState as us, type FC } from 'react';",
        moduleSpan: "'react'",
      },
      {
        kind: 'from', module: 'node:path', level: 0, line: 1, topLevel: true,
        names: [{ name: '*', alias: 'path', span: '* as path' }],
        span: "import * as path from 'node:path';",
        moduleSpan: "'node:path'",
      },
      { kind: 'from', module: './side-effect.css', level: 0, line: 2, topLevel: true, names: [], span: "import './side-effect.css';", moduleSpan: "'./side-effect.css'" },
      {
        kind: 'from', module: './types', level: 0, line: 3, topLevel: true, typeOnly: true,
        names: [{ name: 'T', span: 'T' }],
        span: "import type { T } from './types';",
        moduleSpan: "'./types'",
      },
    ]);
  });

  it('re-exports are kind export-from', () => {
    const text = "export { a, b as c } from './m';\nexport * from \"./all\";\nexport * as ns from './ns';\nexport type { T } from './t';\nexport { local };\n";
    expect(sliced(text, facts(text).imports)).toEqual([
      { kind: 'export-from', module: './m', level: 0, line: 0, topLevel: true, names: [{ name: 'a', span: 'a' }, { name: 'b', alias: 'c', span: 'b as c' }], span: "export { a, b as c } from './m';", moduleSpan: "'./m'" },
      { kind: 'export-from', module: './all', level: 0, line: 1, topLevel: true, names: [{ name: '*', span: '*' }], span: 'export * from "./all";', moduleSpan: '"./all"' },
      { kind: 'export-from', module: './ns', level: 0, line: 2, topLevel: true, names: [{ name: '*', alias: 'ns', span: '* as ns' }], span: "export * as ns from './ns';", moduleSpan: "'./ns'" },
      { kind: 'export-from', module: './t', level: 0, line: 3, topLevel: true, typeOnly: true, names: [{ name: 'T', span: 'T' }], span: "export type { T } from './t';", moduleSpan: "'./t'" },
    ]);
  });

  it('require, import = require and dynamic import are kind require; topLevel only outside functions and blocks', () => {
    const text = [
      "const fs = require('fs');",
      "const { join, resolve: r } = require('path');",
      "import cp = require('child_process');",
      'async function load() {',
      "  const mod = await import('./lazy');",
      "  return require('./inner').x;",
      '}',
      "if (dev) require('./dev');",
      "const later = () => import(`./tpl`);",
      "require.resolve('not-an-import');",
      'require(name);',
    ].join('\n');
    expect(sliced(text, facts(text).imports)).toEqual([
      { kind: 'require', module: 'fs', level: 0, line: 0, topLevel: true, names: [{ name: '*', alias: 'fs', span: 'fs' }], span: "const fs = require('fs');", moduleSpan: "'fs'" },
      {
        kind: 'require', module: 'path', level: 0, line: 1, topLevel: true,
        names: [{ name: 'join', span: 'join' }, { name: 'resolve', alias: 'r', span: 'resolve: r' }],
        span: "const { join, resolve: r } = require('path');", moduleSpan: "'path'",
      },
      { kind: 'require', module: 'child_process', level: 0, line: 2, topLevel: true, names: [{ name: '*', alias: 'cp', span: 'cp' }], span: "import cp = require('child_process');", moduleSpan: "'child_process'" },
      { kind: 'require', module: './lazy', level: 0, line: 4, topLevel: false, names: [{ name: '*', alias: 'mod', span: 'mod' }], span: "const mod = await import('./lazy');", moduleSpan: "'./lazy'" },
      { kind: 'require', module: './inner', level: 0, line: 5, topLevel: false, names: [], span: "require('./inner')", moduleSpan: "'./inner'" },
      { kind: 'require', module: './dev', level: 0, line: 7, topLevel: false, names: [], span: "require('./dev')", moduleSpan: "'./dev'" },
      { kind: 'require', module: './tpl', level: 0, line: 8, topLevel: false, names: [], span: 'import(`./tpl`)', moduleSpan: '`./tpl`' },
    ]);
  });

  it('imports inside `declare module` are not top level', () => {
    const text = "declare module 'x' {\n  import { Y } from 'y';\n}\n";
    expect(facts(text).imports.map((i) => [i.module, i.topLevel])).toEqual([['y', false]]);
  });

  it('works the same in .js, .mjs, .cjs and .tsx files', () => {
    for (const name of ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.tsx']) {
      const text = "import x from 'x';\nconst y = require('y');\n";
      const f = facts(text, name);
      expect(f.imports.map((i) => [i.kind, i.module])).toEqual([['from', 'x'], ['require', 'y']]);
      expect(f.language).toBe(name.includes('ts') ? 'typescript' : 'javascript');
    }
    for (const [name, lang] of [['a.ts', 'typescript'], ['a.mts', 'typescript'], ['a.cts', 'typescript'], ['a.d.ts', 'typescript'], ['a.mjs', 'javascript']]) {
      expect(facts('', name).language).toBe(lang);
    }
  });
});
