/**
 * `ssot-lint init`: a starter ssot-lint.json from what the folder already holds.
 * - production code: top-level folders with Python or TS/JS sources, except test,
 *   tooling and documentation folders (those are scored as tests or `other`);
 * - services: top-level Python packages and JS apps (own package.json) are listed as
 *   production roots, each on its own line, so boundaries are easy to configure;
 * - Python import roots: `src/` when the code lives there, else the root;
 * - canonical modules that already exist: the environment accessor (`def get_env`) and
 *   the SSOT test base classes, so env-access and test-base-class point at them.
 * The result is validated with the real config loader before it is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProject, discoverFiles, languageOf, parseConfigText, type UserConfig } from '@ssot-lint/shared-rules';
import { parseArgs, UsageError } from '../args';
import { HELP } from '../help';

const NOT_PRODUCTION = /^(tests?|testing|test_framework|scripts?|tools?|docs?|examples?|benchmarks?|bench|e2e|fixtures?)$/i;
const MAX_SCANNED_BYTES = 256 * 1024;

export function runInit(argv: string[]): number {
  const args = parseArgs(argv, { values: [], booleans: ['force', 'dry-run', 'help'] });
  if (args.flags.has('help')) {
    process.stdout.write(HELP.init);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError('init takes at most one folder');
  const root = path.resolve(process.cwd(), args.positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`not a directory: ${args.positionals[0]}`);
  const target = path.join(root, 'ssot-lint.json');
  if (fs.existsSync(target) && !args.flags.has('force') && !args.flags.has('dry-run')) {
    throw new UsageError(`${path.relative(process.cwd(), target) || target} exists (use --force to overwrite)`);
  }
  const { config, notes } = detect(root);
  const text = JSON.stringify(config, null, 2) + '\n';
  const check = parseConfigText(text, target);
  if (check.errors.length) {
    // A bug here, not the user's: never write a config the loader rejects.
    throw new Error(`generated config is invalid: ${check.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  if (args.flags.has('dry-run')) {
    process.stdout.write(text);
  } else {
    fs.writeFileSync(target, text);
    process.stderr.write(`ssot-lint: wrote ${path.relative(process.cwd(), target) || target}\n`);
  }
  for (const n of notes) process.stderr.write(`  ${n}\n`);
  return 0;
}

export function detect(root: string): { config: UserConfig; notes: string[] } {
  // Discover with the default excludes (node_modules, virtualenvs, build output, ...).
  // An existing (possibly broken) config must not steer detection: start from the preset.
  const preset = parseConfigText('{}', path.join(root, 'ssot-lint.json')).config;
  const files = discoverFiles(root, createProject(root, preset).scope).files.map((f) => f.path);
  const notes: string[] = [];
  const tops = new Map<string, { python: number; ts: number }>();
  for (const f of files) {
    const slash = f.indexOf('/');
    if (slash < 0) continue;
    const top = f.slice(0, slash);
    const e = tops.get(top) ?? { python: 0, ts: 0 };
    if (languageOf(f) === 'python') e.python++;
    else e.ts++;
    tops.set(top, e);
  }
  const production = [...tops.keys()].filter((d) => !NOT_PRODUCTION.test(d)).sort();
  const services = production.filter((d) => fs.existsSync(path.join(root, d, '__init__.py')) || fs.existsSync(path.join(root, d, 'package.json')));
  const config: UserConfig = { $schema: './node_modules/@ssot-lint/shared-rules/schema/ssot-lint.schema.json', extends: 'netra' };
  if (production.length) config.productionCode = production.map((d) => `${d}/**`);
  notes.push(`production code: ${production.length ? production.join(', ') : '(none found: everything scores as other)'}`);
  if (services.length) notes.push(`services (packages/apps): ${services.join(', ')}`);
  const langs = [...tops.values()].reduce((a, e) => ({ python: a.python + e.python, ts: a.ts + e.ts }), { python: 0, ts: 0 });
  notes.push(`sources: ${langs.python} Python, ${langs.ts} TypeScript/JavaScript files`);
  const srcLayout = tops.has('src') && (tops.get('src')!.python > 0) && !fs.existsSync(path.join(root, 'src', '__init__.py'));
  const sourceRoot = srcLayout ? 'src' : '.';
  if (srcLayout) config.sourceRoots = ['src'];

  const rules: NonNullable<UserConfig['rules']> = {};
  const env = findPython(root, files, /^def get_env\s*\(/m);
  if (env) {
    rules['env-access'] = { options: { python: { module: moduleName(env, sourceRoot), accessor: 'get_env', canonicalFiles: [env] } } };
    notes.push(`environment accessor: ${env} (get_env)`);
  }
  const base = findPython(root, files, /^class SSotBaseTestCase\b/m);
  if (base) {
    rules['test-base-class'] = { options: { module: moduleName(base, sourceRoot) } };
    notes.push(`test base classes: ${base}`);
  }
  if (Object.keys(rules).length) config.rules = rules;
  return { config, notes };
}

/** The first Python file (in path order) whose text matches; big files are skipped. */
function findPython(root: string, files: readonly string[], re: RegExp): string | undefined {
  for (const f of files) {
    if (languageOf(f) !== 'python') continue;
    const abs = path.join(root, f);
    try {
      if (fs.statSync(abs).size > MAX_SCANNED_BYTES) continue;
      if (re.test(fs.readFileSync(abs, 'utf8'))) return f;
    } catch {
      // Unreadable files are simply not candidates.
    }
  }
  return undefined;
}

function moduleName(file: string, sourceRoot: string): string {
  const rel = sourceRoot === '.' ? file : file.slice(sourceRoot.length + 1);
  return rel.replace(/\.pyi?$/, '').replace(/\/__init__$/, '').split('/').join('.');
}
