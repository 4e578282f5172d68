import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Compression, PMTiles, TileType, tileIdToZxy, zxyToTileId } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { gzip } from './gzip';
import { MVT_POINT, encodeMvt } from './mvt-encode';
import { digestOf } from '../output/output-files';
import { OutputWriter } from '../steps/output-writer';
import { layoutPmtiles, writePmtiles, type PmtilesHeaderInput } from './pmtiles-writer';
import { tilePoints, type TilePoint } from './point-tiles';
import { MemorySource, decodeTile, openArchive, seededRandom } from './test-utils';
import { TileSpool } from './tile-spool';

const HEADER: PmtilesHeaderInput = {
  minZoom: 0,
  maxZoom: 14,
  bounds: [73.4999999, 18.1234567, 134.7654321, 53.5600001],
  center: [116.3912757, 39.906217, 10],
};

/** A gzipped one-feature tile whose single property is `label`. */
function tile(label: string | number): Uint8Array {
  return gzip(
    encodeMvt([{ name: 'l', features: [{ type: MVT_POINT, geometry: [[10, 20]], properties: { label } }] }]),
  );
}

function label(bytes: ArrayBuffer): unknown {
  return decodeTile(bytes).layers.l!.feature(0).properties.label;
}

describe('writePmtiles', () => {
  it('writes a header, metadata and tiles that the pmtiles reader reads back', async () => {
    const tiles = new Map([
      [zxyToTileId(0, 0, 0), tile('z0')],
      [zxyToTileId(14, 13490, 6208), tile('北京')],
      [zxyToTileId(5, 26, 12), tile('z5')],
    ]);
    const metadata = {
      name: 'communities',
      vector_layers: [{ id: 'communities', fields: { name: 'String' } }],
    };
    const bytes = writePmtiles(tiles, HEADER, metadata);
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe('PMTiles');

    const archive = openArchive(bytes);
    const header = await archive.getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      minZoom: 0,
      maxZoom: 14,
      clustered: true,
      internalCompression: Compression.Gzip,
      tileCompression: Compression.Gzip,
      tileType: TileType.Mvt,
      numAddressedTiles: 3,
      numTileEntries: 3,
      numTileContents: 3,
      rootDirectoryOffset: 127,
      leafDirectoryLength: 0,
      centerZoom: 10,
    });
    expect(header.minLon).toBeCloseTo(73.4999999, 7);
    expect(header.minLat).toBeCloseTo(18.1234567, 7);
    expect(header.maxLon).toBeCloseTo(134.7654321, 7);
    expect(header.maxLat).toBeCloseTo(53.5600001, 7);
    expect(header.centerLon).toBeCloseTo(116.3912757, 7);
    expect(header.centerLat).toBeCloseTo(39.906217, 7);
    expect(header.tileDataOffset + header.tileDataLength!).toBe(bytes.length);
    expect(await archive.getMetadata()).toEqual(metadata);

    expect(label((await archive.getZxy(0, 0, 0))!.data)).toBe('z0');
    expect(label((await archive.getZxy(14, 13490, 6208))!.data)).toBe('北京');
    expect(label((await archive.getZxy(5, 26, 12))!.data)).toBe('z5');
    expect(await archive.getZxy(5, 26, 13)).toBeUndefined();
  });

  it('stores tile contents in tile-id order', () => {
    const ids = [zxyToTileId(3, 1, 1), zxyToTileId(0, 0, 0), zxyToTileId(2, 3, 0)];
    const tiles = new Map(ids.map((id, i) => [id, tile(`t${i}`)]));
    const bytes = writePmtiles(tiles, HEADER, {});
    const data = bytes.subarray(Number(new DataView(bytes.buffer).getBigUint64(56, true)));
    const order = [...ids].sort((a, b) => a - b);
    let at = 0;
    for (const id of order) {
      const t = tiles.get(id)!;
      expect(data.subarray(at, at + t.length)).toEqual(new Uint8Array(t));
      at += t.length;
    }
  });

  it('stores identical tiles once and run-length encodes consecutive ones', async () => {
    const water = tile('water');
    const land = tile('land');
    const tiles = new Map<number, Uint8Array>();
    // ids 100..109 all water (one run), 200 land, 300 water again (same content, new entry).
    for (let id = 100; id < 110; id++) tiles.set(id, gzip(gunzipSync(water)));
    tiles.set(200, land);
    tiles.set(300, water);
    const bytes = writePmtiles(tiles, HEADER, {});
    // The reader's own gzip path here; the other tests swap in zlib for speed.
    const archive = new PMTiles(new MemorySource(bytes));
    const header = await archive.getHeader();
    expect(header.numAddressedTiles).toBe(12);
    expect(header.numTileEntries).toBe(3);
    expect(header.numTileContents).toBe(2);
    expect(header.tileDataLength).toBe(water.length + land.length);
    for (const id of [100, 105, 109, 300]) {
      const response = await archive.getZxy(...tileIdToZxy(id));
      expect(label(response!.data)).toBe('water');
    }
    expect(label((await archive.getZxy(...tileIdToZxy(200)))!.data)).toBe('land');
    expect(await archive.getZxy(...tileIdToZxy(110))).toBeUndefined();
  });

  it('moves entries into leaf directories when the root would pass 16 KiB', async () => {
    const tiles = new Map<number, Uint8Array>();
    const side = 150; // 22,500 distinct z14 tiles
    for (let x = 0; x < side; x++) {
      for (let y = 0; y < side; y++) tiles.set(zxyToTileId(14, 13000 + x, 6000 + y), tile(x * side + y));
    }
    const bytes = writePmtiles(tiles, HEADER, { name: 'many' });
    const source = new MemorySource(bytes);
    const archive = openArchive(source);
    const header = await archive.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16384);
    expect(header.numTileEntries).toBe(side * side);
    expect(header.numTileContents).toBe(side * side);
    // Every tile, reached through its leaf.
    for (let x = 0; x < side; x++) {
      for (let y = 0; y < side; y++) {
        const response = await archive.getZxy(14, 13000 + x, 6000 + y);
        expect(label(response!.data)).toBe(x * side + y);
      }
    }
    expect(await archive.getZxy(14, 13000 + side, 6000)).toBeUndefined();
    expect(
      source.requests.some(
        ([offset]) => offset >= header.leafDirectoryOffset && offset < header.tileDataOffset,
      ),
    ).toBe(true);
  }, 60_000);

  it('writes an empty archive that readers accept', async () => {
    const archive = openArchive(writePmtiles(new Map(), HEADER, {}));
    expect((await archive.getHeader()).numAddressedTiles).toBe(0);
    expect(await archive.getZxy(0, 0, 0)).toBeUndefined();
  });

  it('rejects tiles that are not gzipped and impossible headers', () => {
    const raw = encodeMvt([{ name: 'l', features: [{ type: MVT_POINT, geometry: [[1, 1]] }] }]);
    expect(() => writePmtiles(new Map([[zxyToTileId(2, 1, 3), raw]]), HEADER, {})).toThrow(
      /Tile 2\/1\/3 .* is not gzip-compressed/,
    );
    expect(() => writePmtiles(new Map([[zxyToTileId(15, 0, 0), tile('deep')]]), HEADER, {})).toThrow(
      /Tile 15\/0\/0 lies outside the header's zooms 0–14/,
    );
    expect(() => writePmtiles(new Map(), { ...HEADER, minZoom: 15 }, {})).toThrow(
      /minZoom 15 exceeds maxZoom 14/,
    );
    expect(() => writePmtiles(new Map(), { ...HEADER, maxZoom: 1.5 }, {})).toThrow(
      /maxZoom must be an integer/,
    );
    expect(() => writePmtiles(new Map(), { ...HEADER, bounds: [135, 18, 73, 54] }, {})).toThrow(
      /bounds must be/,
    );
    expect(() => writePmtiles(new Map(), { ...HEADER, center: [NaN, 30, 3] }, {})).toThrow(/finite/);
  });

  it('gives the same bytes for the same input', () => {
    const tiles = new Map([
      [1, tile('a')],
      [7, tile('b')],
    ]);
    expect(writePmtiles(tiles, HEADER, { a: 1 })).toEqual(
      writePmtiles(new Map([...tiles].reverse()), HEADER, { a: 1 }),
    );
  });
});

