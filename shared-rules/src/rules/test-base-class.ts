/**
 * test-base-class: test classes derive from the canonical SSOT bases
 * (SSotBaseTestCase, or SSotAsyncTestCase for async tests), not unittest's
 * TestCase and not a bare `class TestX:`. The fix swaps the base, adds the import
 * and renames unittest lifecycle hooks to their pytest names (which pytest calls
 * on non-unittest classes), calling super() first. It refuses when the class uses
 * unittest-only APIs the canonical base lacks.
 */
import type { ClassFact, FileFacts, FunctionFact } from '../facts';
import type { OffsetEdit, Rule, RuleContext } from '../types';
import { addPythonImport, pythonLocalName } from '../fix/imports';

interface Options {
  module: string;
  baseClass: string;
  asyncBaseClass: string;
  acceptedBases: string[];
  forbiddenBases: string[];
  asyncBases: string[];
  testClassPattern: string;
  unittestOnlyApis: string[];
}

/** unittest hook -> pytest hook; the pytest names are what SSotBaseTestCase implements. */
const HOOKS: Record<string, { name: string; params: string; superArgs: string }> = {
  setUp: { name: 'setup_method', params: 'self, method=None', superArgs: 'method' },
  tearDown: { name: 'teardown_method', params: 'self, method=None', superArgs: 'method' },
  setUpClass: { name: 'setup_class', params: 'cls', superArgs: '' },
  tearDownClass: { name: 'teardown_class', params: 'cls', superArgs: '' },
};

export const testBaseClass: Rule = {
  meta: {
    id: 'test-base-class',
    tag: 'testing',
    summary: 'Test classes derive from SSotBaseTestCase / SSotAsyncTestCase.',
    defaultSeverity: 'warning',
    languages: ['python'],
    fixable: true,
    defaultOptions: {
      module: 'test_framework.ssot.base_test_case',
      baseClass: 'SSotBaseTestCase',
      asyncBaseClass: 'SSotAsyncTestCase',
      acceptedBases: ['SSotBaseTestCase', 'SSotAsyncTestCase', 'BaseTestCase', 'BaseIntegrationTest', 'AsyncTestCase', 'BaseE2ETest', 'SSotAsyncBaseTestCase'],
      // Qualified names, matched after resolving the file's imports; the bare names only
      // match a base whose import cannot be resolved (e.g. `from unittest import *`).
      forbiddenBases: ['unittest.TestCase', 'TestCase', 'unittest.IsolatedAsyncioTestCase', 'IsolatedAsyncioTestCase', 'unittest.case.TestCase'],
      asyncBases: ['unittest.IsolatedAsyncioTestCase', 'IsolatedAsyncioTestCase'],
      testClassPattern: '^Test',
      unittestOnlyApis: ['addCleanup', 'subTest', 'skipTest', 'assertLogs', 'assertWarns', 'assertNoLogs', 'maxDiff', 'id', 'assertWarnsRegex', 'doCleanups', 'addClassCleanup'],
    },
  },
  check(ctx) {
    if (!ctx.file.isTest) return;
    const o = ctx.options as unknown as Options;
    const pattern = new RegExp(o.testClassPattern);
    const { facts } = ctx.file;
    // Per file, not per class: stdlib test modules have hundreds of classes and thousands of methods.
    let imported: Map<string, string> | undefined;
    let methods: Map<number, FunctionFact[]> | undefined;
    const qualify = (text: string) => qualifyBase((imported ??= importedNames(facts)), text);
    const methodsOf = (classIndex: number) => (methods ??= methodsByClass(facts)).get(classIndex) ?? [];
    facts.classes.forEach((cls, index) => {
      if (cls.kind !== 'class') return;
      const bases = cls.bases.filter((b) => !b.keyword).map((b) => ({ ref: b, qualified: qualify(b.text) }));
      const lastName = (t: string) => t.slice(t.lastIndexOf('.') + 1);
      if (bases.some((b) => o.acceptedBases.includes(lastName(b.ref.text)))) return;
      const forbidden = bases.filter((b) => o.forbiddenBases.includes(b.qualified));
      const bare = bases.length === 0 && pattern.test(cls.name);
      if (forbidden.length === 0 && !bare) return;
      const isAsync = forbidden.some((b) => o.asyncBases.includes(b.qualified)) || methodsOf(index).some((f) => f.isAsync && f.name.startsWith('test'));
      const target = isAsync ? o.asyncBaseClass : o.baseClass;
      const what = bare ? `Test class ${cls.name} has no base class` : `Test class ${cls.name} derives from ${forbidden.map((b) => b.ref.text).join(', ')}`;
      const message = `${what}: derive from ${target} (${o.module})`;
      const blockers = cls.selfAttributes.filter((a) => o.unittestOnlyApis.includes(a));
      if (blockers.length > 0) {
        const reason = `uses unittest-only API ${blockers.map((b) => `self.${b}`).join(', ')} that ${target} lacks (use add_cleanup / pytest.skip / pytest.warns)`;
        return ctx.report({ span: cls.nameSpan, message: `${message}; no automatic fix: ${reason}`, noFixReason: reason });
      }
      const hooks = hookEdits(ctx, index, methodsOf(index));
      if (typeof hooks === 'string') return ctx.report({ span: cls.nameSpan, message: `${message}; no automatic fix: ${hooks}`, noFixReason: hooks });
      const local = pythonLocalName(facts, o.module, target);
      const edits: OffsetEdit[] = [baseEdit(ctx.file.text, cls, forbidden.map((b) => b.ref.span), local ?? target), ...hooks];
      if (!local) edits.push(addPythonImport(facts, ctx.file.text, o.module, target));
      ctx.report({ span: cls.nameSpan, message, fixes: [{ title: `Derive ${cls.name} from ${target}`, edits, safe: true, preferred: true }] });
    });
  },
};

