import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES, type Stage } from '../../src/domain/vocabulary';
import { buildOgImage, readCommunityPoints, type OgImageOptions } from './og-image';
import { decodePng } from './png-pixels';
import { testColors } from './test-colors';

const STAGE_COLORS = Object.fromEntries(STAGES.map((s) => [s, '#f0852d'])) as Record<Stage, string>;

let dir: string;
const options = (dataDir: string): OgImageOptions => ({
  dataDir,
  title: '小区焕新地图',
  subtitle: '城镇老旧小区改造进展',
  colors: testColors(STAGE_COLORS),
  marks: {
    solid: { fillOpacity: 1, strokeWidth: 1, strokeColor: '#ffffff' },
    synthetic: { fillOpacity: 0.2, strokeWidth: 2 },
  },
  // No fonts: the image must still be drawn, with a warning.
  fontDirs: [],
});

const feature = (lng: number, lat: number, stage: string) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties: { stage, is_synthetic: false },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'og-image-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readCommunityPoints', () => {
  it('reads the build’s one-feature-per-line file, and a pretty-printed one', async () => {
    const lines = join(dir, 'lines.geojson');
    const features = [feature(112.9, 28.2, 'completed'), feature(118.1, 24.5, 'design')];
    await writeFile(
      lines,
      `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`,
    );
    const pretty = join(dir, 'pretty.geojson');
    await writeFile(pretty, JSON.stringify({ type: 'FeatureCollection', features }, null, 2));
    for (const file of [lines, pretty]) {
      const points = await readCommunityPoints(file);
      expect(points.length, file).toBe(2);
      expect([...points.lng]).toEqual([112.9, 118.1]);
      expect(points.stage[1]).toBe(STAGES.indexOf('design'));
    }
  });
});

describe('buildOgImage', () => {
  it('is skipped, saying why, when the folder holds no data build', async () => {
    const result = await buildOgImage(options(join(dir, 'nothing')));
    expect(result).toEqual({
      skipped: expect.stringMatching(/manifest\.json not found: run `npm run build:data`/),
    });
  });

  it('names a manifest that is not JSON', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, 'manifest.json'), '{ not json');
    await expect(buildOgImage(options(bad))).rejects.toThrow(/bad\/manifest\.json: /);
  });

  it('draws a 1200 × 630 image without any font, warning instead of failing', async () => {
    const data = join(dir, 'data');
    await mkdir(data);
    await writeFile(
      join(data, 'manifest.json'),
      JSON.stringify({ programmes: [], bbox: [112.9, 24.5, 118.1, 28.2] }),
    );
    await writeFile(
      join(data, 'communities.geojson'),
      `{"type":"FeatureCollection","features":[\n${JSON.stringify(feature(112.9, 28.2, 'completed'))}\n]}\n`,
    );
    const result = await buildOgImage(options(data));
    if ('skipped' in result) throw new Error(result.skipped);
    expect(result.warnings).toEqual([expect.stringMatching(/no font found .*drawn without any text/)]);
    const { width, height, rgba } = decodePng(result.png);
    expect([width, height]).toEqual([1200, 630]);
    // The community's colour is on the map.
    let orange = 0;
    for (let p = 0; p < rgba.length; p += 4)
      if (
        Math.abs(rgba[p]! - 0xf0) < 8 &&
        Math.abs(rgba[p + 1]! - 0x85) < 8 &&
        Math.abs(rgba[p + 2]! - 0x2d) < 8
      )
        orange++;
    expect(orange).toBeGreaterThan(20);
    expect(result.alt).toContain('地图上的小区 1 个');
  }, 60_000);

  it('finds the communities under their content-hashed name (build:data --hash-names)', async () => {
    const data = join(dir, 'hashed');
    await mkdir(data);
    const stored = 'communities.0123456789.geojson';
    await writeFile(
      join(data, 'manifest.json'),
      JSON.stringify({
        programmes: [],
        bbox: [112.9, 24.5, 118.1, 28.2],
        files: [{ path: 'communities.geojson', bytes: 1, sha256: '0'.repeat(64), hashed_path: stored }],
      }),
    );
    const features = [feature(112.9, 28.2, 'completed'), feature(118.1, 24.5, 'design')];
    await writeFile(
      join(data, stored),
      `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`,
    );
    const result = await buildOgImage(options(data));
    if ('skipped' in result) throw new Error(result.skipped);
    expect(result.alt).toContain('地图上的小区 2 个');
  }, 60_000);
});
