/**
 * Found by test/fuzz/fix-safety.test.ts on the stdlib (test_getpass.py): the template
 * comment was inserted on the mock's own physical line, which after a backslash
 * continuation broke the file. It must go above the whole logical line.
 */
import { describe, expect, it } from 'vitest';
import { checkFile, createProject } from '../../shared-rules/src/engine/check';
import { applyEdits } from '../../shared-rules/src/fix/apply';
import { netraPreset } from '../../shared-rules/src/config/presets/netra';
import { ruleById } from '../../shared-rules/src/rules';
import { pythonParseErrors } from '../helpers/python';

describe('mock-justification fix after a backslash continuation', () => {
  const project = createProject('/ws', netraPreset(), [ruleById('mock-justification')!]);
  const text = [
    'def test_x():',
    "    with mock.patch('os.open') as a, \\",
    "            mock.patch('io.FileIO') as b, \\",
    "            mock.patch('io.TextIOWrapper') as c:",
    '        pass',
    '',
  ].join('\n');

  it('inserts the template above the logical line, so every fix keeps the file parseable', () => {
    const { violations } = checkFile(project, 'tests/test_x.py', text);
    expect(violations).toHaveLength(3);
    const fixed = violations.map((v) => applyEdits(text, v.fixes[0].edits));
    for (const f of fixed) expect(f.split('\n')[1]).toBe('    # Mock justification: TODO say why a real dependency cannot be used here');
    expect(pythonParseErrors(fixed)).toEqual([null, null, null]);
    // The inserted comment justifies every mock of that statement.
    expect(checkFile(project, 'tests/test_x.py', fixed[2]).violations).toEqual([]);
  });
});
