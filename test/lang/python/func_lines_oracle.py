"""Oracle for facts tests: spec 3.0 function line counts from CPython's ast.

Reads file paths (one per line) on stdin; writes one JSON line per file:
a sorted list of [def line (0-based), name, body lines], or null when ast.parse fails.
"""
import ast
import json
import sys


def body_lines(node):
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if not body:
        return 0
    return body[-1].end_lineno - body[0].lineno + 1


def main():
    for line in sys.stdin:
        path = line.rstrip('\n')
        try:
            with open(path, 'rb') as f:
                tree = ast.parse(f.read())
        except Exception:
            print('null', flush=False)
            continue
        out = [[n.lineno - 1, n.name, body_lines(n)] for n in ast.walk(tree)
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        out.sort()
        print(json.dumps(out))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
