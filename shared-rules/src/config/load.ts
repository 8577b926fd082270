/**
 * Loading `ssot-lint.json`: parse with positions, validate against the shipped schema,
 * merge over a preset. Never throws: every problem becomes a located ConfigError and the
 * caller gets a usable config (the preset, or the last good config it passes in).
 * The config is data only; nothing in it is ever required or evaluated.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as ts from 'typescript';
import { typescript } from '../lang/ts/compiler';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validate as validateConfigSchema } from './schema-validator.generated';
import { TEST_SCOPED_RULES } from './defaults';
import { unsafeRegexReason } from './regex-safety';
import { describe, labelOf } from './messages';
import { pathEscapeReason } from './paths';
export { pathEscapeReason };
import { netraPreset } from './presets/netra';
import { nonePreset } from './presets/none';
import type { ConfigError, ResolvedConfig, ResolvedRuleConfig, RuleSetting, UserConfig } from './types';

export const CONFIG_FILE_NAME = 'ssot-lint.json';
/** Resolved from the package root so it works from src/ (vitest) and dist/ alike. */
export const SCHEMA_PATH = path.join(__dirname, '../../schema/ssot-lint.schema.json');

export interface LoadOptions {
  /** Explicit config file (absolute, or relative to root); a missing one is an error. */
  configPath?: string;
  /** Config to return when the file has errors, e.g. the last good one; default: the preset. */
  fallback?: ResolvedConfig;
}
export interface LoadResult {
  config: ResolvedConfig;
  errors: ConfigError[];
}

export function presetConfig(name: 'netra' | 'none'): ResolvedConfig {
  return name === 'none' ? nonePreset() : netraPreset();
}

export function loadConfig(root: string, opts: LoadOptions = {}): LoadResult {
  const file = opts.configPath ? path.resolve(root, opts.configPath) : path.join(root, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !opts.configPath) return { config: netraPreset(), errors: [] };
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `unreadable (${code ?? String(err)})`;
    const error: ConfigError = { file, path: '', message: `config file ${why}`, line: 1, column: 1, start: 0, end: 0 };
    return { config: opts.fallback ?? netraPreset(), errors: [error] };
  }
  const { config, errors } = parseConfigText(text, file, { fallback: opts.fallback });
  return { config, errors };
}

/**
 * Validates and resolves config text, e.g. an unsaved editor buffer. `user` is set only
 * when the text is valid.
 */
export function parseConfigText(
  text: string,
  file: string,
  opts: { fallback?: ResolvedConfig } = {},
): LoadResult & { user?: UserConfig } {
  // The usual config, plain JSON that validates, needs no positions: it is read without
  // the TypeScript compiler, which parseJson loads (~120 ms) to locate what is wrong.
  const plain = plainJson(text);
  if (plain !== undefined && validator(plain) && unsafeRegexes(plain).length === 0) {
    return { config: resolveConfig(plain as UserConfig, file), errors: [], user: plain as UserConfig };
  }
  const parsed = parseJson(text, file);
  let errors = parsed.errors;
  if (errors.length === 0) errors = validate(parsed, file);
  if (errors.length === 0) errors = regexErrors(parsed, file);
  if (errors.length > 0) {
    // Fall back to the preset the file names when that part is readable: a typo elsewhere
    // should not silently switch a `none` workspace to the netra rules.
    const named = isObject(parsed.value) && parsed.value.extends === 'none' ? 'none' : 'netra';
    return { config: opts.fallback ?? presetConfig(named), errors: sortErrors(errors) };
  }
  const user = parsed.value as UserConfig;
  return { config: resolveConfig(user, file), errors: [], user };
}

/**
 * Merges user settings over the preset. Top-level lists replace the preset's, except
 * `exclude`, which adds (the built-in excludes always apply, see defaults.ts). Per rule:
 * a string sets the severity; an object replaces severity/include/exclude when given and
 * merges `options` one level deep (an object option merges key by key over the preset's).
 */
export function resolveConfig(user: UserConfig, source: string): ResolvedConfig {
  const base = presetConfig(user.extends ?? 'netra');
  const out: ResolvedConfig = {
    source,
    preset: base.preset,
    include: user.include ?? base.include,
    exclude: [...base.exclude, ...(user.exclude ?? [])],
    sourceRoots: user.sourceRoots ?? base.sourceRoots,
    productionCode: user.productionCode ?? base.productionCode,
    testFiles: user.testFiles ?? base.testFiles,
    failOn: user.failOn ?? base.failOn,
    maxFileBytes: user.maxFileBytes ?? base.maxFileBytes,
    rules: {},
  };
  const settings = user.rules ?? {};
  for (const id of new Set([...Object.keys(base.rules), ...Object.keys(settings)])) {
    const rule: ResolvedRuleConfig = base.rules[id] ?? { severity: 'warning', include: [], exclude: [], options: {} };
    const setting: RuleSetting | undefined = settings[id];
    // Test rules follow a user-defined `testFiles` unless the rule's own include is set.
    const ownInclude = typeof setting === 'object' && setting.include !== undefined;
    if (TEST_SCOPED_RULES.has(id) && user.testFiles && !ownInclude) rule.include = [...out.testFiles];
    if (typeof setting === 'string') rule.severity = setting;
    else if (setting) {
      if (setting.severity !== undefined) rule.severity = setting.severity;
      if (setting.include !== undefined) rule.include = setting.include;
      if (setting.exclude !== undefined) rule.exclude = setting.exclude;
      if (setting.options) rule.options = mergeOptions(rule.options, setting.options);
    }
    out.rules[id] = rule;
  }
  return out;
}

