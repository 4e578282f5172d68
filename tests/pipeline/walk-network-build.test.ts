/**
 * End to end on a made-up town (tests/fixtures/walk-town/, written by
 * scripts/fixtures/make-walk-town.ts): a river crossed by one bridge, a street on each bank.
 * The real build runs twice, with and without the road file, and the expectations are worked
 * out by hand from the town's plan in metres.
 */
import { decodeDetailsPart } from '../../src/contracts/explore-binary-read';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestFile } from '../../src/contracts/manifest';
import type { BuildReport } from '../../src/contracts/report';
import { decodeWalkNetwork } from '../../src/contracts/walk-network-file';
import { NO_SNAP } from '../../src/domain/walk-network/types';
import { COMMUNITIES, KINDERGARTEN, STRANDED, at } from '../../scripts/fixtures/make-walk-town';
import { buildData } from '../../scripts/pipeline/build';
import { decodeTile, openArchive, worldXY } from '../../scripts/pipeline/tiles/test-utils';

const town = 'tests/fixtures/walk-town';
const inputs = {
  communities: join(town, 'communities.csv'),
  amenities: join(town, 'amenities.csv'),
  buildTime: new Date('2024-01-01T00:00:00Z'),
};

let walked: string;
let straight: string;
let roadsOnly: string;
let timings: Record<string, number>;

beforeAll(async () => {
  walked = mkdtempSync(join(tmpdir(), 'atlas-walk-'));
  straight = mkdtempSync(join(tmpdir(), 'atlas-straight-'));
  roadsOnly = mkdtempSync(join(tmpdir(), 'atlas-roads-only-'));
  const roads = join(town, 'roads.geojson');
  ({ timings } = await buildData({ ...inputs, roads, displayCrs: ['GCJ-02'], out: walked }));
  await buildData({ ...inputs, out: straight });
  await buildData({ communities: inputs.communities, roads, out: roadsOnly, buildTime: inputs.buildTime });
}, 120_000);

afterAll(() => {
  for (const dir of [walked, straight, roadsOnly]) rmSync(dir, { recursive: true, force: true });
});

