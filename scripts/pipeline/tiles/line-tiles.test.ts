import { describe, expect, it } from 'vitest';
import { clipPolyline, tileLines, type LineSource, type TileLine } from './line-tiles';
import { writePmtiles } from './pmtiles-writer';
import { decodeTile, lngLatOf, openArchive, worldXY } from './test-utils';

describe('clipPolyline', () => {
  it('keeps a line inside the box whole and drops one outside', () => {
    const inside = [1, 1, 5, 2, 8, 8];
    expect(clipPolyline(inside, 3, 0, 0, 10, 10)).toEqual([inside]);
    expect(clipPolyline([20, 20, 30, 25], 2, 0, 0, 10, 10)).toEqual([]);
  });

  it('cuts a line that leaves and comes back into two parts ending on the edge', () => {
    // In at the left edge, out through the top (y = 10), back in through the top, out at the right.
    const parts = clipPolyline([-5, 5, 5, 12, 8, 5, 15, 5], 4, 0, 0, 10, 10);
    expect(parts).toHaveLength(2);
    const [a, b] = [parts[0]!, parts[1]!];
    for (const [actual, expected] of [
      [a, [0, 8.5, 5 / 0.7 - 5, 10]],
      [b, [5 + 6 / 7, 10, 8, 5, 10, 5]],
    ] as const) {
      expect(actual).toHaveLength(expected.length);
      expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 9));
    }
  });

  it('leaves out a line that only touches a corner', () => {
    expect(clipPolyline([-5, 5, 5, 15], 2, 0, 0, 10, 10)).toEqual([]);
  });

  it('keeps a segment running along the edge', () => {
    expect(clipPolyline([0, 2, 0, 8], 2, 0, 0, 10, 10)).toEqual([[0, 2, 0, 8]]);
  });
});

/** Tile x, y of a position at zoom z. */
function tileAt(lng: number, lat: number, z: number): [number, number] {
  const [x, y] = worldXY(lng, lat);
  return [Math.floor(x * 2 ** z), Math.floor(y * 2 ** z)];
}

interface Decoded {
  id: number | undefined;
  properties: Record<string, unknown>;
  /** Vertices back in lng/lat. */
  lines: [number, number][][];
}

async function featuresAt(bytes: Uint8Array, z: number, x: number, y: number): Promise<Decoded[]> {
  const tile = await openArchive(bytes).getZxy(z, x, y);
  if (!tile?.data) return [];
  const layer = decodeTile(tile.data).layers.streets;
  if (!layer) return [];
  const out: Decoded[] = [];
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    expect(f.type).toBe(2);
    const lines = f
      .loadGeometry()
      .map((ring) => ring.map((p) => lngLatOf((x + p.x / f.extent) / 2 ** z, (y + p.y / f.extent) / 2 ** z)));
    out.push({ id: f.id, properties: f.properties, lines });
  }
  return out;
}

