#!/usr/bin/env node
/**
 * Deterministic (seeded) generator of a monorepo shaped like the audited one:
 * netra_backend/ (most files), auth_service/, shared/, test_framework/, tests beside
 * the code, and a Next.js-style frontend/ with a tsconfig `@/*` alias. One module,
 * netra_backend/app/core/hub.py, is imported by exactly HUB_IMPORTERS files (the
 * incremental benchmark edits it). Writes into bench/generated/<name> (git-ignored).
 *
 * Usage: node bench/generate-monorepo.mjs [--py 20000] [--ts 1000] [--seed 42] [--scale 1] [--out dir]
 *
 * --scale multiplies the classes per Python module (so the file size) without changing the
 * random sequence at scale 1: `--py 25000 --scale 2.7` gives the ~470 MB full-scale tree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const PY = Number(args.py ?? 20000);
const TS = Number(args.ts ?? 1000);
const SEED = Number(args.seed ?? 42);
const SCALE = Number(args.scale ?? 1);
export const HUB_IMPORTERS = 500;
const out = path.resolve(args.out ?? path.join(here, 'generated', `monorepo-${PY}-${TS}-${SEED}${SCALE === 1 ? '' : `-x${SCALE}`}`));

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const files = new Map();
const write = (p, text) => files.set(p, text);
const AREAS = ['agents', 'services', 'db', 'core', 'routes', 'schemas', 'websocket', 'llm', 'monitoring', 'utils'];

write('netra_backend/__init__.py', '');
write('netra_backend/app/__init__.py', '');
for (const a of AREAS) write(`netra_backend/app/${a}/__init__.py`, '');
write('netra_backend/app/core/hub.py', 'class Hub:\n    """Imported by many modules."""\n\n    def emit(self, event):\n        return event\n\n\ndef get_hub():\n    return Hub()\n');
write('shared/__init__.py', '');
write('shared/isolated_environment.py', 'import os\n\n\nclass IsolatedEnvironment:\n    def get(self, key, default=None):\n        return os.environ.get(key, default)\n\n\ndef get_env():\n    return IsolatedEnvironment()\n');
write('netra_backend/app/db/clickhouse.py', 'class ClickHouseService:\n    pass\n\n\ndef get_clickhouse_client():\n    return ClickHouseService()\n');
write('test_framework/__init__.py', '');
write('test_framework/ssot/__init__.py', '');
write('test_framework/ssot/base_test_case.py', 'class SSotBaseTestCase:\n    pass\n\n\nclass SSotAsyncTestCase(SSotBaseTestCase):\n    pass\n');

function pyModule(i, isTest) {
  const lines = ['"""Generated module ' + i + '."""', 'import json', 'import logging', ''];
  if (i < HUB_IMPORTERS) lines.push('from netra_backend.app.core.hub import get_hub');
  if (rnd() < 0.6) lines.push('from shared.isolated_environment import get_env');
  if (rnd() < 0.05) lines.push('import os');
  if (rnd() < 0.02) lines.push('from netra_backend.app.db.clickhouse import get_clickhouse_client');
  if (isTest) lines.push('from unittest.mock import MagicMock', 'from test_framework.ssot.base_test_case import SSotBaseTestCase');
  lines.push('', 'logger = logging.getLogger(__name__)', '');
  const classes = Math.max(1, Math.round(int(1, 4) * SCALE));
  for (let c = 0; c < classes; c++) {
    const name = rnd() < 0.03 ? pick(['UserRecord', 'Settings', 'AgentState', 'Message']) : `${isTest ? 'Test' : ''}Model${i}x${c}`;
    lines.push('', '', `class ${name}${isTest ? '(SSotBaseTestCase)' : rnd() < 0.05 ? '(BaseAgent)' : ''}:`, `    """Docstring of ${name}."""`, '');
    const methods = int(2, 7);
    for (let m = 0; m < methods; m++) {
      lines.push(`    def ${isTest ? 'test_' : ''}method_${m}(self, value, *args, **kwargs):`, `        """Does thing ${m}."""`);
      const body = int(2, 14);
      for (let b = 0; b < body; b++) {
        const r = rnd();
        if (r < 0.02 && lines.some((l) => l === 'import os')) lines.push(`        value = os.environ.get("KEY_${b}", value)`);
        else if (r < 0.05) lines.push(`        value = get_env().get("SETTING_${b}", value) if "get_env" in globals() else value`);
        else if (r < 0.07 && isTest) lines.push('        client = MagicMock()', '        assert client is not None');
        else if (r < 0.08) lines.push(`        url = "http://service-${b}.internal:8080/api"`);
        else lines.push(`        value = json.dumps({"k": value, "n": ${b}})  # step ${b}`);
      }
      lines.push('        return value', '');
    }
  }
  if (i < HUB_IMPORTERS) lines.push('', 'def publish(event):', '    return get_hub().emit(event)', '');
  return lines.join('\n') + '\n';
}

for (let i = 0; i < PY; i++) {
  const r = rnd();
  const isTest = r < 0.3;
  let p;
  if (r < 0.15) p = `netra_backend/tests/${pick(AREAS)}/test_mod_${i}.py`;
  else if (r < 0.25) p = `tests/e2e/test_flow_${i}.py`;
  else if (r < 0.3) p = `auth_service/tests/test_auth_${i}.py`;
  else if (r < 0.85) p = `netra_backend/app/${pick(AREAS)}/mod_${i}.py`;
  else if (r < 0.95) p = `auth_service/auth_core/mod_${i}.py`;
  else p = `shared/util_${i}.py`;
  // The hub importers are production modules.
  if (i < HUB_IMPORTERS) p = `netra_backend/app/${AREAS[i % AREAS.length]}/hub_user_${i}.py`;
  write(p, pyModule(i, isTest && i >= HUB_IMPORTERS));
}
write('frontend/tsconfig.json', '{\n  "compilerOptions": {\n    "baseUrl": ".",\n    "paths": { "@/*": ["./*"] }\n  }\n}\n');
write('frontend/lib/unified-api-config.ts', 'export function getUnifiedApiConfig() {\n  return { urls: { api: "/api" } };\n}\n');
for (let i = 0; i < TS; i++) {
  const dir = pick(['components', 'hooks', 'lib', 'store', 'types', 'app']);
  const lines = [`import { getUnifiedApiConfig } from '@/lib/unified-api-config';`];
  if (i > 0) lines.push(`import type { Props${i - 1} } from '@/${'components'}/c${i - 1}';`);
  lines.push('', `export interface Props${i}${rnd() < 0.3 ? ` extends Base${i % 7}` : ''} {`, '  id: string;', '  label?: string;', '}', '');
  if (rnd() < 0.03) lines.push('export interface SharedState {', '  ready: boolean;', '}', '');
  lines.push(`export type Id${i}<T> = T & { id: string };`, '');
  const fns = int(2, 6);
  for (let f = 0; f < fns; f++) {
    lines.push(`export function helper${i}_${f}(p: Props${i}): string {`);
    for (let b = 0; b < int(2, 10); b++) lines.push(`  const v${b} = \`\${p.id}-${b}\`;`);
    if (rnd() < 0.05) lines.push('  const legacy = process.env.NEXT_PUBLIC_API_URL;');
    lines.push(`  return getUnifiedApiConfig().urls.api + p.id;`, '}', '');
  }
  write(`frontend/${i === 0 || dir !== 'components' ? 'components' : dir}/c${i}.tsx`, lines.join('\n'));
}

fs.rmSync(out, { recursive: true, force: true });
let bytes = 0;
for (const [p, text] of files) {
  const abs = path.join(out, p);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  bytes += Buffer.byteLength(text);
}
process.stdout.write(JSON.stringify({ out, files: files.size, bytes }) + '\n');
