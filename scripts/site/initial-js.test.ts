import { describe, expect, it } from 'vitest';
import { initialFiles, type ViteManifest } from './initial-js';

/** The shape of a real build: a shared chunk, lazy views, the map's worker and another. */
const MANIFEST: ViteManifest = {
  'index.html': {
    file: 'assets/index-a.js',
    isEntry: true,
    imports: ['_svelte-b.js', '_messages-c.js'],
    dynamicImports: ['src/table/TableView.svelte'],
    css: ['assets/index-a.css'],
    assets: ['assets/maplibre-gl-worker-d.mjs', 'assets/og-image.png'],
  },
  '_svelte-b.js': { file: 'assets/svelte-b.js' },
  '_messages-c.js': {
    file: 'assets/messages-c.js',
    imports: ['_svelte-b.js'],
    css: ['assets/messages-c.css'],
  },
  'src/table/TableView.svelte': {
    file: 'assets/TableView-f.js',
    imports: ['_svelte-b.js', '_table-g.js'],
    css: ['assets/TableView-f.css'],
    assets: ['assets/name-rank.worker-e.js'],
  },
  '_table-g.js': { file: 'assets/table-g.js' },
};

describe('initialFiles', () => {
  it('takes the entry, its static imports once each, and their workers; no lazy chunk or its worker', () => {
    expect(initialFiles(MANIFEST)).toEqual({
      js: [
        'assets/index-a.js',
        'assets/svelte-b.js',
        'assets/messages-c.js',
        'assets/maplibre-gl-worker-d.mjs',
      ],
      css: ['assets/index-a.css', 'assets/messages-c.css'],
    });
  });

  it('counts a lazy chunk, and its worker, once the entry imports it statically', () => {
    const eager: ViteManifest = {
      ...MANIFEST,
      'index.html': { ...MANIFEST['index.html']!, imports: ['_svelte-b.js', 'src/table/TableView.svelte'] },
    };
    expect(initialFiles(eager).js).toEqual([
      'assets/index-a.js',
      'assets/svelte-b.js',
      'assets/TableView-f.js',
      'assets/table-g.js',
      'assets/maplibre-gl-worker-d.mjs',
      'assets/name-rank.worker-e.js',
    ]);
  });

  it('takes only the assets the options name as scripts', () => {
    expect(initialFiles(MANIFEST, { workers: /never/ }).js).not.toContain('assets/maplibre-gl-worker-d.mjs');
    expect(initialFiles(MANIFEST, { workers: /\.(m?js|png)$/ }).js.slice(-2)).toEqual([
      'assets/maplibre-gl-worker-d.mjs',
      'assets/og-image.png',
    ]);
  });

  it('says which entry or chunk is missing', () => {
    expect(() => initialFiles(MANIFEST, { entry: 'present.html' })).toThrow(/no entry "present\.html"/);
    const broken: ViteManifest = { 'index.html': { file: 'assets/index.js', imports: ['_gone.js'] } };
    expect(() => initialFiles(broken)).toThrow(/names chunk "_gone\.js"/);
  });
});
