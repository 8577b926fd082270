// Bundles the extension into dist/ so the .vsix carries no node_modules and does not
// depend on the repo layout:
//   dist/extension.js       the client (vscode is provided by the editor)
//   dist/server/server.js   the language server with the engine inlined; two levels deep
//                           because the engine finds its schema at __dirname/../../schema
//                           It is also the script of the scan's worker threads.
//   schema/                 the engine's JSON schema (jsonValidation and config validation)
//   dist/engine/@ssot-lint/shared-rules/   the engine's package.json and rule docs, found
//                           by the server through require.resolve (see server-main.ts)
// Flags: --production (minified, no source maps), --watch, --out DIR (write dist/ and
// schema/ under DIR instead of client/: tests bundle into a temporary folder).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const engine = path.join(here, '..', 'shared-rules');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const out = process.argv.includes('--out') ? path.resolve(process.argv[process.argv.indexOf('--out') + 1]) : here;

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  // The engine is bundled from its TypeScript source: no `tsc -b` needed first.
  plugins: [
    {
      name: 'engine-source',
      setup(build) {
        build.onResolve({ filter: /^@ssot-lint\/shared-rules$/ }, () => ({ path: path.join(engine, 'src', 'index.ts') }));
      },
    },
  ],
  // Only located at run time (require.resolve, for the doc pages): see server-main.ts.
  external: ['@ssot-lint/shared-rules/package.json'],
};

/** Copies the engine files the bundled code reads at run time. */
function copyEngineAssets() {
  fs.mkdirSync(path.join(out, 'schema'), { recursive: true });
  fs.copyFileSync(path.join(engine, 'schema', 'ssot-lint.schema.json'), path.join(out, 'schema', 'ssot-lint.schema.json'));
  const pkgDir = path.join(out, 'dist', 'engine', '@ssot-lint', 'shared-rules');
  fs.rmSync(pkgDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(pkgDir, 'docs'), { recursive: true });
  const { name, version } = JSON.parse(fs.readFileSync(path.join(engine, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(pkgDir, 'package.json'), `${JSON.stringify({ name, version }, null, 2)}\n`);
  fs.cpSync(path.join(engine, 'docs', 'rules'), path.join(pkgDir, 'docs', 'rules'), { recursive: true });
}

const builds = [
  { ...common, entryPoints: [path.join(here, 'src', 'extension.ts')], outfile: path.join(out, 'dist', 'extension.js'), external: ['vscode', ...common.external] },
  { ...common, entryPoints: [path.join(here, 'src', 'server-main.ts')], outfile: path.join(out, 'dist', 'server', 'server.js') },
];

if (!watch) fs.rmSync(path.join(out, 'dist'), { recursive: true, force: true });
copyEngineAssets();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const size = (f) => `${(fs.statSync(path.join(out, 'dist', f)).size / 1024).toFixed(0)} KiB`;
  console.log(`client: dist/extension.js ${size('extension.js')}, dist/server/server.js ${size('server/server.js')} in ${Date.now() - t0} ms`);
}
