/** The extension's settings (client/package.json) and the server's are one list: same names, same defaults. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../client/package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown }> } };
};

test('every server setting is declared by the extension with the server default; the rest are read by the client', () => {
  const declared = manifest.contributes.configuration.properties;
  const { trace, ...plain } = DEFAULT_SETTINGS;
  const server: Record<string, unknown> = { ...plain, 'trace.server': trace.server };
  expect(Object.fromEntries(Object.keys(server).map((k) => [k, declared[`ssotLint.${k}`]?.default]))).toEqual(server);
  // Read by the extension itself (client/src/status-bar.ts), not sent to the server's logic.
  expect(Object.keys(declared).filter((k) => !(k.slice('ssotLint.'.length) in server))).toEqual(['ssotLint.scoreWarningThreshold']);
});
