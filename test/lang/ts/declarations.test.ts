import { describe, expect, it } from 'vitest';
import { facts, sliced } from './helpers';

describe('TS declarations: classes, interfaces, type aliases, enums', () => {
  it('catches every interface/type form the reference regexes miss', () => {
    const text = [
      'interface Plain { a: number }',
      'export interface Ext extends Base<T>, Other {',
      '  b: string;',
      '}',
      'export default interface DefaultProps { c: boolean }',
      'declare interface Declared {}',
      'type Gen<T> = T[];',
      'export declare type Exported = string;',
      'type $Dollar = 1;',
      'interface $Props$<P extends object> {}',
      'export const enum Color { Red }',
      'enum Plain2 { A }',
    ].join('\n');
    const got = facts(text).classes.map((c) => [c.kind, c.name, text.slice(c.nameSpan.start, c.nameSpan.end), c.line, c.endLine, c.exported ?? false]);
    expect(got).toEqual([
      ['interface', 'Plain', 'Plain', 0, 0, false],
      ['interface', 'Ext', 'Ext', 1, 3, true],
      ['interface', 'DefaultProps', 'DefaultProps', 4, 4, true],
      ['interface', 'Declared', 'Declared', 5, 5, false],
      ['type', 'Gen', 'Gen', 6, 6, false],
      ['type', 'Exported', 'Exported', 7, 7, true],
      ['type', '$Dollar', '$Dollar', 8, 8, false],
      ['interface', '$Props$', '$Props$', 9, 9, false],
      ['enum', 'Color', 'Color', 10, 10, true],
      ['enum', 'Plain2', 'Plain2', 11, 11, false],
    ]);
    const ext = facts(text).classes[1];
    expect(sliced(text, ext)).toEqual({
      name: 'Ext', nameSpan: 'Ext', span: 'export interface Ext extends Base<T>, Other {\n  b: string;\n}', line: 1, endLine: 3,
      bases: [{ text: 'Base<T>', span: 'Base<T>' }, { text: 'Other', span: 'Other' }], basesSpan: 'extends Base<T>, Other',
      decorators: [], selfAttributes: [], superCalls: [], parentClass: -1, kind: 'interface', exported: true,
    });
    // No heritage: an empty bases span right after the name.
    const gen = facts(text).classes[4];
    expect(gen.basesSpan).toEqual({ start: gen.nameSpan.end, end: gen.nameSpan.end });
  });

  it('a type alias or interface mentioned in comments or templates is not a declaration', () => {
    const text = '/*\ninterface Fake {}\ntype Fake2 = 1;\n*/\nconst s = `\ntype Fake3 = 2;\n`;\n';
    expect(facts(text).classes).toEqual([]);
  });

  it('classes: decorators, heritage, abstract, default export, this.X and super calls', () => {
    const text = [
      '@Component({ selector: "x" })',
      'export abstract class Widget extends Base implements OnInit, OnDestroy {',
      '  private cache = new Map();',
      '  handler = () => this.onClick();',
      '  constructor(private svc: Svc) {',
      '    super(svc);',
      '    this.ready = true;',
      '  }',
      '  async ngOnInit(): Promise<void> {',
      '    await super.ngOnInit();',
      "    this['cache'].clear();",
      '    function inner() { return this.notMine; }',
      '    const o = { m() { return this.alsoNotMine; } };',
      '  }',
      '}',
      'export default class {}',
    ].join('\n');
    const f = facts(text);
    expect(sliced(text, f.classes[0])).toEqual({
      name: 'Widget', nameSpan: 'Widget',
      span: text.slice(text.indexOf('export abstract'), text.indexOf('\nexport default')),
      line: 1, endLine: 14,
      bases: [{ text: 'Base', span: 'Base' }, { text: 'OnInit', span: 'OnInit' }, { text: 'OnDestroy', span: 'OnDestroy' }],
      basesSpan: 'extends Base implements OnInit, OnDestroy',
      decorators: [{ text: 'Component({ selector: "x" })', span: '@Component({ selector: "x" })', line: 0 }],
      selfAttributes: ['onClick', 'ready', 'cache'],
      superCalls: [{ method: 'constructor', span: 'super(svc)' }, { method: 'ngOnInit', span: 'super.ngOnInit()' }],
      parentClass: -1, kind: 'class', exported: true,
    });
    expect(sliced(text, f.classes[1])).toMatchObject({ name: 'default', nameSpan: 'default', span: 'export default class {}', kind: 'class', exported: true, line: 15 });
  });

  it('a class declared inside a method records its enclosing class', () => {
    const text = 'class Outer {\n  m() {\n    class Inner { x() { this.y; } }\n  }\n}\n';
    const f = facts(text);
    expect(f.classes.map((c) => [c.name, c.parentClass, c.selfAttributes])).toEqual([['Outer', -1, []], ['Inner', 0, ['y']]]);
    expect(f.functions.map((fn) => [fn.name, fn.classIndex, fn.parentFunction])).toEqual([['m', 0, -1], ['x', 1, 0]]);
  });
});