describe('tileLines', () => {
  // Around one z14 tile of Changsha: a long major road crossing tile edges, a minor street and a path.
  const [x14, y14] = tileAt(112.95, 28.2, 14);
  const [west, north] = lngLatOf(x14 / 2 ** 14, y14 / 2 ** 14);
  const [east, south] = lngLatOf((x14 + 1) / 2 ** 14, (y14 + 1) / 2 ** 14);
  const midLat = (north + south) / 2;
  const lines: TileLine[] = [
    {
      coords: new Float64Array([
        west - 0.01,
        midLat,
        (west + east) / 2,
        midLat + 0.0001,
        east + 0.01,
        midLat,
      ]),
      minZoom: 9,
      properties: { class: 'major', name: '芙蓉路', acc_kindergarten: 120, note: null },
    },
    {
      coords: new Float64Array([west + 0.001, south + 0.001, west + 0.002, north - 0.001]),
      minZoom: 12,
      properties: { class: 'minor' },
    },
    {
      coords: new Float64Array([east - 0.002, south + 0.0005, east - 0.001, south + 0.001]),
      minZoom: 13,
      properties: { class: 'path' },
    },
    { coords: new Float64Array([west, south]), minZoom: 9, properties: { class: 'path' } },
  ];
  const set = tileLines(lines, { layer: 'streets', minZoom: 9, maxZoom: 14, workers: 0 });
  const bytes = writePmtiles(
    set.tiles,
    { minZoom: 9, maxZoom: 14, bounds: [west - 0.01, south, east + 0.01, north], center: [112.95, 28.2, 12] },
    { name: 'streets', vector_layers: [set.vectorLayer] },
  );

  it('writes each line from its own first zoom', async () => {
    for (const [z, classes] of [
      [9, ['major']],
      [11, ['major']],
      [12, ['major', 'minor']],
      [13, ['major', 'minor', 'path']],
      [14, ['major', 'minor', 'path']],
    ] as const) {
      const [x, y] = tileAt(112.95, 28.2, z);
      const found = (await featuresAt(bytes, z, x, y)).map((f) => f.properties.class);
      expect(found.sort(), `z${z}`).toEqual([...classes].sort());
    }
    expect(set.stats.dropped[11]).toBe(3); // minor, path and the one-vertex line
    expect(set.stats.dropped[14]).toBe(1);
  });

  it('keeps positions, properties and ids, and cuts a line at tile edges', async () => {
    const here = await featuresAt(bytes, 14, x14, y14);
    const major = here.find((f) => f.properties.class === 'major')!;
    expect(major.id).toBe(0);
    expect(major.properties).toEqual({ class: 'major', name: '芙蓉路', acc_kindergarten: 120 });
    // The middle vertex comes back within a tile unit (~2 cm at z14 here).
    const middle = major.lines[0]!.find(([lng]) => Math.abs(lng - (west + east) / 2) < 1e-6);
    expect(middle?.[1]).toBeCloseTo(midLat + 0.0001, 6);
    // The same road is in the neighbouring tiles, under the same id.
    for (const dx of [-1, 1]) {
      const next = await featuresAt(bytes, 14, x14 + dx, y14);
      expect(next.map((f) => f.id)).toContain(0);
    }
    // Clipped to the tile plus its buffer (64 of 4096), not carried across the neighbour.
    const span = east - west;
    for (const [lng] of major.lines.flat()) {
      expect(lng).toBeGreaterThanOrEqual(west - span * (65 / 4096));
      expect(lng).toBeLessThanOrEqual(east + span * (65 / 4096));
    }
  });

  it('describes the layer as tippecanoe would', () => {
    expect(set.vectorLayer).toEqual({
      id: 'streets',
      minzoom: 9,
      maxzoom: 14,
      fields: { class: 'String', name: 'String', acc_kindergarten: 'Number' },
    });
    expect(set.stats.tiles).toBe(set.tiles.size);
  });

  it('gives the same tiles and fields from a LineSource as from line objects', () => {
    // Written differently from `lineSource`: vertices from one flat array, properties pair by pair.
    const flat = lines.map((line) => Array.from(line.coords));
    const source: LineSource = {
      count: lines.length,
      vertexCount: (i) => flat[i]!.length >> 1,
      coordsInto: (i, out) => out.set(flat[i]!),
      minZoom: (i) => lines[i]!.minZoom,
      eachProperty: (i, sink) => Object.entries(lines[i]!.properties ?? {}).forEach(([k, v]) => sink(k, v)),
    };
    const fromSource = tileLines(source, { layer: 'streets', minZoom: 9, maxZoom: 14, workers: 0 });
    expect(fromSource.vectorLayer).toEqual(set.vectorLayer);
    expect(fromSource.stats).toEqual(set.stats);
    expect([...fromSource.tiles.keys()]).toEqual([...set.tiles.keys()]);
    for (const [id, tile] of set.tiles)
      expect(Buffer.from(fromSource.tiles.get(id)!).equals(Buffer.from(tile))).toBe(true);
  });

  it('writes a line that leaves a tile and comes back as one feature of two pieces', async () => {
    // A U-turn: east out of the z14 tile past its buffer, then back west into it further south.
    const out = east + (east - west) * 0.2;
    const uTurn: TileLine[] = [
      {
        coords: [
          west + (east - west) * 0.5,
          midLat + 0.002,
          out,
          midLat + 0.002,
          out,
          midLat - 0.002,
          west + (east - west) * 0.5,
          midLat - 0.002,
        ],
        properties: { class: 'minor' },
      },
    ];
    const one = tileLines(uTurn, { layer: 'streets', minZoom: 14, maxZoom: 14, workers: 0 });
    const archive = writePmtiles(
      one.tiles,
      { minZoom: 14, maxZoom: 14, bounds: [west, south, out, north], center: [112.95, 28.2, 14] },
      { name: 'streets', vector_layers: [one.vectorLayer] },
    );
    const here = await featuresAt(archive, 14, x14, y14);
    expect(here).toHaveLength(1);
    expect(here[0]!.lines).toHaveLength(2);
    expect(here[0]!.id).toBe(0);
  });

  it('refuses zooms it cannot write', () => {
    expect(() => tileLines([], { layer: 'x', minZoom: 15, maxZoom: 14 })).toThrow(/minZoom/);
  });
});