/**
 * The file's absolute imports as local name -> what it stands for (`ut` -> `unittest`,
 * `TestCase` -> `unittest.TestCase`); the first import of a name wins.
 */
function importedNames(facts: FileFacts): Map<string, string> {
  const out = new Map<string, string>();
  for (const imp of facts.imports) {
    if (imp.level !== 0) continue;
    for (const n of imp.names) {
      const local = n.alias ?? (imp.kind === 'import' ? n.name.split('.')[0] : n.name);
      if (out.has(local)) continue;
      out.set(local, imp.kind === 'import' ? (n.alias ? n.name : local) : `${imp.module}.${n.name}`);
    }
  }
  return out;
}

/** Resolves `ut.TestCase` / `TestCase` to `unittest.TestCase` through the file's imports. */
function qualifyBase(imported: Map<string, string>, text: string): string {
  const dot = text.indexOf('.');
  const target = imported.get(dot < 0 ? text : text.slice(0, dot));
  return target === undefined ? text : target + (dot < 0 ? '' : text.slice(dot));
}

function methodsByClass(facts: FileFacts): Map<number, FunctionFact[]> {
  const out = new Map<number, FunctionFact[]>();
  for (const fn of facts.functions) {
    if (fn.classIndex < 0) continue;
    const list = out.get(fn.classIndex);
    if (list) list.push(fn);
    else out.set(fn.classIndex, [fn]);
  }
  return out;
}

/** Replaces the forbidden base(s) with the canonical one, or adds a base list to a bare class. */
function baseEdit(text: string, cls: ClassFact, forbidden: { start: number; end: number }[], base: string): OffsetEdit {
  if (forbidden.length === 0) {
    const inside = text.slice(cls.basesSpan.start, cls.basesSpan.end);
    return { start: cls.basesSpan.start, end: cls.basesSpan.end, newText: inside.trim() === '()' || inside === '' ? `(${base})` : inside };
  }
  // Replace the first forbidden base; drop the others (a class listing two TestCase flavours keeps one base).
  const first = forbidden[0];
  if (forbidden.length === 1) return { start: first.start, end: first.end, newText: base };
  const last = forbidden[forbidden.length - 1];
  return { start: first.start, end: last.end, newText: base };
}

function hookEdits(ctx: RuleContext, classIndex: number, methods: readonly FunctionFact[]): OffsetEdit[] | string {
  const { facts } = ctx.file;
  const cls = facts.classes[classIndex];
  const edits: OffsetEdit[] = [];
  for (const fn of methods) {
    const hook = HOOKS[fn.name];
    if (!hook) continue;
    if (fn.bodyStart < 0) return `${fn.name} has a one-line body; rename it to ${hook.name} by hand`;
    edits.push({ start: fn.nameSpan.start, end: fn.nameSpan.end, newText: hook.name });
    edits.push({ start: fn.paramsSpan.start, end: fn.paramsSpan.end, newText: hook.params });
    const superCall = `super().${hook.name}(${hook.superArgs})`;
    const existing = cls.superCalls.find((c) => c.method === fn.name && c.span.start > fn.span.start && c.span.end <= fn.span.end);
    if (existing) edits.push({ start: existing.span.start, end: existing.span.end, newText: superCall });
    else edits.push({ start: fn.bodyStart, end: fn.bodyStart, newText: `${superCall}${facts.eol}${fn.bodyIndent}` });
  }
  // A super() call to a hook outside its own hook (rare) would now call a missing method.
  for (const c of cls.superCalls) {
    if (HOOKS[c.method] && !edits.some((e) => e.start === c.span.start)) return `super().${c.method}() is called outside ${c.method}`;
  }
  return edits;
}
