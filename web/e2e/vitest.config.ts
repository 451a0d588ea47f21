import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One server and one browser per file; run files one at a time on this 2-core machine.
    fileParallelism: false,
  },
});
