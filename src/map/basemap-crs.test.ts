import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { SiteManifest } from '../lib/manifest';
import { fromDisplayCrs, geometryToDisplayCrs, toDisplayCrs } from '../domain/display-crs';
import { crsWithTiles, tileLayersForCrs } from './basemap-crs';

/** A published WGS84 → GCJ-02 pair (googollee/eviltransform's test vectors): Shenzhen. */
const WGS: [number, number] = [113.912316, 22.543847];
const GCJ: [number, number] = [113.9171764808363, 22.540796131694766];

describe('display CRS conversion', () => {
  it('moves a WGS84 point to its GCJ-02 position and back', () => {
    const gcj = toDisplayCrs('GCJ-02', WGS);
    expect(gcj[0]).toBeCloseTo(GCJ[0], 7);
    expect(gcj[1]).toBeCloseTo(GCJ[1], 7);
    const back = fromDisplayCrs('GCJ-02', GCJ);
    expect(back[0]).toBeCloseTo(WGS[0], 6);
    expect(back[1]).toBeCloseTo(WGS[1], 6);
  });

  it('leaves WGS84 as it is', () => {
    expect(toDisplayCrs('WGS84', WGS)).toEqual(WGS);
    expect(fromDisplayCrs('WGS84', WGS)).toEqual(WGS);
  });

  it('converts a copy of GeoJSON, never the original', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [[WGS, [WGS[0] + 0.01, WGS[1]], WGS]] };
    const before = JSON.stringify(square);
    const moved = geometryToDisplayCrs('GCJ-02', square);
    expect(JSON.stringify(square)).toBe(before);
    expect(moved.coordinates[0]![0]![0]).toBeCloseTo(GCJ[0], 7);
    expect(moved.coordinates[0]![0]![1]).toBeCloseTo(GCJ[1], 7);
  });
});

describe('tile sets per CRS', () => {
  const layers: SiteManifest['layers'] = {
    communities: { url: 'communities.pmtiles', layer: 'communities', minzoom: 0, maxzoom: 14 },
  };
  const gcj: SiteManifest['layers'] = {
    communities: { url: 'gcj02/communities.pmtiles', layer: 'communities', minzoom: 0, maxzoom: 14 },
  };

  it('picks the manifest layers for WGS84 and the variant for GCJ-02', () => {
    const manifest = { layers, displayLayers: { 'GCJ-02': gcj } };
    expect(crsWithTiles(manifest)).toEqual(['WGS84', 'GCJ-02']);
    expect(tileLayersForCrs(manifest, 'WGS84')).toBe(layers);
    expect(tileLayersForCrs(manifest, 'GCJ-02')).toBe(gcj);
  });

  it('has no GCJ-02 tiles when the build wrote none', () => {
    const manifest = { layers, displayLayers: {} };
    expect(crsWithTiles(manifest)).toEqual(['WGS84']);
    expect(tileLayersForCrs(manifest, 'GCJ-02')).toBeNull();
  });
});
