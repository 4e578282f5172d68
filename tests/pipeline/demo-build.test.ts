/**
 * The bundled demo built through the real pipeline: every published figure with a metric is
 * reproduced by the communities, every community is in the tiles at the maximum zoom (read back
 * with the pmtiles and @mapbox/vector-tile readers), and illustrative data is flagged.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '../../src/domain/programmes';
import { buildData } from '../../scripts/pipeline/build';
import { decodeTile, openArchive, worldXY } from '../../scripts/pipeline/tiles/test-utils';

let out: string;
let features: FeatureCollection<Point, Record<string, unknown>>['features'];
let manifest: {
  programmes: (Programme & { communities: number; figures: { computed?: number; reproduced?: boolean }[] })[];
  layers: { communities: { maxzoom: number } };
  counts: { communities: number };
};

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'atlas-demo-'));
  await buildData({
    communities: 'data/communities.csv',
    amenities: 'data/amenities.csv',
    programmes: 'data/programmes.json',
    out,
  });
  features = (JSON.parse(readFileSync(join(out, 'communities.geojson'), 'utf8')) as FeatureCollection<Point>)
    .features as typeof features;
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as typeof manifest;
});

describe('demo build', () => {
  it('accepts every demo row', () => {
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, number>;
    expect(report.rows_rejected).toBe(0);
    expect(features.length).toBe(manifest.counts.communities);
  });

  it('reproduces each published figure that has a metric', () => {
    const names = manifest.programmes.map((p) => p.id);
    expect(names).toHaveLength(5);
    let checked = 0;
    for (const p of manifest.programmes) {
      for (const f of p.figures) {
        if (!f.metric) continue;
        checked++;
        const label = `${p.id} ${f.key}`;
        // "500个以上" publishes a floor; every other figure must come out exactly.
        if (f.qualifier === 'more_than') expect(f.computed, label).toBeGreaterThanOrEqual(f.value_canonical);
        else expect(f.computed, label).toBe(f.value_canonical);
        expect(f.reproduced, label).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(50);
  });

  it('names a seed file as the source of every figure', () => {
    const seeds = '../shared/seeds';
    for (const p of manifest.programmes) {
      for (const f of p.figures) {
        expect(f.source).toMatch(/^00\d_[0-9a-f]{16}\.txt$/);
        if (existsSync(seeds)) expect(existsSync(join(seeds, f.source))).toBe(true);
      }
    }
  });

  it('carries the document behind every source, for readable source lines', () => {
    for (const p of manifest.programmes) {
      const refs = (p.documents ?? []).map((d) => d.ref);
      expect(refs, p.id).toContain(p.source);
      for (const f of p.figures) expect(refs, `${p.id} ${f.key}`).toContain(f.source);
      for (const d of p.documents ?? []) expect(d.title ?? d.description_zh, d.ref).toBeTruthy();
    }
  });

  it('flags illustrative communities and never claims an exact position for them', () => {
    const synthetic = features.filter((f) => f.properties.is_synthetic === true);
    expect(synthetic.length).toBeGreaterThan(0);
    for (const f of synthetic) expect(f.properties.location_precision).not.toBe('exact');
    for (const f of features) expect(typeof f.properties.is_synthetic).toBe('boolean');
  });

  it('puts every community in the tiles at the maximum zoom, once, with its properties', async () => {
    const z = manifest.layers.communities.maxzoom;
    expect(z).toBeGreaterThanOrEqual(14);
    const archive = openArchive(new Uint8Array(readFileSync(join(out, 'communities.pmtiles'))));
    const byTile = new Map<string, string[]>();
    for (const f of features) {
      const [x, y] = worldXY(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!);
      const key = `${Math.floor(x * 2 ** z)}/${Math.floor(y * 2 ** z)}`;
      byTile.set(key, [...(byTile.get(key) ?? []), String(f.properties.id)]);
    }
    const byId = new Map(features.map((f) => [String(f.properties.id), f.properties]));
    const seen = new Map<string, number>();
    for (const [key, ids] of byTile) {
      const [x, y] = key.split('/').map(Number) as [number, number];
      const tile = await archive.getZxy(z, x, y);
      expect(tile, `tile ${z}/${key}`).toBeDefined();
      const layer = decodeTile(tile!.data).layers.communities!;
      const found = new Set<string>();
      for (let i = 0; i < layer.length; i++) {
        const props = layer.feature(i).properties;
        const id = String(props.id);
        found.add(id);
        seen.set(id, (seen.get(id) ?? 0) + 1);
        const want = byId.get(id)!;
        expect({ name: props.name, stage: props.stage, households: props.households }).toEqual({
          name: want.name,
          stage: want.stage,
          households: want.households,
        });
      }
      for (const id of ids) expect(found.has(id), `community ${id} in tile ${z}/${key}`).toBe(true);
    }
    expect(seen.size).toBe(features.length);
    for (const count of seen.values()) expect(count).toBe(1);
  });

  it('aggregates every community into the H3 cells', () => {
    const layer = JSON.parse(readFileSync(join(out, 'aggregates/h3-r7.json'), 'utf8')) as {
      cells: { count: number; households: number }[];
    };
    expect(layer.cells.reduce((s, c) => s + c.count, 0)).toBe(features.length);
    const households = features.reduce((s, f) => s + ((f.properties.households as number) ?? 0), 0);
    expect(layer.cells.reduce((s, c) => s + c.households, 0)).toBe(households);
  });
});
