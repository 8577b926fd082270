/**
 * The MCP fix tool's unified diff: exact text for a known case, and for many edits the
 * diff must be accepted by `git apply` and reproduce the new text exactly (the tool's
 * consumers are agents that hand it to git or patch).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff as diffFile } from '../../server/src/cli/diff';

// The suite was written for (before, after, oldName, newName); names are always a/<f>, b/<f>.
const unifiedDiff = (before: string, after: string, a: string, b: string) => {
  if (a.slice(2) !== b.slice(2)) throw new Error('same file on both sides');
  return diffFile(a.slice(2), before, after);
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssot-diff-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function gitApply(oldText: string, diff: string): string {
  const file = path.join(tmp, 'f.txt');
  fs.writeFileSync(file, oldText);
  fs.writeFileSync(path.join(tmp, 'p.diff'), diff);
  execFileSync('git', ['apply', '-p1', 'p.diff'], { cwd: tmp, stdio: 'pipe' });
  return fs.readFileSync(file, 'utf8');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', 'a/f', 'b/f')).toBe('');
  });

  it('separate hunks with 3 lines of context, GNU ranges, and the no-newline marker', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const lines = before.split('\n');
    lines[1] = 'changed 2';
    lines.splice(12, 1);
    lines[lines.length - 1] = 'last';
    const after = lines.join('\n');
    expect(unifiedDiff(before, after, 'a/f.txt', 'b/f.txt')).toBe(
      [
        '--- a/f.txt',
        '+++ b/f.txt',
        '@@ -1,5 +1,5 @@',
        ' line 1',
        '-line 2',
        '+changed 2',
        ' line 3',
        ' line 4',
        ' line 5',
        '@@ -10,11 +10,10 @@',
        ' line 10',
        ' line 11',
        ' line 12',
        '-line 13',
        ' line 14',
        ' line 15',
        ' line 16',
        ' line 17',
        ' line 18',
        ' line 19',
        '-line 20',
        '\\ No newline at end of file',
        '+last',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
  });

  it('git apply reproduces the new text for many edits (CRLF, empty files, insertions at both ends)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const cases: [string, string][] = [
      ['', 'new\n'],
      ['only\n', ''],
      ['a\r\nb\r\n', 'a\r\nB\r\nc\r\n'],
      ['x\ny\n', 'top\nx\ny\nbottom'],
    ];
    for (let c = 0; c < 40; c++) {
      const a = Array.from({ length: 5 + rand(40) }, () => `v${rand(6)}\n`);
      const b = [...a];
      for (let e = rand(6); e >= 0; e--) {
        const at = rand(b.length + 1);
        const op = rand(3);
        if (op === 0) b.splice(at, 0, `new${rand(100)}\n`);
        else if (op === 1 && b.length) b.splice(Math.min(at, b.length - 1), 1);
        else if (b.length) b[Math.min(at, b.length - 1)] = `mod${rand(100)}\n`;
      }
      cases.push([a.join(''), b.join('')]);
    }
    for (const [before, after] of cases) {
      const diff = unifiedDiff(before, after, 'a/f.txt', 'b/f.txt');
      if (before === after) continue;
      expect(gitApply(before, diff)).toBe(after);
    }
  });
});
