import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { atlasConfigPlugin } from './scripts/vite/atlas-config';
import { basemapPlugin } from './scripts/vite/basemap';
import { dataUrlPlugin } from './scripts/vite/data-url';
import { devCspPlugin } from './scripts/vite/dev-csp';
import { firstLoadGroup } from './scripts/vite/first-load-chunk';
import { ogImagePlugin } from './scripts/vite/og-image';
import { pmtilesSourcePlugin } from './scripts/vite/pmtiles-source';
import { message } from './src/i18n/messages';
import { BASEMAP_COLORS } from './src/map/basemap-style';
import { MARKS, STAGE_COLORS, UNKNOWN_STAGE_COLOR } from './src/style/scales';

/**
 * The link-preview image (og-image.png) in the site's own title, colours and marks: the build
 * scripts do not import the site's modules, so they are handed over here.
 */
const ogImage = ogImagePlugin({
  title: message('zh', 'site.title'),
  subtitle: `${message('zh', 'site.subtitle')} · Renovation Atlas`,
  colors: { ...BASEMAP_COLORS, stages: STAGE_COLORS, unknownStage: UNKNOWN_STAGE_COLOR },
  marks: MARKS,
});

export default defineConfig({
  // Relative base so the built dist/ works from any folder or sub-path (meeting-room copies, embeds).
  base: './',
  plugins: [
    svelte(),
    basemapPlugin(),
    atlasConfigPlugin(),
    dataUrlPlugin(),
    devCspPlugin(),
    ogImage,
    pmtilesSourcePlugin(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph the initial-JS budget is counted from
    // (scripts/site/initial-js.ts, tests/build/initial-js.test.ts). Never fetched by the page.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    // The polyfill (0.2 KiB gzip of the first load) serves browsers without <link rel=modulepreload>
    // (Safari before 17): they fetch a lazy view's chunks as it imports them instead of ahead.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The first load as one file rather than eight, 2 KiB less gzip (scripts/vite/first-load-chunk.ts).
      output: { codeSplitting: { groups: [{ name: firstLoadGroup(), debugName: 'first-load' }] } },
    },
  },
});