const json = <T>(dir: string, name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

type Properties = Record<string, string | number | boolean>;
function communities(dir: string): Map<string, Properties> {
  const fc = json<{ features: { properties: Properties }[] }>(dir, 'communities.geojson');
  return new Map(fc.features.map((f) => [f.properties.id as string, f.properties]));
}

describe('life circles along the walking network', () => {
  it('sends the community across the river round by the bridge', () => {
    const a = communities(walked).get('WT-A')!;
    // 25 m to its street, 1200 m north, 200 m over the bridge, 1200 m south, 25 m to the gate.
    expect(a.distance_method).toBe('network');
    expect(a.dist_kindergarten).toBeGreaterThan(1000);
    expect(a.dist_kindergarten).toBeCloseTo(2650, -1);
    expect(a.lc5_met).toBe(false);
    expect(String(a.missing_types).split(',')).toContain('kindergarten');
    // In a straight line the same kindergarten is 150 m away.
    expect(communities(straight).get('WT-A')!.dist_kindergarten).toBe(150);
  });

  it('meets the five-minute circle on the kindergarten’s own bank', () => {
    const b = communities(walked).get('WT-B')!;
    // 10 m to the street, 250 m along it, 25 m to the kindergarten.
    expect(b.distance_method).toBe('network');
    expect(b.dist_kindergarten).toBeCloseTo(285, -1);
    expect(b.lc5_met).toBe(true);
  });

  it('keeps straight-line distances for a community 400 m from any road, and says so', () => {
    const c = communities(walked).get('WT-C')!;
    const before = communities(straight).get('WT-C')!;
    expect(c.distance_method).toBe('straight_line');
    for (const key of Object.keys(before).filter((k) => k.startsWith('dist_')))
      expect(c[key], key).toBe(before[key]);
    const report = json<BuildReport>(walked, 'report.json');
    expect(report.warnings).toContainEqual({
      row: 4,
      column: '经度',
      value: '400 m to the nearest road',
      reason: expect.stringMatching(/farther than 300 m from any road: .*straight-line/) as unknown as string,
      table: 'communities',
      file: 'communities.csv',
    });
  });

  it('never walks shorter than the straight line', () => {
    const net = communities(walked);
    for (const [id, before] of communities(straight)) {
      const after = net.get(id)!;
      for (const key of Object.keys(after).filter((k) => k.startsWith('dist_'))) {
        // A walk within the search distance means the straight line is within it too.
        expect(before[key], `${id} ${key}`).toBeDefined();
        expect(after[key] as number, `${id} ${key}`).toBeGreaterThanOrEqual(before[key] as number);
      }
    }
  });

  it('changes nothing without roads', () => {
    const manifest = json<ManifestFile>(straight, 'manifest.json');
    expect(manifest.life_circles.method).toBe('straight-line');
    expect(manifest.life_circles).not.toHaveProperty('network');
    expect(manifest).not.toHaveProperty('walk_network');
    expect(manifest.layers).not.toHaveProperty('streets');
    expect(manifest.fields.map((f) => f.name)).not.toContain('distance_method');
    expect(json<BuildReport>(straight, 'report.json')).not.toHaveProperty('roads');
    for (const p of communities(straight).values()) expect(p).not.toHaveProperty('distance_method');
  });
});

describe('roads without amenities', () => {
  it('writes the streets and the network but claims no life circle', async () => {
    const manifest = json<ManifestFile>(roadsOnly, 'manifest.json');
    expect(manifest.life_circles).toMatchObject({ method: 'network', computed: false });
    expect(manifest.walk_network?.url).toBe('walk-network.bin');
    for (const p of communities(roadsOnly).values()) {
      expect(p).not.toHaveProperty('distance_method');
      expect(p).not.toHaveProperty('lc5_met');
    }
    const all = [...(await streets(join(roadsOnly, 'streets.pmtiles'), 14)).values()];
    expect(all.length).toBeGreaterThan(0);
    expect(all.flatMap((p) => Object.keys(p)).filter((k) => k.startsWith('acc_'))).toEqual([]);
    const report = json<BuildReport>(roadsOnly, 'report.json');
    expect(report.warnings).toEqual([
      expect.objectContaining({
        row: 4,
        table: 'communities',
        reason: expect.stringMatching(/no catchment/),
      }),
    ]);
  });
});

describe('manifest and report of a network build', () => {
  it('times reading the roads and the life circles as steps of their own', () => {
    expect(timings).toHaveProperty('roads');
    expect(timings).toHaveProperty('life_circles');
    expect(timings).toHaveProperty('streets');
  });

  it('names the network, its hash and how the join went', () => {
    const manifest = json<ManifestFile>(walked, 'manifest.json');
    const roads = readFileSync(join(town, 'roads.geojson'));
    const sha256 = createHash('sha256').update(roads).digest('hex');
    expect(manifest.life_circles.method).toBe('network');
    expect(manifest.life_circles.network).toEqual({
      source: 'roads.geojson',
      sha256,
      format: 'geojson',
      crs: 'WGS84',
      // Every vertex a node; shared vertices (the junctions, the renamed lane) once.
      nodes: 14,
      edges: 12,
      communities_snapped: 2,
      communities_straight_line: 1,
      amenities_snapped: 14,
      amenities_unsnapped: 1,
      // The kindergarten and WT-A are each 25 m from their street, the worst of any.
      max_access_m: expect.closeTo(25, 0) as unknown as number,
      access_limit_m: 300,
    });
    expect(manifest.inputs).toContainEqual({
      role: 'roads',
      file: 'roads.geojson',
      bytes: roads.length,
      sha256,
    });
    expect(manifest.fields.map((f) => f.name)).toContain('distance_method');
    const bin = readFileSync(join(walked, 'walk-network.bin'));
    expect(manifest.walk_network).toEqual({ url: 'walk-network.bin', bytes: bin.length });
    expect(manifest.files).toContainEqual({
      path: 'walk-network.bin',
      bytes: bin.length,
      sha256: createHash('sha256').update(bin).digest('hex'),
    });
    expect(manifest.layers.streets).toEqual({
      url: 'streets.pmtiles',
      layer: 'streets',
      minzoom: 9,
      maxzoom: 14,
    });
    expect(manifest.display_layers?.['GCJ-02']?.streets).toMatchObject({
      url: 'gcj02/streets.pmtiles',
      crs: 'GCJ-02',
    });
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['streets.pmtiles', 'gcj02/streets.pmtiles']),
    );
  });

  it('lists the road file’s counts, which add up, and the amenity off every road', () => {
    const report = json<BuildReport>(walked, 'report.json');
    const roads = report.roads!;
    expect(roads).toMatchObject({ file: 'roads.geojson', format: 'geojson', crs: 'WGS84', lines: 7 });
    expect(roads.features_read).toBe(roads.features_used + roads.filtered + roads.rejected);
    expect(roads.rejected_features).toHaveLength(roads.rejected);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        row: 16,
        column: '经度',
        value: '600 m to the nearest road',
        table: 'amenities',
        reason: expect.stringMatching(/not a network source/) as unknown as string,
      }),
    );
    // Only the two points off the network are warned about.
    expect(report.warnings.filter((w) => /from any road/.test(w.reason))).toHaveLength(2);
    expect(STRANDED).toEqual([-700, -1400]);
  });

  it('ships the graph and where each community joins it, in the explore index’s row order', () => {
    const { graph, communitySnaps } = decodeWalkNetwork(readFileSync(join(walked, 'walk-network.bin')));
    const manifest = json<ManifestFile>(walked, 'manifest.json');
    expect(graph.nodeCount).toBe(manifest.life_circles.network!.nodes);
    expect(graph.edgeCount).toBe(manifest.life_circles.network!.edges);
    const details = readFileSync(join(walked, manifest.explore.parts.details));
    const ids = decodeDetailsPart(
      details.buffer.slice(details.byteOffset, details.byteOffset + details.length),
      manifest.explore.count,
    ).id;
    expect(ids).toEqual(COMMUNITIES.map(([id]) => id));
    const accessOf = (id: string) => communitySnaps.access[ids.indexOf(id)]!;
    expect(accessOf('WT-A')).toBeCloseTo(25, 0);
    expect(accessOf('WT-B')).toBeCloseTo(10, 0);
    expect(communitySnaps.edge[ids.indexOf('WT-C')]).toBe(NO_SNAP);
  });
});

