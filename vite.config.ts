import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { atlasConfigPlugin } from './scripts/vite/atlas-config';
import { basemapPlugin } from './scripts/vite/basemap';
import { devCspPlugin } from './scripts/vite/dev-csp';

export default defineConfig({
  // Relative base so the built dist/ works from any folder or sub-path (meeting-room copies, embeds).
  base: './',
  plugins: [svelte(), basemapPlugin(), atlasConfigPlugin(), devCspPlugin()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
