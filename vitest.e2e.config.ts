import { defineConfig } from 'vitest/config';

// Real-editor tests: Neovim and Emacs + eglot against the language server, and real
// VS Code (code-server + headless chromium) with the extension. `npm run test:e2e`.
// Prerequisites (apt: neovim emacs-nox elpa-eglot chromium libkrb5-dev; then
// test/e2e/setup/install-code-server.sh) are installed by .ci/run; a missing one makes
// the suite fail with its name, never skip.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['test/helpers/cache-home.ts'],
    fileParallelism: false,
  },
});
