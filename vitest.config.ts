import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'templates/runtime/**/*.test.ts'],
    globalSetup: ['test/helpers/bundle-cli.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
