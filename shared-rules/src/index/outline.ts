/**
 * FileOutline: the part of a file's facts that checks of *other* files, and the rules that
 * read the workspace index, look at: imports, class and module-level function names with
 * their bases and definition shapes, suppressions, and whether the file touches the
 * environment. The workspace index keeps one outline per file instead of full facts
 * (issue 7: full facts cost ~2.4 KB of heap per KB of source; outlines a small fraction),
 * and scan workers send outlines, not facts, back to the main thread.
 *
 * Strings are copied (intern): an outline must not keep its file's text alive through a
 * sliced substring.
 */
import type { ClassFact, FileFacts, ImportFact, Language, Span, Suppression } from '../facts';
import type { Range } from '../types';
import { lineOfOffset } from '../text';

export interface OutlineClass {
  name: string;
  nameSpan: Span;
  /** 0-based line and column of the name (a name never spans lines), for related locations. */
  nameLine: number;
  nameColumn: number;
  kind: ClassFact['kind'];
  /** Index into the outline's classes of the enclosing class, or -1 (same indices as FileFacts.classes). */
  parentClass: number;
  /** Nested in a function body (a local class is not a module's API). */
  inFunction: boolean;
  /** Base expressions as written (whitespace-normalised), keyword arguments (`metaclass=`) left out. */
  bases: string[];
  /** The class's code with its decorators (classSpanWithDecorators), what its shape hashes. */
  codeStart: number;
  codeEnd: number;
  /**
   * definitionShape of a module-level class's code; 0 until computed. Only duplicate-definition
   * compares shapes, and only of names defined in two or more files (3% of the 25k tree's
   * classes), so a scan leaves them 0 and the index computes them on demand
   * (WorkspaceIndex.shapeOf), or when an update could reshape a copy (WorkspaceIndex.update).
   */
  shape: number;
}

/** A function that is neither a method nor nested in another function. */
export interface OutlineFunction {
  name: string;
  nameSpan: Span;
  nameLine: number;
  nameColumn: number;
  /** Index into FileFacts.functions. */
  index: number;
  /** Inside a class body without being its method (e.g. under an `if` in the class). */
  inClass: boolean;
}

export interface FileOutline {
  language: Language;
  imports: ImportFact[];
  classes: OutlineClass[];
  functions: OutlineFunction[];
  suppressions: Suppression[];
  /** The file reads or writes the environment directly (any EnvAccess). */
  touchesEnv: boolean;
  /** Distinct last segments of the called names (`create_engine` for `sa.create_engine(...)`). */
  callTails: string[];
}

/**
 * A string the outline may keep: a copy that holds no parent text. A slice of the source
 * (a name, a module) would otherwise keep the whole file's text alive in the index; V8
 * copies slices shorter than 13 characters anyway. A JSON round trip makes a flat string
 * of exactly the name (56 bytes for a 25-character name, measured); `(' ' + s).slice(1)`
 * made a 32-byte slice of a one-longer copy (88). (A pool deduplicating names was tried:
 * most class names are unique, so the pool's map cost more than it saved.)
 */
