/**
 * The statement structure buildCtx builds while the lexer runs (CtxBuilder is the lexer's
 * token sink): its significant tokens, comments and errors must be exactly those of the
 * full token stream, whatever file the shared builder saw before and however far its
 * arrays had to grow mid-file.
 */
import { describe, expect, it } from 'vitest';
import { lex, T } from '../../../shared-rules/src/lang/python/lexer';
import { buildCtx, CtxBuilder, type Ctx } from '../../../shared-rules/src/lang/python/stmts';

const SIGNIFICANT = new Set<number>([T.NAME, T.NUMBER, T.STRING, T.OP, T.ERRORTOKEN]);

/** What the Ctx must hold, read off lex()'s full token stream. */
function fromFullStream(text: string) {
  const toks = lex(text);
  const kind: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const commentStart: number[] = [];
  const commentEnd: number[] = [];
  for (let i = 0; i < toks.count; i++) {
    if (SIGNIFICANT.has(toks.kind[i])) {
      kind.push(toks.kind[i]); start.push(toks.start[i]); end.push(toks.end[i]);
    } else if (toks.kind[i] === T.COMMENT) {
      commentStart.push(toks.start[i]); commentEnd.push(toks.end[i]);
    }
  }
  return { kind, start, end, commentStart, commentEnd, errors: toks.errors };
}

function tokensOf(ctx: Ctx) {
  return {
    kind: [...ctx.kind], start: [...ctx.start], end: [...ctx.end],
    commentStart: ctx.commentStart, commentEnd: ctx.commentEnd, errors: ctx.errors,
  };
}

function structureOf(ctx: Ctx) {
  return {
    n: ctx.n, match: [...ctx.match], stmtOf: [...ctx.stmtOf],
    stmts: [...ctx.stmtFirst].map((first, i) => [first, ctx.stmtLast[i], ctx.stmtFlags[i], ctx.stmtDepth[i], ctx.stmtLogical[i]]),
  };
}

const TRICKY = [
  'import os\nif x: a = 1; b(2)\nclass C:\n    def f(self): return [1,\n        2]\n',
  '# ssot-lint: ignore\nx = f"{a!r:>{w}} {\'q\'}"  # trailing\r\ny = 2\r\n',
  'def f(:\n    x = (1,\n  2\nclass D: pass\n',
  'x = 1 \\\n  + 2\nmatch p:\n    case [a, *_]: pass\nlambda: (yield)\n',
  "s = '''unterminated\n",
  'a = )\nb = ]]\n\tc = 1\n',
];

describe('buildCtx', () => {
  it('keeps exactly the significant tokens, comments and errors of the full token stream', () => {
    for (const text of TRICKY) expect(tokensOf(buildCtx(text)), text).toEqual(fromFullStream(text));
  });

  it('matches brackets and splits logical lines into statements', () => {
    const ctx = buildCtx(TRICKY[0]);
    // Flags: 1 header, 2 own line, 4 inline body. `;` (8) belongs to the statement before it.
    expect(structureOf(ctx)).toEqual({
      n: 28,
      match: [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 12, -1, 10, -1, -1, -1, -1, -1, 20, -1, 18, -1, -1, 27, -1, -1, -1, 23],
      stmtOf: [0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6],
      stmts: [
        [0, 1, 2, 0, 0],
        [2, 4, 3, 0, 1],
        [5, 7, 4, 0, 1],
        [9, 12, 4, 0, 1],
        [13, 15, 3, 0, 2],
        [16, 21, 3, 1, 3],
        [22, 27, 4, 1, 3],
      ],
    });
  });

  it('gives the same Ctx from a reused builder as from a fresh one, after a bigger file and across growth', () => {
    // More significant tokens than the first reservation (a quarter of the characters),
    // so the arrays grow in the middle of a logical line and of a statement.
    const dense = `x = [${Array.from({ length: 3000 }, () => 'a').join(',')}]; y = {1: (2)}\nif y: z = 3\n`;
    const shared = new CtxBuilder();
    for (const text of [dense, ...TRICKY, dense, TRICKY[0]]) {
      const reused = shared.build(text);
      const got = { ...tokensOf(reused), ...structureOf(reused) };
      const fresh = new CtxBuilder().build(text);
      expect(got, text.slice(0, 40)).toEqual({ ...tokensOf(fresh), ...structureOf(fresh) });
      expect(tokensOf(reused)).toEqual(fromFullStream(text));
    }
  });

  it('gives every significant token a statement that holds it, or the one before its `;`, even over a reused builder', () => {
    // The builder sets no per-token default (the split of each logical line assigns them):
    // a token left out would keep the previous file's value, large after this one.
    const many = Array.from({ length: 2000 }, (_, i) => `v${i} = ${i}`).join('\n') + '\n';
    const shared = new CtxBuilder();
    const texts = [...TRICKY, 'a = 1;\nb = 2; c = 3;\nif x: y = 1; z = 2\n', 'x = (1;\ndef f(): pass; return\n', 'try: a\nexcept: b; c\n;\n'];
    for (const text of texts) {
      shared.build(many);
      const ctx = shared.build(text);
      for (let j = 0; j < ctx.n; j++) {
        const si = ctx.stmtOf[j];
        const holds = si >= 0 && si < ctx.nStmts && ctx.stmtFirst[si] <= j && j <= ctx.stmtLast[si];
        const semicolon = text.slice(ctx.start[j], ctx.end[j]) === ';' && si >= 0 && si < ctx.nStmts && ctx.stmtLast[si] < j;
        expect({ text, j, si, ok: holds || semicolon }).toEqual({ text, j, si, ok: true });
      }
    }
  });

  it('starts a compound header at every header word, and at no other name', () => {
    const headers = ['if a:', 'elif a:', 'else:', 'for a in b:', 'while a:', 'try:', 'except E:', 'finally:', 'with a:', 'def f():', 'class C:', 'async def g():', 'async for a in b:', 'async with a:', 'match a:', 'case [a]:'];
    for (const h of headers) {
      const ctx = buildCtx(`${h}\n    pass\n`);
      expect([h, ctx.nStmts, ctx.stmtFlags[0] & 1]).toEqual([h, 2, 1]);
    }
    // Names sharing a header word's first letter or length, and soft keywords used as names.
    for (const line of ['iff = 1', 'form = a', 'define: int = 1', 'value = 1', 'match = 2', 'case(a)', 'async_x: int = 1', 'classes = c']) {
      const ctx = buildCtx(`${line}\n`);
      expect([line, ctx.nStmts, ctx.stmtFlags[0] & 1]).toEqual([line, 1, 0]);
    }
  });
});
