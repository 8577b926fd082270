/**
 * Found by the token-soup fuzzer: a fix that adds an import inserted it between a
 * next-line suppression and the line it suppresses, so the suppressed violation came
 * back after the fix (and the fix "did not remove its violation").
 */
import { describe, expect, it } from 'vitest';
import { checkFile, createProject } from '../../shared-rules/src/engine/check';
import { applyEdits } from '../../shared-rules/src/fix/apply';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';

describe('adding an import keeps next-line suppressions attached to their line', () => {
  const project = createProject('/ws', netraPreset());
  it('inserts above a last import that carries a next-line suppression', () => {
    const text = [
      "import x = require('y'); // ssot-lint-ignore-next-line env-access -- set by the launcher",
      'const a = process.env.NODE_ENV;',
      'const b = process.env.NEXT_PUBLIC_API_URL;',
      '',
    ].join('\n');
    const { violations } = checkFile(project, 'frontend/app/a.ts', text);
    expect(violations.map((v) => text.slice(v.span.start, v.span.end))).toEqual(['process.env.NEXT_PUBLIC_API_URL']);
    const fixed = applyEdits(text, violations[0].fixes[0].edits);
    expect(fixed.split('\n')[0]).toBe("import { getUnifiedApiConfig } from '../lib/unified-api-config';");
    expect(checkFile(project, 'frontend/app/a.ts', fixed).violations).toEqual([]);
  });
});