export function intern(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** One shared empty list for the many classes without bases (a fresh array per class costs ~50 bytes). */
const NO_BASES: string[] = [];

const span = (s: Span): Span => ({ start: s.start, end: s.end });

/**
 * `shapes`: whether to hash the module-level classes' code now (definitionShape); else they
 * stay 0 for the index to compute when compared (see OutlineClass.shape). A pass over most
 * of the file's text: 7% of a cold scan's CPU on the 25k tree when every production file
 * paid it.
 */
export function outlineOf(facts: FileFacts, text: string, shapes = true): FileOutline {
  const { lineStarts } = facts;
  const classInFunction = nestedIn(facts.classes.map((c) => c.span), facts.functions.map((f) => f.span));
  // Every field in the literal itself: a spread (`...at(span)`) in the middle of one made
  // V8 add the later fields out of object, a 40-byte property array per class (5% of the
  // index, heap snapshot of the 1k tree).
  const lineOf = (s: Span) => lineOfOffset(lineStarts, s.start);
  const columnOf = (s: Span, line: number) => s.start - (lineStarts[line] ?? 0);
  const classes: OutlineClass[] = facts.classes.map((c, i) => {
    const inFunction = classInFunction[i];
    const topLevel = c.parentClass === -1 && !inFunction;
    const nameLine = lineOf(c.nameSpan);
    const code = classSpanWithDecorators(c);
    return {
      name: intern(c.name),
      nameSpan: span(c.nameSpan),
      nameLine,
      nameColumn: columnOf(c.nameSpan, nameLine),
      kind: c.kind,
      parentClass: c.parentClass,
      inFunction,
      bases: c.bases.some((b) => !b.keyword) ? c.bases.filter((b) => !b.keyword).map((b) => intern(b.text)) : NO_BASES,
      codeStart: code.start,
      codeEnd: code.end,
      shape: topLevel && shapes ? definitionShape(text, code) : 0,
    };
  });
  const functionInClass = nestedIn(facts.functions.map((f) => f.span), facts.classes.map((c) => c.span));
  const functions: OutlineFunction[] = [];
  facts.functions.forEach((f, index) => {
    if (f.classIndex !== -1 || f.parentFunction !== -1) return;
    const nameLine = lineOf(f.nameSpan);
    functions.push({ name: intern(f.name), nameSpan: span(f.nameSpan), nameLine, nameColumn: columnOf(f.nameSpan, nameLine), index, inClass: functionInClass[index] });
  });
  const tails = new Set<string>();
  for (const k of facts.calls) tails.add(k.callee.slice(k.callee.lastIndexOf('.') + 1));
  return {
    language: facts.language,
    imports: facts.imports.map(internImport),
    classes,
    functions,
    suppressions: facts.suppressions.map((s) => ({ ...s, span: span(s.span), rules: s.rules.map(intern), reason: intern(s.reason) })),
    touchesEnv: facts.envAccesses.length > 0,
    callTails: [...tails].map(intern),
  };
}

/**
 * For each item, whether some container strictly encloses it (starts before, ends at or
 * after). Definitions nest like a tree, so one sweep in start order with a stack of open
 * containers answers all of them: linear, where testing every pair was quadratic in a
 * file's definitions (measured at ~6% of a scan on the generated monorepo).
 */
export function nestedIn(items: readonly Span[], containers: readonly Span[]): boolean[] {
  const out = new Array<boolean>(items.length).fill(false);
  if (items.length === 0 || containers.length === 0) return out;
  const order = items.map((_, i) => i).sort((a, b) => items[a].start - items[b].start);
  const cs = [...containers].sort((a, b) => a.start - b.start || b.end - a.end);
  const open: Span[] = [];
  let next = 0;
  for (const i of order) {
    const s = items[i];
    while (next < cs.length && cs[next].start < s.start) {
      const c = cs[next++];
      while (open.length && open[open.length - 1].end <= c.start) open.pop();
      open.push(c);
    }
    while (open.length && open[open.length - 1].end < s.end) open.pop();
    out[i] = open.length > 0;
  }
  return out;
}

function internImport(imp: ImportFact): ImportFact {
  const out: ImportFact = {
    kind: imp.kind,
    module: intern(imp.module),
    level: imp.level,
    names: imp.names.map((n) => (n.alias === undefined ? { name: intern(n.name), span: span(n.span) } : { name: intern(n.name), alias: intern(n.alias), span: span(n.span) })),
    span: span(imp.span),
    moduleSpan: span(imp.moduleSpan),
    line: imp.line,
    topLevel: imp.topLevel,
  };
  if (imp.typeOnly !== undefined) out.typeOnly = imp.typeOnly;
  return out;
}

/** Range of a definition's name in its file, from the outline alone. */
export function nameRange(d: { nameSpan: Span; nameLine: number; nameColumn: number }): Range {
  const len = d.nameSpan.end - d.nameSpan.start;
  return { start: { line: d.nameLine, character: d.nameColumn }, end: { line: d.nameLine, character: d.nameColumn + len } };
}

/**
 * definitionShape of an outline's class from the text the outline was made from; undefined
 * when `text` cannot be that text (too short: a file read back after it changed reads as '').
 */
export function classShape(text: string | undefined, c: OutlineClass): number | undefined {
  return text === undefined || text.length < c.codeEnd ? undefined : definitionShape(text, { start: c.codeStart, end: c.codeEnd });
}

/** A class with its decorators: `@dataclass class X` and `class X` are different definitions. */
export function classSpanWithDecorators(cls: ClassFact): Span {
  let start = cls.span.start;
  for (const d of cls.decorators) start = Math.min(start, d.span.start);
  return { start, end: cls.span.end };
}

/**
 * Two definitions with the same shape are interchangeable: same code up to whitespace,
 * `export` / `declare` aside (they say how a copy is exposed, not what it is). Top-level
 * classes cover most of a file's text (76% of the stdlib's), so this is one pass over the
 * characters (whitespace runs folded to one space, ends trimmed) into two independent
 * 32-bit hashes plus the folded length: not a regex-built copy through a digest (1.6x
 * slower, measured), and printable ASCII takes the first test (1.3x faster than testing
 * every character against the Unicode spaces first).
 */
export function definitionShape(text: string, s: Span): number {
  const head = /^\s*(?:export\s+(?:default\s+)?)?(?:declare\s+)?/.exec(text.slice(s.start, Math.min(s.end, s.start + 64)));
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let n = 0;
  let pendingSpace = false;
  for (let i = s.start + (head ? head[0].length : 0); i < s.end; i++) {
    const c = text.charCodeAt(i);
    // JS \s: the ASCII and Unicode spaces a regex \s would fold.
    if (!(c > 32 && c < 127) && (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) {
      pendingSpace = n > 0;
      continue;
    }
    if (pendingSpace) {
      // FNV-1a in one lane, a shift-and-add (x31) hash in the other.
      h1 = Math.imul(h1 ^ 32, 0x01000193);
      h2 = ((h2 << 5) - h2 + 32) | 0;
      n++;
      pendingSpace = false;
    }
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = ((h2 << 5) - h2 + c) | 0;
    n++;
  }
  // 53 bits in one number (no string per class): 32 of one hash, 21 of the other mixed with
  // the length. Only copies of one name are compared, a handful to a thousand.
  const low = ((h2 ^ Math.imul(n, 0x9e3779b1)) >>> 0) & 0x1fffff;
  return (h1 >>> 0) * 0x200000 + low + 1;
}