/** Every streets feature of the z-level tiles over the town, keyed by MVT id (one per segment). */
async function streets(file: string, z: number): Promise<Map<number, Properties>> {
  const archive = openArchive(new Uint8Array(readFileSync(file)));
  const [west, north] = worldXY(...at(-700, 1600));
  const [east, south] = worldXY(...at(700, -1600));
  const n = 2 ** z;
  const found = new Map<number, Properties>();
  for (let x = Math.floor(west * n); x <= Math.floor(east * n); x++)
    for (let y = Math.floor(north * n); y <= Math.floor(south * n); y++) {
      const tile = await archive.getZxy(z, x, y);
      const layer = tile?.data ? decodeTile(tile.data).layers.streets : undefined;
      for (let i = 0; i < (layer?.length ?? 0); i++) {
        const f = layer!.feature(i);
        expect(f.type).toBe(2);
        found.set(f.id!, f.properties as Properties);
      }
    }
  return found;
}

describe('streets.pmtiles', () => {
  it('has one feature per street segment, with walking metres to the nearest kindergarten', async () => {
    const all = [...(await streets(join(walked, 'streets.pmtiles'), 14)).values()];
    const named = (name: string) => all.filter((p) => p.name === name);
    // 东岸路 (two lines joined where nothing branches) splits only at the bridge.
    const east = named('东岸路').sort(
      (a, b) => Number(a.acc_kindergarten ?? 1e9) - Number(b.acc_kindergarten ?? 1e9),
    );
    expect(east).toHaveLength(2);
    // Its long southern stretch has its midpoint 150 m south of the kindergarten's gate, on the same edge.
    expect(east[0]).toMatchObject({ class: 'minor', acc_kindergarten: expect.closeTo(175, 0) });
    const west = named('西岸路').map((p) => p.acc_kindergarten);
    // Three stretches: south of the lane (3375 m: beyond the 3 km search), between lane and bridge, north.
    expect(west).toHaveLength(3);
    expect(west).toContain(undefined);
    expect(west).toContainEqual(expect.closeTo(2025, 0));
    expect(named('大桥路').map((p) => p.class)).toEqual(['major', 'major', 'major']);
    expect(named('大桥路').map((p) => p.acc_kindergarten)).toContainEqual(expect.closeTo(1325, 0));
    // The lane is two features: its name changes where nothing branches.
    expect(named('甲巷')).toHaveLength(1);
    expect(named('乙巷')).toHaveLength(1);
    // The riverside walk passes under the bridge without a shared vertex: nothing is reachable.
    const underpass = named('滨河步道');
    expect(underpass).toHaveLength(1);
    expect(Object.keys(underpass[0]!).filter((k) => k.startsWith('acc_'))).toEqual([]);
    expect(KINDERGARTEN).toEqual([75, 0]);
  });

  it('draws each class from its own zoom', async () => {
    const classes = async (z: number) =>
      [
        ...new Set([...(await streets(join(walked, 'streets.pmtiles'), z)).values()].map((p) => p.class)),
      ].sort();
    expect(await classes(9)).toEqual(['major']);
    expect(await classes(12)).toEqual(['major', 'minor']);
    expect(await classes(13)).toEqual(['major', 'minor', 'path']);
  });

  it('has the same streets in the GCJ-02 set, moved', async () => {
    const wgs = await streets(join(walked, 'streets.pmtiles'), 14);
    const gcj = await streets(join(walked, 'gcj02', 'streets.pmtiles'), 14);
    expect([...gcj.keys()].sort()).toEqual([...wgs.keys()].sort());
    expect(gcj.get(0)).toEqual(wgs.get(0));
    // GCJ-02 lies a few hundred metres off WGS84 here; the archive's bounds move with the streets.
    const bounds = async (file: string) => {
      const h = await openArchive(new Uint8Array(readFileSync(file))).getHeader();
      return [h.minLon, h.minLat];
    };
    const [w0, s0] = await bounds(join(walked, 'streets.pmtiles'));
    const [w1, s1] = await bounds(join(walked, 'gcj02', 'streets.pmtiles'));
    expect(Math.abs(w1! - w0!) + Math.abs(s1! - s0!)).toBeGreaterThan(0.001);
  });
});
