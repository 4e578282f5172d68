import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectedFile, expectFiles } from './data-integrity';
import { dataFolderUrl, dataUrl, fileUrl, loadManifest, ManifestError, parseManifest } from './manifest';

// The data folder beside the page unless a test names one: an ATLAS_DATA_URL exported in the
// shell (for a build) must not move it.
beforeAll(() => vi.stubEnv('ATLAS_DATA_URL', ''));
afterAll(() => vi.unstubAllEnvs());

const minimal = {
  format_version: 1,
  layers: { communities: { url: 'communities.pmtiles', layer: 'communities', minzoom: 0, maxzoom: 14 } },
};

describe('parseManifest', () => {
  it('reads the explore index parts, which older manifests lack', () => {
    expect(parseManifest(minimal).explore).toBeUndefined();
    const parts = {
      core: 'explore-core.0a1b.bin',
      figures: 'explore-figures.4e5f.bin',
      details: 'explore-details.2c3d.bin',
    };
    expect(parseManifest({ ...minimal, explore: { parts, count: 3 } }).explore).toEqual({ parts, count: 3 });
    expect(parseManifest({ ...minimal, explore: { count: 3 } }).explore).toBeUndefined();
    // A build from before the binary index: one JSON file, which this site no longer reads.
    expect(parseManifest({ ...minimal, explore: { url: 'explore.json', count: 3 } }).explore).toBeUndefined();
    expect(
      parseManifest({ ...minimal, explore: { parts: { core: 'explore-core.bin' }, count: 3 } }).explore,
    ).toBeUndefined();
    // A build from before the figures part: its core is not the one this site reads.
    const { figures: _, ...withoutFigures } = parts;
    expect(
      parseManifest({ ...minimal, explore: { parts: withoutFigures, count: 3 } }).explore,
    ).toBeUndefined();
  });

  it('reads the layers, view, aggregates and programmes the site needs', () => {
    const m = parseManifest({
      ...minimal,
      build_time: '2025-01-01T00:00:00.000Z',
      bbox: [112.9, 28.1, 113.1, 28.3],
      center: [113, 28.2, 10],
      layers: {
        ...minimal.layers,
        amenities: { url: 'amenities.pmtiles', layer: 'amenities', minzoom: 8, maxzoom: 14 },
      },
      aggregates: {
        kind: 'h3',
        resolutions: [5, 7, 8],
        files: { 5: 'aggregates/h3-r5.json', 8: 'aggregates/h3-r8.json' },
      },
      counts: { communities: 3, bogus: 'x' },
      programmes: [
        {
          id: 'cs',
          name: '长沙行动',
          name_en: 'Changsha action',
          source: 'a.txt',
          // A document without a ref is dropped, a field that is not text left out.
          documents: [{ ref: 'a.txt', title: '长沙推动行动', date: 2021 }, { title: '无编号' }],
          figures: [{ source: 'b.txt' }],
          communities: 2,
        },
        { id: 'xm', name: { zh: '厦门', en: '' } },
      ],
      attribution: ['Ledgers', 3],
    });
    expect(m.bbox).toEqual([112.9, 28.1, 113.1, 28.3]);
    expect(m.layers.amenities?.minzoom).toBe(8);
    expect(m.layers.boundaries).toBeUndefined();
    expect(m.aggregates).toEqual({
      resolutions: [5, 8],
      files: { 5: 'aggregates/h3-r5.json', 8: 'aggregates/h3-r8.json' },
    });
    expect(m.counts).toEqual({ communities: 3 });
    expect(m.programmes).toEqual([
      {
        id: 'cs',
        name: { zh: '长沙行动', en: 'Changsha action' },
        communities: 2,
        sources: ['a.txt', 'b.txt'],
        documents: [{ ref: 'a.txt', title: '长沙推动行动' }],
        period: null,
        figures: [],
      },
      {
        id: 'xm',
        name: { zh: '厦门', en: '厦门' },
        communities: 0,
        sources: [],
        documents: [],
        period: null,
        figures: [],
      },
    ]);
    expect(m.attribution).toEqual(['Ledgers']);
  });

  it('falls back to China when the dataset has no extent', () => {
    const m = parseManifest(minimal);
    expect(m.bbox).toBeNull();
    expect(m.center).toEqual([105, 35, 3]);
    expect(m.aggregates).toBeNull();
  });

  it('names what is wrong', () => {
    expect(() => parseManifest([])).toThrow(ManifestError);
    expect(() => parseManifest({ format_version: 2, layers: {} })).toThrow(/format_version 2/);
    expect(() => parseManifest({ format_version: 1 })).toThrow(/no layers/);
    expect(() => parseManifest({ format_version: 1, layers: { communities: { url: 'x.pmtiles' } } })).toThrow(
      /layers\.communities\.layer/,
    );
  });
});

