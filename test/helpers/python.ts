import { spawnSync } from 'node:child_process';

/** Parses many Python sources with CPython's ast in one process; returns the error (or null) per source. */
export function pythonParseErrors(sources: readonly string[]): (string | null)[] {
  if (sources.length === 0) return [];
  const script = `
import ast, json, sys
out = []
for src in json.load(sys.stdin):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.msg} at line {e.lineno}")
json.dump(out, sys.stdout)
`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as (string | null)[];
}
