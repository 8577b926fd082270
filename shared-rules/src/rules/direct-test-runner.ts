/**
 * direct-test-runner: tests run through the canonical runner (`python
 * tests/unified_test_runner.py`), not `pytest.main()`, `unittest.main()` and kin
 * (spec 8, C2/C3), which bypass its environment isolation and service setup. Calls
 * and `from pytest import main` are found from the parsed code, so a comment or a
 * string that mentions `pytest.main(` is not flagged.
 */
import type { Rule } from '../types';

interface Options {
  callees: string[];
  /** Process launchers whose arguments are checked for a pytest invocation (reference C2). */
  launchers: string[];
  modules: string[];
  allowedFiles: string[];
  canonicalRunner: string;
}

export const directTestRunner: Rule = {
  meta: {
    id: 'direct-test-runner',
    tag: 'testing',
    summary: 'Tests run through the canonical runner, not pytest.main() / unittest.main().',
    defaultSeverity: 'warning',
    languages: ['python'],
    fixable: false,
    defaultOptions: {
      callees: ['pytest.main', 'pytest.cmdline.main', 'unittest.main', 'run_tests', 'execute_tests', 'run_test_suite'],
      launchers: ['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'os.system'],
      modules: ['pytest', 'unittest', 'pytest.cmdline'],
      allowedFiles: ['tests/unified_test_runner.py', 'test_framework/ssot/base_test_case.py', 'test_framework/unified_docker_manager.py'],
      canonicalRunner: 'python tests/unified_test_runner.py',
    },
  },
  check(ctx) {
    const o = ctx.options as unknown as Options;
    if (o.allowedFiles.includes(ctx.file.path)) return;
    const { facts } = ctx.file;
    const msg = (what: string) => `${what} runs tests directly: use the canonical runner (${o.canonicalRunner})`;
    // `from pytest import main [as m]` binds a runner under a local name.
    const localMains = new Map<string, string>();
    for (const imp of facts.imports) {
      if (imp.kind !== 'from' || !o.modules.includes(imp.module)) continue;
      for (const n of imp.names) {
        if (n.name !== 'main') continue;
        localMains.set(n.alias ?? n.name, `${imp.module}.main`);
        ctx.report({ span: n.span, message: msg(`from ${imp.module} import main`) });
      }
    }
    for (const call of facts.calls) {
      if (o.launchers.includes(call.callee)) {
        // `pytest` as a word in the arguments (a list item or a command string), not `pytest-xdist` docs.
        const args = ctx.file.text.slice(call.argsSpan.start, call.argsSpan.end);
        if (/(^|[\s'"\[(,])(python\d?(\.\d+)?\s+-m\s+)?pytest(?=['"\s,\])])/.test(args)) {
          ctx.report({ span: { start: call.span.start, end: call.argsSpan.start }, message: msg(`${call.callee}() launching pytest`) });
        }
        continue;
      }
      const direct = o.callees.includes(call.callee);
      const viaImport = localMains.get(call.callee);
      if (!direct && !viaImport) continue;
      ctx.report({ span: { start: call.span.start, end: call.argsSpan.start }, message: msg(`${viaImport ?? call.callee}()`) });
    }
  },
};
