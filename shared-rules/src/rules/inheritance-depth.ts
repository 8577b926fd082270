/**
 * inheritance-depth (spec 3.11): deep class hierarchies make the MRO hard to follow and
 * every override a guess. A class's depth is 1 + the deepest of its bases; a base's depth
 * is its configured value (`baseDepths`, for bases defined outside the workspace or known
 * to be deep, e.g. `BaseAgent`), else computed through the workspace index when the base
 * is a workspace class, else 1. Classes deeper than `maxDepth` are flagged; with the
 * netra defaults that is every direct subclass of BaseAgent, as in the audit.
 */
import type { OutlineClass } from '../index/outline';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { Rule } from '../types';
import { nameFinding } from './util';

interface Options {
  maxDepth: number;
  baseDepths: Record<string, number>;
}

export const inheritanceDepth: Rule = {
  meta: {
    id: 'inheritance-depth',
    tag: 'architecture',
    summary: 'Class hierarchies stay shallow (no direct subclasses of already-deep bases).',
    defaultSeverity: 'warning',
    languages: ['python'],
    fixable: false,
    readsIndex: true,
    defaultOptions: { maxDepth: 5, baseDepths: { BaseAgent: 5, AgentLifecycleMixin: 3, WebSocketBridgeAdapter: 3 } },
  },
  check(ctx) {
    const o = ctx.options as unknown as Options;
    ctx.file.outline.classes.forEach((cls) => {
      // Depth 1 without bases (most classes): no set or chain to make.
      if (cls.bases.length === 0 && o.maxDepth >= 1) return;
      const chain: string[] = [];
      const depth = depthOf(cls, o, ctx.index, new Set([cls.name]), chain);
      if (depth <= o.maxDepth) return;
      ctx.report({ ...nameFinding(cls), message: `Class ${cls.name} has inheritance depth ${depth} (max ${o.maxDepth}) through ${chain.join(' -> ')}: prefer composition over another subclass` });
    });
  },
};

const lastName = (t: string) => t.replace(/\[.*$/s, '').slice(t.lastIndexOf('.') + 1);

function depthOf(cls: OutlineClass, o: Options, index: WorkspaceIndex | undefined, seen: Set<string>, chain: string[]): number {
  let best = 0;
  let bestChain: string[] = [];
  for (const b of cls.bases) {
    // Subscripted bases (Generic[T]) and keywords (metaclass=, not in the outline) add no depth, as in the reference.
    if (b.includes('[')) continue;
    const name = lastName(b);
    const sub: string[] = [];
    const d = baseDepth(name, o, index, seen, sub);
    if (d > best) {
      best = d;
      bestChain = [name, ...sub];
    }
  }
  chain.push(...bestChain);
  return 1 + best;
}

function baseDepth(name: string, o: Options, index: WorkspaceIndex | undefined, seen: Set<string>, chain: string[]): number {
  if (Object.prototype.hasOwnProperty.call(o.baseDepths, name)) return o.baseDepths[name];
  if (!index || seen.has(name)) return 1;
  // Only an unambiguous workspace definition is followed; two classes of one name could be either.
  const defs = index.definitionsOf(name).filter((d) => d.kind === 'class' && /\.pyi?$/.test(d.file));
  if (defs.length !== 1) return 1;
  const cls = index.outline(defs[0].file)!.classes[defs[0].index];
  seen.add(name);
  const d = depthOf(cls, o, index, seen, chain);
  seen.delete(name);
  return d;
}
