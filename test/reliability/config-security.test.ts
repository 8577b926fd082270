/**
 * ssot-lint.json is data: nothing in it is required, evaluated or followed outside the
 * workspace, and its regular expressions cannot hang the editor.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../shared-rules/src/config/load';
import { unsafeRegexReason } from '../../shared-rules/src/config/regex-safety';
import { runCli } from '../helpers/cli';

const REPO = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-cfg-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const parse = (config: unknown) => parseConfigText(JSON.stringify(config), '/ws/ssot-lint.json');

describe('config is data only', () => {
  it('rejects extends naming a JS file and never runs it', () => {
    const marker = path.join(tmp, 'pwned');
    fs.writeFileSync(path.join(tmp, 'evil.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');`);
    for (const ext of ['./evil.js', path.join(tmp, 'evil.js'), 'evil', '../evil.js']) {
      fs.writeFileSync(path.join(tmp, 'ssot-lint.json'), JSON.stringify({ extends: ext }));
      const { errors } = loadConfig(tmp);
      expect(errors.map((e) => e.path)).toContain('/extends');
    }
    const r = runCli(['check', '--root', tmp, tmp]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid config at \/extends/);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('keeps "__proto__" and "constructor" keys as plain data', () => {
    const { errors, config } = parseConfigText('{"__proto__": {"polluted": true}, "rules": {"constructor": "off"}}', '/ws/ssot-lint.json');
    expect(errors.length).toBeGreaterThan(0); // unknown property / unknown rule
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
  });

  it('has no eval, new Function or require of a computed path in the engine, server and CLI sources', () => {
    // The one reviewed exception: the typescript package's own file compiled with a V8 code
    // cache, as node's loader compiles it (server/src/code-cache.ts: a fixed package, a
    // cache folder that must be the user's alone). Any other line, or a change to these, fails.
    const allowed = new Set([
      'server/src/code-cache.ts: const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });',
      'server/src/code-cache.ts: (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));',
    ]);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.[cm]?[jt]s$/.test(e.name)) {
          fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
            const code = line.replace(/\/\/.*$/, '');
            // Allowed: require('literal') (the lazily loaded server module). Not allowed: eval, Function, require(expr), import(expr).
            if (/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|\brequire\s*\(\s*[^'"`\s)]|\bimport\s*\(\s*[^'"`\s)]|\bvm\.(run|compile|Script)|createRequire\s*\(/.test(code) && !allowed.has(`${path.relative(REPO, p)}: ${line.trim()}`))
              offenders.push(`${path.relative(REPO, p)}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    for (const d of ['shared-rules/src', 'server/src']) walk(path.join(REPO, d));
    expect(offenders).toEqual([]);
  });
});

describe('config paths stay inside the workspace', () => {
  it.each([
    ['include', ['../outside/**/*.py']],
    ['exclude', ['/etc/**']],
    ['sourceRoots', ['../..']],
    ['testFiles', ['C:/x/**']],
    ['productionCode', ['!../x/**']],
  ])('rejects %s = %j', (key, value) => {
    const { errors } = parse({ [key]: value });
    expect(errors.some((e) => e.path.startsWith(`/${key}`) && /inside the workspace/.test(e.message))).toBe(true);
  });
});

describe('user regular expressions cannot backtrack catastrophically', () => {
  const evil = ['(a+)+$', '^(\\w*)*$', '(x|y+){2,}', '((ab)*c)+', '(\\d+\\s?)*x', '((a)\\2)+'];
  const fine = ['^Test', '^(test_|pytest_)', '^\\w*ClickHouse\\w*Client$', '_v\\d+$', '(ab){1,1}', '(a?)?', '#\\s*(mock\\s+)?justification\\s*:', '[(]+'];

  it('flags nested quantifiers and repeated backreferences, accepts ordinary patterns', () => {
    for (const p of evil) expect(unsafeRegexReason(p), p).toBeDefined();
    for (const p of fine) expect(unsafeRegexReason(p), p).toBeUndefined();
    expect(unsafeRegexReason('(unclosed')).toMatch(/not a valid regular expression/);
  });

  it.each([
    ['test-base-class', { testClassPattern: '(a+)+$' }, '/rules/test-base-class/options/testClassPattern'],
    ['function-size', { testFunctionPattern: '^(test_+)*$' }, '/rules/function-size/options/testFunctionPattern'],
    ['duplicate-definition', { allow: ['^_', '(\\w+)+Mixin'] }, '/rules/duplicate-definition/options/allow/1'],
    ['mock-justification', { justifications: ['(#\\s*)+ok'] }, '/rules/mock-justification/options/justifications/0'],
    ['legacy-file-name', { patterns: ['(_v\\d+)+$'] }, '/rules/legacy-file-name/options/patterns/0'],
  ])('rejects an unsafe %s option with a located config error', (rule, options, pointer) => {
    const { errors } = parse({ rules: { [rule]: { options } } });
    expect(errors.map((e) => [e.path, e.message])).toEqual([[pointer, expect.stringMatching(/backtrack/)]]);
  });

  it('an accepted pattern runs fast on a 100 KB adversarial name', () => {
    const t0 = performance.now();
    for (const p of fine) new RegExp(p).test('a'.repeat(100_000) + '!');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
