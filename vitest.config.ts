import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    // Browser tests drive software-rendered WebGL on 2 cores: generous limits, so a slow machine is not a failure.
    testTimeout: 120000,
    hookTimeout: 120000,
    // Browser and build tests start servers and Chromium: keep files from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
