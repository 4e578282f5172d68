import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    // Browser tests drive software-rendered WebGL on 2 cores: generous limits, so a slow machine is not a failure.
    testTimeout: 120000,
    hookTimeout: 120000,
    // `expect.poll` waits on state; its deadline only bounds a failure. Vitest's default of 1 s
    // failed "redraws … in 3D" on a loaded machine while the camera was still easing.
    expect: { poll: { timeout: 60_000, interval: 100 } },
    // Browser and build tests start servers and Chromium: keep files from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
