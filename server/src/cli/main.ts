/**
 * `ssot-lint` command line: check, rules, lsp. Exit codes: 0 = clean (nothing at or
 * above the failing severity), 1 = violations, 2 = usage or configuration error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  allRules,
  atLeast,
  createProject,
  loadConfig,
  scanWorkspace,
  type ConfigError,
  type Severity,
} from '@ssot-lint/shared-rules';
import { parseArgs, UsageError } from './args';
import { formatText } from './text-format';
import { applyFixes } from './fix-files';

const VERSION = '0.1.0';

const HELP: Record<string, string> = {
  main: `ssot-lint ${VERSION}: single-source-of-truth architecture rules for Python and TypeScript

Usage: ssot-lint <command> [options]

Commands:
  check [paths...]   check files and print violations and the compliance score
  rules              list the rules with their summaries
  lsp --stdio        run the language server over stdio

Run 'ssot-lint <command> --help' for a command's options.
`,
  check: `Usage: ssot-lint check [paths...] [options]

Checks the workspace (the nearest folder with ssot-lint.json or .git above the first
path, else the path itself) and prints violations and the compliance score.

Options:
  --format text|json   output format (default text)
  --config FILE        use this config instead of <root>/ssot-lint.json
  --root DIR           workspace root (paths in the output are relative to it)
  --fix                apply all safe fixes, then re-check
  --exit-zero          exit 0 even when violations are found
  --no-color           plain text output
  -h, --help           show this help

Exit codes: 0 clean, 1 violations at or above config.failOn, 2 usage or config error.
`,
  rules: `Usage: ssot-lint rules [--format text|json]\n`,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return runCheck(rest);
      case 'rules':
        return runRules(rest);
      case 'lsp':
        return await runLsp(rest);
      case '--version':
      case '-v':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP.main);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`ssot-lint: ${err.message}\nRun 'ssot-lint --help' for usage.\n`);
      return 2;
    }
    throw err;
  }
}

function runCheck(argv: string[]): number {
  const args = parseArgs(argv, { values: ['format', 'config', 'root'], booleans: ['fix', 'exit-zero', 'no-color', 'help'] });
  if (args.flags.has('help')) {
    process.stdout.write(HELP.check);
    return 0;
  }
  const format = args.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const cwd = process.cwd();
  for (const p of args.positionals) {
    if (!fs.existsSync(path.resolve(cwd, p))) throw new UsageError(`path not found: ${p}`);
  }
  const root = args.values.root ? path.resolve(cwd, args.values.root) : findRoot(path.resolve(cwd, args.positionals[0] ?? '.'));
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`root is not a directory: ${root}`);
  const configPath = args.values.config ? path.resolve(cwd, args.values.config) : undefined;
  if (configPath && !fs.existsSync(configPath)) throw new UsageError(`config file not found: ${args.values.config}`);
  const { config, errors } = loadConfig(root, { configPath });
  if (errors.length) {
    printConfigErrors(errors, cwd);
    return 2;
  }
  const project = createProject(root, config);
  const paths = args.positionals.map((p) => toRootRelative(root, path.resolve(cwd, p))).filter((p): p is string => p !== undefined);
  if (args.positionals.length && paths.length === 0) throw new UsageError('the given paths are outside the workspace root');
  const scanPaths = paths.length && !(paths.length === 1 && paths[0] === '') ? paths : undefined;

  let scan = scanWorkspace(project, scanPaths);
  if (args.flags.has('fix')) {
    const outcome = applyFixes(project, scan.results);
    for (const line of outcome.log) process.stderr.write(`${line}\n`);
    scan = scanWorkspace(project, scanPaths);
  }
  for (const s of scan.skipped) if (s.reason !== 'symlink') process.stderr.write(`ssot-lint: skipped ${s.path}: ${s.reason}\n`);
  for (const r of scan.results) {
    for (const e of r.internalErrors) process.stderr.write(`ssot-lint: rule ${e.rule} failed on ${r.file.path}: ${e.message}\n`);
  }
  const report = scan.report;
  if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatText(report, { color: !args.flags.has('no-color') && process.stdout.isTTY === true && !process.env.NO_COLOR }));
  if (args.flags.has('exit-zero')) return 0;
  const failOn: Severity = config.failOn;
  return report.violations.some((v) => atLeast(v.severity, failOn)) ? 1 : 0;
}

function runRules(argv: string[]): number {
  const args = parseArgs(argv, { values: ['format'], booleans: ['help'] });
  if (args.flags.has('help')) {
    process.stdout.write(HELP.rules);
    return 0;
  }
  if (args.values.format === 'json') {
    process.stdout.write(JSON.stringify(allRules.map((r) => r.meta), null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...allRules.map((r) => r.meta.id.length));
  for (const r of allRules) {
    process.stdout.write(`${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.fixable ? 'fix' : '   '}  ${r.meta.summary}\n`);
  }
  return 0;
}

function runLsp(argv: string[]): Promise<number> {
  // The server module is loaded lazily: the CLI's `check` must not pay for LSP startup.
  const server = require('../server') as { startServer(argv: string[]): void };
  server.startServer(argv);
  // The server ends the process itself on `exit` or when the client goes away.
  return new Promise<number>(() => undefined);
}

/** The nearest folder at or above `start` holding ssot-lint.json or .git; else `start` (or its folder). */
export function findRoot(start: string): string {
  const begin = fs.existsSync(start) && fs.statSync(start).isDirectory() ? start : path.dirname(start);
  for (let dir = begin; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'ssot-lint.json')) || fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return begin;
  }
}

function toRootRelative(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

function printConfigErrors(errors: readonly ConfigError[], cwd: string): void {
  for (const e of errors) {
    const file = path.isAbsolute(e.file) ? path.relative(cwd, e.file) || e.file : e.file;
    process.stderr.write(`${file}:${e.line}:${e.column}: invalid config at ${e.path || '/'}: ${e.message}\n`);
  }
}
