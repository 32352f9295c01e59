import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'ingest/**/*.test.ts', 'widget/**/*.test.ts', 'console/**/*.test.ts', 'evals/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites that start servers or browsers share two cores with everything else on the machine.
    maxWorkers: 2,
  },
});
