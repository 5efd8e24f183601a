import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tests/fuzz/**/*.fuzz.test.ts'],
    environment: 'node',
    globalSetup: ['tests/unit/ensure-sample-feed.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