describe('layoutPmtiles', () => {
  it('streams from spooled tiles, one piece at a time, the archive writePmtiles makes in memory', async () => {
    // Enough points for thousands of tiles, and so many pieces and several write buffers.
    const random = seededRandom(11);
    const points: TilePoint[] = Array.from({ length: 3000 }, (_, i) => ({
      lng: 100 + random() * 20,
      lat: 22 + random() * 15,
      properties: { id: `c${i}`, households: Math.floor(random() * 900), kind: i % 3 ? 'a' : 'b' },
    }));
    const opts = { layer: 'communities', minZoom: 0, maxZoom: 12, workers: 1 };
    const held = tilePoints(points, opts);
    const spooled = tilePoints(points, { ...opts, spool: true });
    expect(spooled.tiles).toBeInstanceOf(TileSpool);
    const metadata = { name: 'communities', vector_layers: [held.vectorLayer] };
    const expected = writePmtiles(held.tiles, HEADER, metadata);

    const dir = mkdtempSync(join(tmpdir(), 'pmtiles-stream-'));
    try {
      const out = new OutputWriter(dir);
      const layout = layoutPmtiles(spooled.tiles, HEADER, metadata);
      expect(layout.bytes).toBe(expected.length);
      await out.writePieces('communities.pmtiles', layout.pieces());
      const written = readFileSync(join(dir, 'communities.pmtiles'));
      expect(written.equals(expected)).toBe(true);
      // The manifest entry was hashed while streaming, and matches the bytes on disk.
      expect(out.entries).toEqual([digestOf('communities.pmtiles', written)]);

      const archive = openArchive(new Uint8Array(written));
      const header = await archive.getHeader();
      expect(header.numAddressedTiles).toBe(held.tiles.size);
      expect(written.length).toBeGreaterThan(1 << 20);
      for (const id of [...held.tiles.keys()].filter((_, k) => k % 31 === 0)) {
        const response = await archive.getZxy(...tileIdToZxy(id));
        expect(Buffer.from(gunzipSync(held.tiles.get(id)!)).equals(Buffer.from(response!.data))).toBe(true);
      }
    } finally {
      (spooled.tiles as TileSpool).close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The input of the committed fixture: a handful of communities. */
const TINY_POINTS: TilePoint[] = [
  {
    lng: 116.3975,
    lat: 39.9087,
    properties: { id: 'BJ-001', name: '<b>楼</b>', city: '北京', households: 820, lc5_met: true },
  },
  {
    lng: 116.4102,
    lat: 39.9151,
    properties: { id: 'BJ-002', name: '东四三条', city: '北京', households: 310, year_built: 1985 },
  },
  {
    lng: 121.4737,
    lat: 31.2304,
    properties: { id: 'SH-001', name: '曹杨新村', city: '上海', households: 1520, ratio: 0.875 },
  },
  {
    lng: 113.2644,
    lat: 23.1291,
    properties: { id: 'GZ-001', name: '六榕街小区', city: '广州', households: 95, note: null },
  },
  {
    lng: 104.0665,
    lat: 30.5723,
    properties: { id: 'CD-001', name: '玉林北路', city: '成都', households: 400, lc5_met: false },
  },
];
const FIXTURE = new URL('./fixtures/tiny.pmtiles', import.meta.url);

describe('golden archive', () => {
  /** The fixture's recipe; rerun with UPDATE_GOLDEN=1 to rewrite it after an intended format change. */
  function build(): Uint8Array {
    const { tiles, vectorLayer } = tilePoints(TINY_POINTS, { layer: 'communities', workers: 0 });
    return writePmtiles(
      tiles,
      { minZoom: 0, maxZoom: 14, bounds: [104.0665, 23.1291, 121.4737, 39.9151], center: [112.77, 31.52, 4] },
      { name: 'tiny', vector_layers: [vectorLayer] },
    );
  }

  it('is still produced byte for byte', () => {
    const bytes = build();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FIXTURE, bytes);
    const golden = new Uint8Array(readFileSync(FIXTURE));
    // A difference means the archive or tile encoding changed. If intended, rewrite the fixture;
    // a Node upgrade that changes zlib's output would show here too.
    expect(bytes.length).toBe(golden.length);
    expect(Buffer.from(bytes).equals(Buffer.from(golden))).toBe(true);
  });

  it('decodes to the points it was made from', async () => {
    const archive = openArchive(new Uint8Array(readFileSync(FIXTURE)));
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom, header.numAddressedTiles > 0]).toEqual([0, 14, true]);
    expect(await archive.getMetadata()).toMatchObject({
      name: 'tiny',
      vector_layers: [{ id: 'communities' }],
    });
    const { tiles } = tilePoints(TINY_POINTS, { layer: 'communities', workers: 0 });
    const names: unknown[] = [];
    for (const id of tiles.keys()) {
      const [z, x, y] = tileIdToZxy(id);
      if (z !== 14) continue;
      const layer = decodeTile((await archive.getZxy(z, x, y))!.data).layers.communities!;
      for (let i = 0; i < layer.length; i++) names.push(layer.feature(i).properties.name);
    }
    expect(names.sort()).toEqual(TINY_POINTS.map((p) => p.properties!.name).sort());
  });
});
