import { defineConfig } from 'vitest/config';

// `npm test` runs everything that needs node alone; real-editor tests (Neovim, Emacs,
// code-server) live in test/e2e and run under `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/helpers/cache-home.ts'],
  },
});