describe('parseManifest: map layer inputs', () => {
  it('reads the timeline, the life-circle method and the boundary levels', () => {
    const m = parseManifest({
      ...minimal,
      layers: {
        ...minimal.layers,
        boundaries: { url: 'b.pmtiles', layer: 'boundaries', levels: ['district', 3, 'street'] },
      },
      timeline: { first: '2020-01', last: '2024-12' },
      life_circles: { method: 'straight-line', standard: 'GB 50180-2018', computed: false },
    });
    expect(m.timeline).toEqual({ first: '2020-01', last: '2024-12' });
    expect(m.life_circles).toEqual({
      method: 'straight-line',
      standard: 'GB 50180-2018',
      computed: false,
      network: null,
    });
    expect(m.layers.boundaries?.levels).toEqual(['district', 'street']);
    expect(m.walkNetwork).toBeNull();
    expect(m.layers.streets).toBeUndefined();
  });

  const network = {
    source: 'roads.geojson',
    sha256: 'b'.repeat(64),
    format: 'geojson',
    crs: 'WGS84',
    nodes: 120,
    edges: 140,
    communities_snapped: 3,
    communities_straight_line: 1,
    amenities_snapped: 4,
    amenities_unsnapped: 0,
    max_access_m: 42.5,
    access_limit_m: 300,
  };
  const streets = { url: 'streets.pmtiles', layer: 'streets', minzoom: 9, maxzoom: 14 };

  it('reads the streets, in every CRS, the walking network and its summary', () => {
    const m = parseManifest({
      ...minimal,
      layers: { ...minimal.layers, streets },
      display_layers: {
        'GCJ-02': {
          communities: { ...minimal.layers.communities, url: 'gcj02/communities.pmtiles', crs: 'GCJ-02' },
          streets: { ...streets, url: 'gcj02/streets.pmtiles', crs: 'GCJ-02' },
        },
      },
      walk_network: { url: 'walk-network.bin', bytes: 2048 },
      life_circles: { method: 'network', standard: 'GB 50180-2018', computed: true, network },
    });
    expect(m.layers.streets).toEqual(streets);
    expect(m.displayLayers['GCJ-02']?.streets?.url).toBe('gcj02/streets.pmtiles');
    expect(m.walkNetwork).toEqual({ url: 'walk-network.bin', bytes: 2048 });
    expect(m.life_circles).toEqual({ method: 'network', standard: 'GB 50180-2018', computed: true, network });
  });

  it('refuses a walking network it could not use, naming the field', () => {
    const lc = { method: 'network', standard: 'GB 50180-2018', computed: true };
    expect(() =>
      parseManifest({ ...minimal, life_circles: { ...lc, network: { ...network, edges: 'many' } } }),
    ).toThrow(/life_circles\.network\.edges/);
    expect(() =>
      parseManifest({ ...minimal, life_circles: { ...lc, network: { ...network, source: 7 } } }),
    ).toThrow(/life_circles\.network\.source/);
    expect(() => parseManifest({ ...minimal, walk_network: { bytes: 3 } })).toThrow(/walk_network\.url/);
    expect(() =>
      parseManifest({ ...minimal, layers: { ...minimal.layers, streets: { url: 's.pmtiles' } } }),
    ).toThrow(/layers\.streets\.layer/);
  });

  it('treats a missing or malformed timeline and method as absent', () => {
    expect(parseManifest(minimal)).toMatchObject({ timeline: null, life_circles: null });
    expect(
      parseManifest({ ...minimal, timeline: { first: '2020-13', last: '2021-01' } }).timeline,
    ).toBeNull();
    expect(parseManifest({ ...minimal, timeline: null, life_circles: { computed: true } })).toMatchObject({
      timeline: null,
      life_circles: null,
    });
  });
});

