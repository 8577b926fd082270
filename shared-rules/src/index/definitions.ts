/**
 * The module-level definitions the workspace index keeps per name (see workspace-index.ts):
 * what duplicate-definition, canonical-module, service-boundary and inheritance-depth look
 * up across files.
 */
import type { ClassFact, Span } from '../facts';
import type { Range } from '../types';
import { nameRange, type FileOutline, type OutlineClass, type OutlineFunction } from './outline';

/**
 * A module-level class or function: a view of its outline entry, not a copy of its fields.
 * The index keeps one per definition in the workspace; as a plain object with its own
 * name, span, line, column and shape it was 88 bytes plus a boxed shape each, ~13% of the
 * index (heap snapshot of the 1k tree).
 */
export class SymbolDefinition {
  constructor(
    readonly file: string,
    private readonly item: OutlineClass | OutlineFunction,
    /** Index into the file's outline classes (or facts.functions for kind `function`). */
    readonly index: number,
  ) {}

  get name(): string {
    return this.item.name;
  }

  get kind(): ClassFact['kind'] | 'function' {
    return 'kind' in this.item ? this.item.kind : 'function';
  }

  /** The name's span in its file. */
  get span(): Span {
    return this.item.nameSpan;
  }

  /** 0-based line of the name. */
  get line(): number {
    return this.item.nameLine;
  }

  /** 0-based column of the name (with `line`, its range: the index keeps no line table). */
  get column(): number {
    return this.item.nameColumn;
  }

  /** Hash of the definition's code with whitespace folded (definitionShape), 0 until computed; undefined for functions. */
  get shape(): number | undefined {
    return 'shape' in this.item ? this.item.shape : undefined;
  }

  /** The outline entry of a class, interface or type alias; undefined for a function. */
  get outlineClass(): OutlineClass | undefined {
    return 'shape' in this.item ? this.item : undefined;
  }
}

/** A definition's name range in its file, for related locations. */
export function definitionRange(d: SymbolDefinition): Range {
  return nameRange({ nameSpan: d.span, nameLine: d.line, nameColumn: d.column });
}

/**
 * Module-level definitions: classes not nested in a class or function, and functions
 * that are neither methods nor nested. Local helpers and nested `class Config:` blocks
 * are not a module's API, so they can be neither canonical nor duplicates.
 */
export function topLevelDefinitions(file: string, outline: FileOutline): SymbolDefinition[] {
  const out: SymbolDefinition[] = [];
  outline.classes.forEach((c, index) => {
    if (c.parentClass !== -1 || c.inFunction) return;
    out.push(new SymbolDefinition(file, c, index));
  });
  for (const f of outline.functions) if (!f.inClass) out.push(new SymbolDefinition(file, f, f.index));
  return out;
}