function mergeOptions(base: Record<string, unknown>, user: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(user)) {
    const prev = base[key];
    out[key] = isObject(value) && isObject(prev) ? { ...prev, ...value } : value;
  }
  return out;
}

/** The inverse of resolveConfig for a preset-shaped config: what a user would write to get it. */
export function toUserConfig(config: ResolvedConfig): UserConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, r] of Object.entries(config.rules)) rules[id] = { severity: r.severity, include: r.include, exclude: r.exclude, options: r.options };
  const { include, exclude, sourceRoots, productionCode, testFiles, failOn, maxFileBytes } = config;
  return { extends: config.preset, include, exclude, sourceRoots, productionCode, testFiles, failOn, maxFileBytes, rules };
}

// ---------------------------------------------------------------------------------------
// JSON with positions. ts.parseJsonText recovers from errors and accepts JSONC and JS
// leniencies (comments, trailing commas, single quotes, hex numbers); the file must be
// plain JSON so that every other tool can read it, so those are reported here.

interface Span { start: number; end: number }
interface Loc { value: Span; key?: Span }
interface Parsed { value: unknown; locs: Map<string, Loc>; errors: ConfigError[]; sf: ts.JsonSourceFile }

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function parseJson(text: string, file: string): Parsed {
  const ts = typescript();
  const sf = ts.parseJsonText(file, text);
  const errors: ConfigError[] = [];
  const err = (pointer: string, span: Span, message: string) => errors.push(makeError(sf, file, pointer, span, message));
  // parseDiagnostics is not in the public typings but has been on every SourceFile for years.
  const diags = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  for (const d of diags) {
    const start = d.start ?? 0;
    err('', { start, end: start + (d.length ?? 0) }, `invalid JSON: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\.$/, '')}`);
  }
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.SingleLineCommentTrivia || k === ts.SyntaxKind.MultiLineCommentTrivia)
      err('', { start: scanner.getTokenStart(), end: scanner.getTokenEnd() }, 'invalid JSON: comments are not allowed');
  }
  const locs = new Map<string, Loc>();
  const stmt = sf.statements[0];
  if (!stmt) {
    err('', { start: 0, end: text.length }, 'the config file is empty: expected a JSON object such as {}');
    return { value: undefined, locs, errors, sf };
  }
  const spanOf = (n: ts.Node): Span => ({ start: n.getStart(sf), end: n.end });
  const trailingComma = (pointer: string, list: ts.NodeArray<ts.Node>) => {
    if (!list.hasTrailingComma) return;
    const at = text.indexOf(',', list[list.length - 1].end);
    err(pointer, { start: at, end: at + 1 }, 'invalid JSON: trailing comma');
  };
  const convert = (node: ts.Node, pointer: string): unknown => {
    const span = spanOf(node);
    const raw = text.slice(span.start, span.end);
    if (ts.isObjectLiteralExpression(node)) {
      const obj: Record<string, unknown> = {};
      for (const prop of node.properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isStringLiteral(prop.name)) {
          err(pointer, spanOf(prop.name ?? prop), 'invalid JSON: property names must be double-quoted strings');
          continue;
        }
        const key = jsonString(text.slice(prop.name.getStart(sf), prop.name.end));
        if (key === undefined) {
          err(pointer, spanOf(prop.name), 'invalid JSON: property names must be double-quoted strings');
          continue;
        }
        const child = `${pointer}/${escapePointer(key)}`;
        if (Object.prototype.hasOwnProperty.call(obj, key)) err(child, spanOf(prop.name), `duplicate property "${key}"`);
        // defineProperty: a key named "__proto__" must stay data, never set the prototype.
        Object.defineProperty(obj, key, { value: convert(prop.initializer, child), enumerable: true, writable: true, configurable: true });
        locs.set(child, { value: spanOf(prop.initializer), key: spanOf(prop.name) });
      }
      trailingComma(pointer, node.properties);
      return obj;
    }
    if (ts.isArrayLiteralExpression(node)) {
      const arr = node.elements.map((el, i) => {
        const child = `${pointer}/${i}`;
        locs.set(child, { value: spanOf(el) });
        return convert(el, child);
      });
      trailingComma(pointer, node.elements);
      return arr;
    }
    if (ts.isStringLiteral(node)) {
      const value = jsonString(raw);
      if (value === undefined) err(pointer, span, 'invalid JSON: strings must be double-quoted, with valid escapes and no raw control characters');
      return value ?? node.text;
    }
    if (ts.isNumericLiteral(node) || (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken)) {
      if (!JSON_NUMBER.test(raw)) err(pointer, span, `invalid JSON: ${raw} is not a JSON number`);
      return Number(raw);
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    // Parse errors (already reported) leave missing nodes; do not report them twice.
    if (diags.length === 0) err(pointer, span, 'invalid JSON: expected a string, number, object, array, true, false or null');
    return undefined;
  };
  const root = stmt.expression;
  locs.set('', { value: spanOf(root) });
  const value = convert(root, '');
  return { value, locs, errors, sf };
}