describe('dataUrl', () => {
  it('resolves against the page, so a sub-path deployment works', () => {
    expect(dataUrl('manifest.json', 'https://example.org/atlas/index.html')).toBe(
      'https://example.org/atlas/data/manifest.json',
    );
  });

  it('resolves against the configured data_url instead, on whatever origin it names', () => {
    const page = 'https://atlas.example.org/index.html';
    const bucket = 'https://bucket.example.com/atlas/v1';
    expect(dataFolderUrl(page, bucket)).toBe('https://bucket.example.com/atlas/v1/');
    expect(dataFolderUrl(page, `${bucket}/`)).toBe('https://bucket.example.com/atlas/v1/');
    expect(dataUrl('manifest.json', page, bucket)).toBe('https://bucket.example.com/atlas/v1/manifest.json');
    expect(dataFolderUrl(page, undefined)).toBe('https://atlas.example.org/data/');
  });
});

describe('fileUrl', () => {
  const page = 'https://example.org/atlas/';
  const sha256 = 'c'.repeat(64);
  const files = [
    { path: 'communities.pmtiles', bytes: 9, sha256, hashed_path: 'communities.cccccccccc.pmtiles' },
    { path: 'story.json', bytes: 2, sha256 },
  ];

  it("resolves a manifest key to the file's content-hashed name", () => {
    expect(fileUrl({ files }, 'communities.pmtiles', page)).toBe(
      'https://example.org/atlas/data/communities.cccccccccc.pmtiles',
    );
    expect(fileUrl({ files }, 'communities.pmtiles', page, 'https://cdn.example.com/d')).toBe(
      'https://cdn.example.com/d/communities.cccccccccc.pmtiles',
    );
  });

  it('keeps the plain name for a file stored under it, an unlisted key and a build without a list', () => {
    expect(fileUrl({ files }, 'story.json', page)).toBe('https://example.org/atlas/data/story.json');
    expect(fileUrl({ files }, 'explore.json', page)).toBe('https://example.org/atlas/data/explore.json');
    expect(fileUrl({ files: null }, 'story.json', page)).toBe('https://example.org/atlas/data/story.json');
  });
});

describe('the file list', () => {
  const file = { path: 'explore.json', bytes: 12, sha256: 'a'.repeat(64) };

  afterEach(() => {
    vi.unstubAllGlobals();
    void expectFiles(Promise.resolve([]), (p) => p);
  });

  it('reads files and build_id, and accepts an older manifest without them', () => {
    expect(parseManifest({ ...minimal, build_id: 'abc', files: [file] })).toMatchObject({
      build_id: 'abc',
      files: [file],
    });
    expect(parseManifest(minimal)).toMatchObject({ build_id: '', files: null });
  });

  it('refuses a list it cannot read rather than skipping the checks', () => {
    expect(() => parseManifest({ ...minimal, files: [{ ...file, sha256: 'x' }] })).toThrow(ManifestError);
    expect(() => parseManifest({ ...minimal, files: 'all' })).toThrow(/manifest files is not an array/);
  });

  it('hands the list to the data checks, keyed by the URLs the loaders fetch', async () => {
    const base = 'https://example.org/atlas/';
    vi.stubGlobal('fetch', async () => Response.json({ ...minimal, files: [file] }));
    await loadManifest(base);
    expect(expectedFile(dataUrl('explore.json', base))).toEqual(file);
  });

  it('keys a content-hashed file by the URL fileUrl gives, and asks the server for the manifest each time', async () => {
    const base = 'https://example.org/atlas/';
    const hashed = { ...file, hashed_path: 'explore.aaaaaaaaaa.json' };
    const init: (RequestInit | undefined)[] = [];
    vi.stubGlobal('fetch', async (_url: string, options?: RequestInit) => {
      init.push(options);
      return Response.json({ ...minimal, files: [hashed] });
    });
    const manifest = await loadManifest(base);
    expect(expectedFile(fileUrl(manifest, 'explore.json', base))).toEqual(hashed);
    expect(expectedFile(dataUrl('explore.json', base))).toBeUndefined();
    expect(init).toEqual([{ cache: 'no-cache' }]);
  });

  it('names the URL and CORS when the manifest cannot be fetched at all', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(loadManifest('https://example.org/atlas/')).rejects.toThrow(
      /^https:\/\/example\.org\/atlas\/data\/manifest\.json could not be fetched \(Failed to fetch\).*CORS/,
    );
  });
});
