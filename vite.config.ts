import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { atlasConfigPlugin } from './scripts/vite/atlas-config';
import { basemapPlugin } from './scripts/vite/basemap';
import { dataUrlPlugin } from './scripts/vite/data-url';
import { devCspPlugin } from './scripts/vite/dev-csp';
import { ogImagePlugin } from './scripts/vite/og-image';
import { messagesOf } from './src/i18n/messages';
import { BASEMAP_COLORS } from './src/map/basemap-style';
import { MARKS, STAGE_COLORS, UNKNOWN_STAGE_COLOR } from './src/style/scales';

/**
 * The link-preview image (og-image.png) in the site's own title, colours and marks: the build
 * scripts do not import the site's modules, so they are handed over here.
 */
const ogImage = ogImagePlugin({
  title: messagesOf('zh')['site.title'],
  subtitle: `${messagesOf('zh')['site.subtitle']} · Renovation Atlas`,
  colors: { ...BASEMAP_COLORS, stages: STAGE_COLORS, unknownStage: UNKNOWN_STAGE_COLOR },
  marks: MARKS,
});

export default defineConfig({
  // Relative base so the built dist/ works from any folder or sub-path (meeting-room copies, embeds).
  base: './',
  plugins: [svelte(), basemapPlugin(), atlasConfigPlugin(), dataUrlPlugin(), devCspPlugin(), ogImage],
  build: {
    target: 'es2022',
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph the initial-JS budget is counted from
    // (scripts/site/initial-js.ts, tests/build/initial-js.test.ts). Never fetched by the page.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
});
