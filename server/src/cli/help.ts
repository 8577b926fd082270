/** Help texts, one per command (`ssot-lint <command> --help`). */

export const VERSION = '0.1.0';

export const HELP: Record<string, string> = {
  main: `ssot-lint ${VERSION}: single-source-of-truth architecture rules for Python and TypeScript

Usage: ssot-lint <command> [options]

Commands:
  check [paths...]     check files and print violations and the compliance score
  baseline [paths...]  write the current violations to ssot-lint-baseline.json
  merge FILE...        combine JSON or SARIF results of sharded runs
  rules [id]           list the rules, or print one rule's documentation
  init                 write a starter ssot-lint.json for this workspace
  lsp --stdio          run the language server over stdio
  mcp [--root DIR]     run the Model Context Protocol server over stdio (for AI coding agents)

Run 'ssot-lint <command> --help' for a command's options.
`,
  check: `Usage: ssot-lint check [paths...] [options]

Checks the workspace (the nearest folder with ssot-lint.json or .git above the first
path, else the path itself) and prints violations and the compliance score.

Output:
  --format FORMAT        text (default), json, sarif, html or github (workflow annotations)
  --output FILE          write the report to FILE instead of stdout
  --docs-base-url URL    link rule docs as URL/<rule>.md (SARIF helpUri, HTML links)
  --no-color             plain text output
  --progress             show progress on stderr even when it is not a terminal
  --no-progress          never show progress

Baseline:
  --baseline FILE        compare with a baseline: exit 1 only for new violations
  --update-baseline      with --baseline: drop fixed entries from FILE (never adds)

Fixes:
  --fix                  apply all safe fixes (atomic per file), print what changed, re-check
  --fix-dry-run          print the safe fixes as a unified diff; write nothing
                         (exit 1 when there is something to fix)

Selection:
  --changed-since REF    report only files changed since the git ref REF (plus untracked
                         files); rules still read the whole workspace
  --shard I/N            check only shard I of N (files partitioned by path hash);
                         combine the shards' JSON or SARIF with 'ssot-lint merge'
  --config FILE          use this config instead of <root>/ssot-lint.json
  --root DIR             workspace root (paths in the output are relative to it)

Cache:
  --no-cache             check every file afresh (no scan cache)
  --cache-location DIR   keep the scan cache in DIR (default node_modules/.cache/ssot-lint)
                         With the cache, a check of a tree unchanged since a check with
                         the same options prints that check's stored output again (not
                         with --fix, --update-baseline or --changed-since).

Speed:
  --jobs N               threads reading and checking files, this one included (default:
                         one per core when there are 32 MB or more to read, else 1);
                         the output is the same for every N

  --exit-zero            exit 0 even when violations are found
  -h, --help             show this help

Exit codes: 0 clean, 1 violations at or above config.failOn (with --baseline: new ones),
2 usage or configuration error.
`,
  baseline: `Usage: ssot-lint baseline [paths...] [options]

Writes every current violation to the baseline file (default ssot-lint-baseline.json at
the workspace root): sorted, one entry per line, fingerprints without line numbers, so
edits, moves and renames do not churn it. Commit it, then run
'ssot-lint check --baseline ssot-lint-baseline.json' in CI.

Options:
  --output FILE          where to write (default <root>/ssot-lint-baseline.json)
  --config FILE, --root DIR, --progress, --no-progress,
  --no-cache, --cache-location DIR, --jobs N             as for check
  -h, --help             show this help
`,
  merge: `Usage: ssot-lint merge FILE... [--format json|sarif|text|html|github] [--output FILE]

Combines the JSON reports (or SARIF logs) of 'ssot-lint check --shard I/N' runs into the
report of one unsharded run: same violations in the same order, same scores. Inputs must
all be JSON reports or all SARIF logs; the default output format is the input's.
`,
  rules: `Usage: ssot-lint rules [id] [--format text|json]

Without an id: one line per rule (id, default severity, fixable, summary).
With an id: the rule's documentation page.
`,
  init: `Usage: ssot-lint init [dir] [--force] [--dry-run]

Writes a starter ssot-lint.json into dir (default: the current folder). It looks at what
is there: Python import roots, TypeScript/JavaScript folders, service folders, test
folders, and canonical modules that already exist (the environment accessor, the test
base classes), and configures them. --dry-run prints the file instead; --force
overwrites an existing ssot-lint.json.
`,
  lsp: `Usage: ssot-lint lsp --stdio\n`,
};
