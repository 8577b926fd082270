/** The dependency direction is a fact, not a wish: faces -> engine, never back. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from './helpers/workspace';

const ROOT = path.resolve(__dirname, '..');

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  return out;
}

describe('architecture', () => {
  it('the engine imports no LSP, VS Code, server or client code', () => {
    const dir = path.join(ROOT, 'shared-rules/src');
    const offenders: string[] = [];
    for (const rel of listFiles(dir, (r) => r.endsWith('.ts'))) {
      for (const spec of importsOf(path.join(dir, rel))) {
        if (/^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)(\/|$)/.test(spec) || /(^|\/)(server|client)(\/|$)/.test(spec)) {
          offenders.push(`${rel} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the server reaches the engine only through its public entry point', () => {
    const dir = path.join(ROOT, 'server/src');
    const offenders: string[] = [];
    for (const rel of listFiles(dir, (r) => r.endsWith('.ts'))) {
      for (const spec of importsOf(path.join(dir, rel))) {
        if (spec.includes('shared-rules/') || (spec.startsWith('@ssot-lint/shared-rules/') && !spec.endsWith('/protocol'))) offenders.push(`${rel} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
