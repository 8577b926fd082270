import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRequire } from 'module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Ajv from 'ajv';
import { loadConfig, parseConfigText, resolveConfig, toUserConfig, SCHEMA_PATH } from '../../shared-rules/src/config/load';
import { configValidatorSource, WORKSPACE_PATH_KEYWORD } from '../../shared-rules/src/config/validator-codegen';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { nonePreset } from '../../shared-rules/src/config/presets/none';
import { DEFAULT_SEVERITY, KNOWN_RULES, defaultRuleOptions, DEFAULT_TEST_FILES } from '../../shared-rules/src/config/defaults';
import type { ConfigError } from '../../shared-rules/src/config/types';

const F = '/ws/ssot-lint.json';
const errorsOf = (text: string) => parseConfigText(text, F).errors;
const err = (p: string, message: string, line: number, column: number, start: number, end: number): ConfigError => ({ file: F, path: p, message, line, column, start, end });
const SEV = '"off", "error", "warning", "info", "hint"';

const tmpDirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-config-'));
  tmpDirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('schema', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
  const ruleSchemas = schema.properties.rules.properties;

  it('compiles in Ajv strict mode against its meta-schema (runs compile it leniently, for speed)', () => {
    const strict = () => new Ajv({ allErrors: true, strict: true }).addKeyword({ ...WORKSPACE_PATH_KEYWORD });
    expect(() => strict().compile(schema)).not.toThrow();
    // What strict mode catches that a lenient compile lets through: a misspelt keyword.
    const misspelt = { ...schema, properties: { ...schema.properties, x: { type: 'string', minLenght: 1 } } };
    expect(() => strict().compile(misspelt)).toThrow('strict mode: unknown keyword: "minLenght"');
  });

  it('validates with the code Ajv generates from it (after a schema change: vitest -u writes it)', async () => {
    await expect(configValidatorSource(schema)).toMatchFileSnapshot('../../shared-rules/src/config/schema-validator.generated.ts');
  });

  it('accepts the presets rendered as user config', () => {
    for (const preset of [netraPreset(), nonePreset()]) {
      const r = parseConfigText(JSON.stringify(toUserConfig(preset), null, 2), F);
      expect(r.errors).toEqual([]);
      expect(r.config).toEqual({ ...preset, source: F });
    }
  });

  it('lists exactly the known rules, with the presets\' defaults', () => {
    expect(Object.keys(ruleSchemas)).toEqual([...KNOWN_RULES]);
    const opts = defaultRuleOptions();
    for (const id of KNOWN_RULES) {
      expect(ruleSchemas[id].default).toBe(DEFAULT_SEVERITY[id]);
      expect(ruleSchemas[id].else.properties.options.default).toEqual(opts[id]);
      for (const [k, v] of Object.entries(ruleSchemas[id].else.properties.options.properties ?? {}))
        expect((v as { default: unknown }).default, `${id}.${k}`).toEqual(opts[id][k]);
    }
    const ts = ruleSchemas['env-access'].else.properties.options.properties.typescript.properties;
    expect(ts.keys.default.NEXT_PUBLIC_WS_URL).toBe('getUnifiedApiConfig().urls.websocket');
    expect(schema.properties.testFiles.default).toEqual([...DEFAULT_TEST_FILES]);
  });

  it('has a description and a default on every property, and closes every object', () => {
    const missing: string[] = [];
    const walk = (node: Record<string, unknown>, at: string) => {
      const props = node.properties as Record<string, Record<string, unknown>> | undefined;
      if (props) {
        if (node.additionalProperties !== false) missing.push(`${at}: additionalProperties`);
        for (const [k, v] of Object.entries(props)) {
          if (typeof v.description !== 'string') missing.push(`${at}/${k}: description`);
          if (!('default' in v)) missing.push(`${at}/${k}: default`);
          walk(v, `${at}/${k}`);
        }
      }
      if (node.else) walk(node.else as Record<string, unknown>, at);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});

describe('loadConfig', () => {
  it('uses the netra preset when there is no ssot-lint.json', () => {
    const r = loadConfig(tmp());
    expect(r).toEqual({ config: netraPreset(), errors: [] });
    expect(r.config.source).toBe('preset:netra');
  });

  it('reads ssot-lint.json at the root', () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'ssot-lint.json'), '{"extends": "none", "failOn": "error"}');
    const r = loadConfig(root);
    expect(r.errors).toEqual([]);
    expect(r.config).toEqual({ ...nonePreset(), source: path.join(root, 'ssot-lint.json'), failOn: 'error' });
  });

  it('reports a missing explicit config file and falls back', () => {
    const root = tmp();
    const r = loadConfig(root, { configPath: 'cfg/x.json' });
    expect(r.config).toEqual(netraPreset());
    expect(r.errors).toEqual([{ file: path.join(root, 'cfg/x.json'), path: '', message: 'config file not found', line: 1, column: 1, start: 0, end: 0 }]);
  });

  it('reads an explicit config path and reports a directory in place of the file', () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'other.json'), '{"maxFileBytes": 1000}');
    expect(loadConfig(root, { configPath: 'other.json' }).config.maxFileBytes).toBe(1000);
    fs.mkdirSync(path.join(root, 'ssot-lint.json'));
    expect(loadConfig(root).errors.map((e) => e.message)).toEqual(['config file is a directory']);
  });

  it('returns the caller\'s last good config on error', () => {
    const root = tmp();
    const good = { ...netraPreset(), source: 'last-good', failOn: 'error' as const };
    fs.writeFileSync(path.join(root, 'ssot-lint.json'), '{"failOn": 1}');
    const r = loadConfig(root, { fallback: good });
    expect(r.config).toBe(good);
    expect(r.errors).toHaveLength(1);
  });

  it('falls back to the preset the broken file names', () => {
    const r = parseConfigText('{"extends": "none", "failOn": "never"}', F);
    expect(r.config).toEqual(nonePreset());
    expect(r.user).toBeUndefined();
  });
});