/**
 * The value of `text` when it is plain JSON without a repeated key (JSON.parse keeps the
 * last of them, where parseJson reports it); else undefined. JSON.parse accepts no comment,
 * trailing comma, single quote or non-JSON number, and defines a `__proto__` key as data.
 */
function plainJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return repeatsKey(text) ? undefined : value;
}

/** JSON whitespace and the colon after a key. */
const KEY_END = /[ \t\n\r]*:/y;

/** Whether an object of valid JSON `text` has a key twice (compared unescaped, as parseJson does). */
function repeatsKey(text: string): boolean {
  // One entry per open object or array: its keys so far, or null for an array.
  const open: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) open.push(new Set());
    else if (c === 0x5b) open.push(null);
    else if (c === 0x7d || c === 0x5d) open.pop();
    else if (c === 0x22) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      const keys = open[open.length - 1];
      KEY_END.lastIndex = end + 1;
      if (keys && KEY_END.test(text)) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return true;
        keys.add(key);
      }
      i = end;
    }
  }
  return false;
}

function jsonString(raw: string): string | undefined {
  if (!raw.startsWith('"')) return undefined;
  try {
    return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Schema validation.

/**
 * The schema compiled ahead of time (config/validator-codegen.ts): compiling it on each run
 * was ~120 ms, Ajv's load included, of every run that has a config file.
 */
const validator = validateConfigSchema as unknown as ValidateFunction;

/** Which error to keep when several schema keywords fail on the same value. */
const KEYWORD_RANK: Record<string, number> = { type: 0, enum: 1, workspacePath: 2 };

function validate({ value, locs, sf }: Parsed, file: string): ConfigError[] {
  const v = validator;
  if (v(value)) return [];
  const byPointer = new Map<string, { e: ErrorObject; onKey: boolean }>();
  for (const e of v.errors ?? []) {
    // `if` and `propertyNames` wrap the then/else or per-name error, which says it better.
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    const name = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : e.propertyName;
    const pointer = name === undefined ? e.instancePath : `${e.instancePath}/${escapePointer(name)}`;
    const prev = byPointer.get(pointer);
    if (!prev || (KEYWORD_RANK[e.keyword] ?? 9) < (KEYWORD_RANK[prev.e.keyword] ?? 9))
      byPointer.set(pointer, { e, onKey: name !== undefined });
  }
  const out: ConfigError[] = [];
  for (const [pointer, { e, onKey }] of byPointer) {
    const loc = locs.get(pointer) ?? locs.get(e.instancePath) ?? { value: { start: 0, end: 0 } };
    out.push(makeError(sf, file, pointer, (onKey && loc.key) || loc.value, describe(e)));
  }
  return out;
}

/** Option keys holding a regular expression (or a list of them), at any depth of a rule's options. */
const REGEX_KEY = /(Pattern|Patterns|^patterns|^allow|^justifications)$/;

/** Every user-supplied regular expression must compile and be free of catastrophic backtracking. */
function regexErrors({ value, locs, sf }: Parsed, file: string): ConfigError[] {
  return unsafeRegexes(value).map(({ pointer, message }) => makeError(sf, file, pointer, (locs.get(pointer) ?? { value: { start: 0, end: 0 } }).value, message));
}

/** The rule options' regular expressions that could take exponential time, by JSON pointer. */
function unsafeRegexes(value: unknown): { pointer: string; message: string }[] {
  const out: { pointer: string; message: string }[] = [];
  const visit = (node: unknown, pointer: string, regex: boolean): void => {
    if (typeof node === 'string') {
      const why = regex ? unsafeRegexReason(node) : undefined;
      if (why) out.push({ pointer, message: `${labelOf(pointer)} ${why} (got ${JSON.stringify(node)})` });
      return;
    }
    if (Array.isArray(node)) node.forEach((x, i) => visit(x, `${pointer}/${i}`, regex));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) visit(v, `${pointer}/${escapePointer(k)}`, REGEX_KEY.test(k));
  };
  const rules = isObject(value) && isObject(value.rules) ? value.rules : {};
  for (const [id, setting] of Object.entries(rules)) if (isObject(setting)) visit(setting.options, `/rules/${escapePointer(id)}/options`, false);
  return out;
}

function makeError(sf: ts.SourceFile, file: string, pointer: string, span: Span, message: string): ConfigError {
  const { line, character } = sf.getLineAndCharacterOfPosition(span.start);
  return { file, path: pointer, message, line: line + 1, column: character + 1, start: span.start, end: span.end };
}

function sortErrors(errors: ConfigError[]): ConfigError[] {
  return errors.sort((a, b) => a.start - b.start || a.end - b.end || (a.message < b.message ? -1 : 1));
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