describe('TS declarations: functions', () => {
  it('declarations, methods, accessors, arrows and function expressions with names, spans and body lines', () => {
    const text = [
      'export async function load(a: number, b = 2) {', // 0
      '  const x = 1;',
      '',
      '  return x;',
      '}',
      'const arrow = async (q: string) => q.trim();', // 5
      'const single = v => v;',
      'const fe = function named() {};',
      'const obj = { method() { return 1; }, prop: () => {}, [key]: function () {} };',
      'module.exports.handler = function () {};',
      'export default () => {};', // 10
      'class K {',
      '  @Get() @Auth() list(@Param() id: string) {',
      '    return id;',
      '  }',
      '  get v() { return 1; }', // 15
      '  set v(x) {}',
      '  field = async () => {',
      '    await 1;',
      '  };',
      '  overload(): void;', // 20
      '  overload(x?: number) {}',
      '}',
      'declare function ambient(): void;',
      'run(() => 1, function () {});',
    ].join('\n');
    const f = facts(text);
    const rows = f.functions.map((fn) => [fn.name, text.slice(fn.nameSpan.start, fn.nameSpan.end), fn.isAsync, fn.defLine, text.slice(fn.paramsSpan.start, fn.paramsSpan.end), fn.bodyLines, fn.classIndex, fn.parentFunction]);
    expect(rows).toEqual([
      ['load', 'load', true, 0, 'a: number, b = 2', 3, -1, -1],
      ['arrow', 'arrow', true, 5, 'q: string', 1, -1, -1],
      ['single', 'single', false, 6, 'v', 1, -1, -1],
      ['named', 'named', false, 7, '', 0, -1, -1],
      ['method', 'method', false, 8, '', 1, -1, -1],
      ['prop', 'prop', false, 8, '', 0, -1, -1],
      ['[key]', '[key]', false, 8, '', 0, -1, -1],
      ['handler', 'handler', false, 9, '', 0, -1, -1],
      ['default', 'default', false, 10, '', 0, -1, -1],
      ['list', 'list', false, 12, '@Param() id: string', 1, 0, -1],
      ['v', 'v', false, 15, '', 1, 0, -1],
      ['v', 'v', false, 16, 'x', 0, 0, -1],
      ['field', 'field', true, 17, '', 1, 0, -1],
      ['overload', 'overload', false, 21, 'x?: number', 0, 0, -1],
      ['<anonymous>', '', false, 24, '', 1, -1, -1],
      ['<anonymous>', '', false, 24, '', 0, -1, -1],
    ]);
    const load = sliced(text, f.functions[0]) as Record<string, unknown>;
    expect(load).toMatchObject({ span: text.slice(0, text.indexOf('}\n') + 1), bodyIndent: '  ' });
    expect(f.functions[0].bodyStart).toBe(text.indexOf('const x'));
    expect(f.functions[1].bodyStart).toBe(text.indexOf('q.trim()'));
    expect(f.functions[3].bodyStart).toBe(-1);
    // Decorators are excluded from the span and listed separately.
    expect(sliced(text, f.functions[9])).toMatchObject({
      span: 'list(@Param() id: string) {\n    return id;\n  }',
      decorators: [{ text: 'Get()', span: '@Get()', line: 12 }, { text: 'Auth()', span: '@Auth()', line: 12 }],
    });
  });

  it('default-exported function declarations are named default unless they have a name', () => {
    const text = 'export default function () {}\nexport default async function named() {}\n';
    expect(facts(text).functions.map((fn) => [fn.name, text.slice(fn.nameSpan.start, fn.nameSpan.end), fn.isAsync, text.slice(fn.span.start, fn.span.end)])).toEqual([
      ['default', 'default', false, 'export default function () {}'],
      ['named', 'named', true, 'export default async function named() {}'],
    ]);
  });

  it('nested functions record their parent; an expression body counts its own lines', () => {
    const text = 'function outer() {\n  const a = () =>\n    compute(\n      1,\n    );\n  function deep() {}\n}\n';
    const f = facts(text);
    expect(f.functions.map((fn) => [fn.name, fn.parentFunction, fn.bodyLines])).toEqual([['outer', -1, 5], ['a', 0, 3], ['deep', 0, 0]]);
  });
});