describe('invalid configs give exact errors', () => {
  const cases: [string, string, ConfigError[]][] = [
    ['bad severity', '{\n  "rules": {\n    "env-access": "fatal"\n  }\n}', [
      err('/rules/env-access', `rules.env-access must be one of ${SEV} (got "fatal")`, 3, 19, 33, 40)]],
    ['unknown rule id, located on the key', '{"rules": {"env-acess": "off"}}', [
      err('/rules/env-acess', 'unknown rule "env-acess" (did you mean "env-access"?); known rules: "env-access", "test-base-class", "file-size", "test-file-size", "function-size", "relative-import", "invalid-suppression", "canonical-module", "duplicate-definition", "service-boundary", "canonical-imports-exist", "mock-justification", "direct-test-runner", "legacy-file-name", "hardcoded-address", "suppression-unused", "inheritance-depth"', 1, 12, 11, 22)]],
    ['unknown option', '{"rules": {"file-size": {"options": {"maxLine": 400}}}}', [
      err('/rules/file-size/options/maxLine', 'unknown option "maxLine" in rules.file-size.options (did you mean "maxLines"?); allowed: "maxLines"', 1, 38, 37, 46)]],
    ['option on an option-less rule', '{"rules": {"relative-import": {"options": {"x": 1}}}}', [
      err('/rules/relative-import/options/x', 'rules.relative-import.options: this rule has no options (got "x")', 1, 44, 43, 46)]],
    ['unknown key in a rule object', '{"rules": {"file-size": {"level": "error"}}}', [
      err('/rules/file-size/level', 'unknown property "level" in rules.file-size; allowed: "severity", "include", "exclude", "options"', 1, 26, 25, 32)]],
    ['threshold below minimum', '{"rules": {"file-size": {"options": {"maxLines": 0}}}}', [
      err('/rules/file-size/options/maxLines', 'rules.file-size.options.maxLines must be >= 1 (got 0)', 1, 50, 49, 50)]],
    ['rule setting of the wrong type', '{"rules": {"file-size": 3}}', [
      err('/rules/file-size', `rules.file-size must be a severity (${SEV}) or an object with severity, include, exclude, options (got 3)`, 1, 25, 24, 25)]],
    ['string where a list is expected', '{"include": "src"}', [
      err('/include', 'include must be an array (got the string "src")', 1, 13, 12, 17)]],
    ['off is not a failOn level', '{"failOn": "off"}', [
      err('/failOn', 'failOn must be one of "error", "warning", "info", "hint" (got "off")', 1, 12, 11, 16)]],
    ['non-integer size', '{"maxFileBytes": 1.5}', [
      err('/maxFileBytes', 'maxFileBytes must be an integer (got the number 1.5)', 1, 18, 17, 20)]],
    ['unknown preset', '{"extends": "netra2"}', [
      err('/extends', 'extends must be one of "netra", "none" (got "netra2")', 1, 13, 12, 20)]],
    ['unknown top-level key', '{"includes": []}', [
      err('/includes', 'unknown property "includes" in the config (did you mean "include"?); allowed: "$schema", "extends", "include", "exclude", "sourceRoots", "productionCode", "testFiles", "failOn", "maxFileBytes", "rules"', 1, 2, 1, 11)]],
    ['not an object', '[]', [err('', 'the config must be an object (got an array)', 1, 1, 0, 2)]],
    ['empty glob', '{"testFiles": [""]}', [err('/testFiles/0', 'testFiles[0] must not be empty', 1, 16, 15, 17)]],
    ['several errors, in file order', '{"failOn": "x",\n "rules": {"function-size": {"severity": "err", "options": {"testFunctionMaxLines": "8"}}}}', [
      err('/failOn', 'failOn must be one of "error", "warning", "info", "hint" (got "x")', 1, 12, 11, 14),
      err('/rules/function-size/severity', `rules.function-size.severity must be one of ${SEV} (got "err")`, 2, 42, 57, 62),
      err('/rules/function-size/options/testFunctionMaxLines', 'rules.function-size.options.testFunctionMaxLines must be an integer (got the string "8")', 2, 85, 100, 103)]],
    ['env-access option shapes', '{"rules": {"env-access": {"options": {"python": {"module": "shared/x.py"}, "typescript": {"keys": {"A-B": "x", "OK": 3}, "fallbackAccessor": "getEnv()"}}}}}', [
      err('/rules/env-access/options/python/module', 'rules.env-access.options.python.module must be a dotted Python module name such as "shared.isolated_environment" (got "shared/x.py")', 1, 60, 59, 72),
      err('/rules/env-access/options/typescript/keys/A-B', 'rules.env-access.options.typescript.keys: "A-B" is not a valid environment variable name (letters, digits and _, not starting with a digit)', 1, 100, 99, 104),
      err('/rules/env-access/options/typescript/keys/OK', 'rules.env-access.options.typescript.keys.OK must be a string (got the integer 3)', 1, 118, 117, 118),
      err('/rules/env-access/options/typescript/fallbackAccessor', 'rules.env-access.options.typescript.fallbackAccessor must contain "{key}" where the variable name goes (got "getEnv()")', 1, 142, 141, 151)]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

describe('paths must stay inside the workspace', () => {
  it('rejects .. segments and absolute paths wherever a path is configured', () => {
    const text = JSON.stringify({
      include: ['ok/**', '../x/**', '/abs', 'C:/x'],
      exclude: ['a/../../b'],
      sourceRoots: ['..'],
      productionCode: ['!/etc/**'],
      testFiles: ['..\\x'],
      rules: {
        'file-size': { include: ['/r'], exclude: ['../r'] },
        'env-access': { options: { python: { canonicalFiles: ['/x.py'] }, typescript: { module: '../lib/c.ts', canonicalFiles: ['D:\\c.ts'] } } },
      },
    });
    const got = errorsOf(text).map((e) => [e.path, e.message, text.slice(e.start, e.end)]);
    const dd = '".." segments are not allowed';
    const ab = 'absolute paths are not allowed';
    expect(got).toEqual([
      ['/include/1', `include[1] must stay inside the workspace: ${dd} (got "../x/**")`, '"../x/**"'],
      ['/include/2', `include[2] must stay inside the workspace: ${ab} (got "/abs")`, '"/abs"'],
      ['/include/3', `include[3] must stay inside the workspace: ${ab} (got "C:/x")`, '"C:/x"'],
      ['/exclude/0', `exclude[0] must stay inside the workspace: ${dd} (got "a/../../b")`, '"a/../../b"'],
      ['/sourceRoots/0', `sourceRoots[0] must stay inside the workspace: ${dd} (got "..")`, '".."'],
      ['/productionCode/0', `productionCode[0] must stay inside the workspace: ${ab} (got "!/etc/**")`, '"!/etc/**"'],
      ['/testFiles/0', `testFiles[0] must stay inside the workspace: ${dd} (got "..\\\\x")`, '"..\\\\x"'],
      ['/rules/file-size/include/0', `rules.file-size.include[0] must stay inside the workspace: ${ab} (got "/r")`, '"/r"'],
      ['/rules/file-size/exclude/0', `rules.file-size.exclude[0] must stay inside the workspace: ${dd} (got "../r")`, '"../r"'],
      ['/rules/env-access/options/python/canonicalFiles/0', `rules.env-access.options.python.canonicalFiles[0] must stay inside the workspace: ${ab} (got "/x.py")`, '"/x.py"'],
      ['/rules/env-access/options/typescript/module', `rules.env-access.options.typescript.module must stay inside the workspace: ${dd} (got "../lib/c.ts")`, '"../lib/c.ts"'],
      ['/rules/env-access/options/typescript/canonicalFiles/0', `rules.env-access.options.typescript.canonicalFiles[0] must stay inside the workspace: ${ab} (got "D:\\\\c.ts")`, '"D:\\\\c.ts"'],
    ]);
  });

  it('allows names that merely contain dots', () => {
    expect(errorsOf('{"include": ["a..b/**", "..x", "./src/**", "**/.venv2/**"]}')).toEqual([]);
  });
});

describe('JSON syntax errors carry their position', () => {
  const cases: [string, string, [string, number, number, number, number][]][] = [
    ['trailing comma', '{"a": 1,}', [['invalid JSON: trailing comma', 1, 8, 7, 8]]],
    ['trailing comma in a list, on line 2', '{"include": ["a",\n  ]}', [['invalid JSON: trailing comma', 1, 17, 16, 17]]],
    ['missing comma', '{"failOn": "error"\n "maxFileBytes": 2}', [["invalid JSON: ',' expected", 2, 2, 20, 34]]],
    ['single quotes', "{'a': 1}", [['invalid JSON: property names must be double-quoted strings', 1, 2, 1, 4]]],
    ['unquoted key', '{\n  a: 1}', [['invalid JSON: property names must be double-quoted strings', 2, 3, 4, 5]]],
    ['single-quoted value', `{"failOn": 'error'}`, [['invalid JSON: strings must be double-quoted, with valid escapes and no raw control characters', 1, 12, 11, 18]]],
    ['bad escape', '{"failOn": "err\\q"}', [['invalid JSON: strings must be double-quoted, with valid escapes and no raw control characters', 1, 12, 11, 18]]],
    ['comment', '// hi\n{}', [['invalid JSON: comments are not allowed', 1, 1, 0, 5]]],
    ['block comment', '{"a": /* x */ 1}', [['invalid JSON: comments are not allowed', 1, 7, 6, 13]]],
    ['empty file', '', [['the config file is empty: expected a JSON object such as {}', 1, 1, 0, 0]]],
    ['whitespace only', ' \n ', [['the config file is empty: expected a JSON object such as {}', 1, 1, 0, 3]]],
    ['hex number', '{"maxFileBytes": 0x10}', [['invalid JSON: 0x10 is not a JSON number', 1, 18, 17, 21]]],
    ['leading plus', '{"maxFileBytes": +1}', [['invalid JSON: expected a string, number, object, array, true, false or null', 1, 18, 17, 19]]],
    ['missing value', '{"a": }', [['invalid JSON: Expression expected', 1, 7, 6, 7]]],
    ['unterminated object', '{"a": 1', [["invalid JSON: '}' expected", 1, 8, 7, 7]]],
    ['two values', '{}\n{}', [['invalid JSON: Unexpected token', 2, 1, 3, 4]]],
    ['duplicate key', '{"include": ["a"], "include": ["b"]}', [['duplicate property "include"', 1, 20, 19, 28]]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(errorsOf(text).map((e) => [e.message, e.line, e.column, e.start, e.end])).toEqual(expected);
  });

  it('counts columns in UTF-16 code units after CRLF line ends', () => {
    expect(errorsOf('{\r\n  "é€": 1,\r\n}').map((e) => [e.line, e.column, e.start])).toEqual([[2, 10, 12]]);
    expect(errorsOf('{\r\n  "😀": 1,\r\n}').map((e) => [e.line, e.column, e.start])).toEqual([[2, 10, 12]]);
  });

  it('accepts a byte order mark', () => {
    expect(errorsOf('\uFEFF{"failOn": "error"}')).toEqual([]);
  });

  it('never throws on any prefix of a valid config', () => {
    const text = JSON.stringify(toUserConfig(netraPreset()), null, 1);
    for (let i = 0; i < text.length; i += 7) {
      const r = parseConfigText(text.slice(0, i), F);
      expect(r.errors.length, `prefix ${i}`).toBeGreaterThan(0);
      expect(r.config).toEqual(netraPreset());
    }
  });

  it('keeps a "__proto__" key as data', () => {
    const r = parseConfigText('{"rules": {"env-access": {"options": {"typescript": {"keys": {"__proto__": "x"}}}}}}', F);
    expect(r.errors).toEqual([]);
    const keys = (r.config.rules['env-access'].options.typescript as { keys: Record<string, string> }).keys;
    expect(Object.prototype.hasOwnProperty.call(keys, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(keys)).toBe(Object.prototype);
    expect(Object.entries(keys)).toEqual([['__proto__', 'x']]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('a valid config is read without the TypeScript compiler', () => {
  it('plain JSON that validates loads no compiler; a repeated key, or anything wrong, is located with it', async () => {
    // Fresh modules: this file's other tests have loaded the compiler already.
    vi.resetModules();
    const compiler = await import('../../shared-rules/src/lang/ts/compiler');
    const fresh = await import('../../shared-rules/src/config/load');
    let loads = 0;
    compiler.setTypeScriptLoader((from) => {
      loads++;
      return createRequire(from)('typescript');
    });
    const read = (text: string) => fresh.parseConfigText(text, F);
    const valid = [
      JSON.stringify(toUserConfig(netraPreset()), null, 2),
      // Keys repeated in different objects; strings holding quotes, braces, brackets and colons.
      '{"rules": {"file-size": {"severity": "warning"}, "function-size": {"severity": "off"}}, "exclude": ["a\\": {\\"b]", "{x}:[y]"]}',
    ];
    for (const text of valid) {
      expect(read(text).errors).toEqual([]);
      expect(read(text).config).toEqual(parseConfigText(text, F).config);
    }
    expect(loads).toBe(0);
    // JSON.parse keeps the last of two equal keys: such a file takes the located path, which reports them (escapes compared unescaped).
    expect(read('{"rules": {"env-access": "off", "env-\\u0061ccess": "error"}}').errors.map((e) => [e.message, e.path, e.column])).toEqual([
      ['duplicate property "env-access"', '/rules/env-access', 33],
    ]);
    expect(loads).toBe(1);
    expect(read('{"failOn": "sometimes"}').errors).toEqual(parseConfigText('{"failOn": "sometimes"}', F).errors);
  });
});

describe('merge semantics', () => {
  const resolve = (user: object) => resolveConfig(user, 'cfg');

  it('a string turns a rule off or changes its severity, keeping the rest', () => {
    const c = resolve({ rules: { 'env-access': 'off', 'test-base-class': 'error' } });
    expect(c.rules['env-access']).toEqual({ ...netraPreset().rules['env-access'], severity: 'off' });
    expect(c.rules['test-base-class']).toEqual({ ...netraPreset().rules['test-base-class'], severity: 'error' });
  });

  it('options merge one level deep', () => {
    const c = resolve({ rules: { 'env-access': { options: { python: { accessor: 'env' } } } } });
    const preset = netraPreset().rules['env-access'];
    expect(c.rules['env-access']).toEqual({
      ...preset,
      options: { ...preset.options, python: { ...(preset.options.python as object), accessor: 'env' } },
    });
    // Deeper objects are replaced, not merged: `keys` is one option.
    const k = resolve({ rules: { 'env-access': { options: { typescript: { keys: { A: 'x()' } } } } } });
    expect((k.rules['env-access'].options.typescript as { keys: object; importName: string })).toMatchObject({ keys: { A: 'x()' }, importName: 'getUnifiedApiConfig' });
  });

  it('scalar options replace; include/exclude replace the rule\'s own lists', () => {
    const c = resolve({ rules: { 'file-size': { severity: 'error', include: ['src/**'], exclude: ['src/gen/**'], options: { maxLines: 400 } } } });
    expect(c.rules['file-size']).toEqual({ severity: 'error', include: ['src/**'], exclude: ['src/gen/**'], options: { maxLines: 400 } });
  });

  it('top-level lists replace the preset\'s, except exclude which adds', () => {
    const c = resolve({ include: ['**/*.py'], exclude: ['legacy'], productionCode: ['src/**'], sourceRoots: ['src'], maxFileBytes: 10 });
    expect(c).toEqual({ ...netraPreset(), source: 'cfg', include: ['**/*.py'], exclude: ['legacy'], productionCode: ['src/**'], sourceRoots: ['src'], maxFileBytes: 10 });
  });

  it('test rules follow a user testFiles unless their own include is set', () => {
    const c = resolve({ testFiles: ['spec/**'], rules: { 'test-file-size': { include: ['t/**'] } } });
    expect(c.rules['test-base-class'].include).toEqual(['spec/**']);
    expect(c.rules['test-file-size'].include).toEqual(['t/**']);
    expect(c.rules['file-size'].include).toEqual([]);
  });

  it('extends none starts from the none preset', () => {
    const c = resolve({ extends: 'none', rules: { 'function-size': { options: { maxLines: 40 } } } });
    expect(c.productionCode).toEqual(['**']);
    expect(c.rules['function-size'].options).toEqual({ maxLines: 40, testFunctionMaxLines: 8, testFunctionPattern: '^(test_|pytest_)' });
  });

  it('does not share mutable state between loads', () => {
    const a = resolve({ rules: { 'env-access': { options: { python: { accessor: 'env' } } } } });
    (a.rules['test-base-class'].options.acceptedBases as string[]).push('Mine');
    a.include.push('x');
    expect(netraPreset().rules['test-base-class'].options.acceptedBases).not.toContain('Mine');
    expect(resolve({}).include).toEqual(netraPreset().include);
    expect((resolve({}).rules['env-access'].options.python as { accessor: string }).accessor).toBe('get_env');
  });

  it('parseConfigText returns the validated user config and the resolved one', () => {
    const r = parseConfigText('{"rules": {"relative-import": "error"}}', F);
    expect(r.user).toEqual({ rules: { 'relative-import': 'error' } });
    expect(r.config.source).toBe(F);
    expect(r.config.rules['relative-import'].severity).toBe('error');
  });
});
