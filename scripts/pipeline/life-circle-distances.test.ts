import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../src/domain/life-circles';
import { mulberry32 } from '../../src/domain/mulberry32';
import { AMENITY_TYPES } from '../../src/domain/vocabulary';
import { EARTH_RADIUS_M, haversineMetres } from '../../src/domain/walk-network/geodesy';
import { distancesOf, nearestAmenityDistances, type NearestDistanceTable } from './life-circle-distances';

interface Pt {
  lng: number;
  lat: number;
}

/** Point `metres` due north of p (exact on the haversine sphere). */
function north(p: Pt, metres: number): Pt {
  return { lng: p.lng, lat: p.lat + ((metres / EARTH_RADIUS_M) * 180) / Math.PI };
}

/** Point `metres` due east of p along the parallel (exact under the haversine formula). */
function east(p: Pt, metres: number): Pt {
  const dLng = 2 * Math.asin(Math.sin(metres / EARTH_RADIUS_M / 2) / Math.cos((p.lat * Math.PI) / 180));
  return { lng: p.lng + (dLng * 180) / Math.PI, lat: p.lat };
}

/** The slow, obviously right answer. */
function bruteNearest(
  c: Pt,
  amenities: readonly (Pt & { type: string })[],
  type: string,
  max: number,
): number | null {
  let best = Infinity;
  for (const a of amenities) {
    if (a.type !== type) continue;
    const d = haversineMetres(c.lng, c.lat, a.lng, a.lat);
    if (d < best) best = d;
  }
  return best <= max ? best : null;
}

function column(table: NearestDistanceTable, type: string): Float32Array {
  const col = table.columns.get(type);
  if (!col) throw new Error(`no column ${type}`);
  return col;
}

const HANGZHOU: Pt = { lng: 120.155, lat: 30.274 };

describe('haversineMetres', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(haversineMetres(120, 30, 120, 31)).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3);
  });
  it('agrees with geokdbush distance() up to the ratio of the radii', () => {
    const d = haversineMetres(116.4, 39.9, 121.47, 31.23);
    expect(d).toBeGreaterThan(1_060_000);
    expect(d).toBeLessThan(1_075_000);
  });
});

describe('nearestAmenityDistances', () => {
  const types = ['kindergarten', 'primary_school', 'middle_school', 'public_toilet'];

  function randomScene(
    seed: number,
    n: number,
    m: number,
    spreadDeg: number,
  ): { communities: Pt[]; amenities: (Pt & { type: string })[] } {
    const rnd = mulberry32(seed);
    const jitter = (): Pt => ({
      lng: HANGZHOU.lng + (rnd() - 0.5) * spreadDeg,
      lat: HANGZHOU.lat + (rnd() - 0.5) * spreadDeg,
    });
    const communities = Array.from({ length: n }, jitter);
    const amenities = Array.from({ length: m }, () => ({
      ...jitter(),
      type: types[Math.floor(rnd() * types.length)] as string,
    }));
    return { communities, amenities };
  }

  it.each([
    ['dense city (±3 km)', 1, 0.06],
    ['sparse region (±30 km, many none within 3 km)', 2, 0.6],
  ])('matches brute-force haversine on random points: %s', (_label, seed, spread) => {
    const { communities, amenities } = randomScene(seed, 400, 600, spread);
    const table = nearestAmenityDistances(communities, amenities, { types });
    expect(table.count).toBe(400);
    let found = 0;
    let none = 0;
    for (const type of types) {
      const col = column(table, type);
      communities.forEach((c, i) => {
        const expected = bruteNearest(c, amenities, type, 3000);
        const got = col[i] as number;
        if (expected === null) {
          expect(got, `${type} #${i}`).toBeNaN();
          none++;
        } else {
          expect(Math.abs(got - expected), `${type} #${i}`).toBeLessThanOrEqual(0.5);
          found++;
        }
      });
    }
    // The scene must exercise both answers, or the comparison proves little.
    expect(found).toBeGreaterThan(100);
    if (spread > 0.1) expect(none).toBeGreaterThan(100);
  });

  it('finds what geokdbush around() finds', () => {
    const { communities, amenities } = randomScene(3, 300, 400, 0.3);
    const table = nearestAmenityDistances(communities, amenities, { types });
    for (const type of types) {
      const pts = amenities.filter((a) => a.type === type);
      const index = new KDBush(pts.length);
      for (const p of pts) index.add(p.lng, p.lat);
      index.finish();
      const col = column(table, type);
      communities.forEach((c, i) => {
        const [id] = around(index, c.lng, c.lat, 1, 2.9); // km, a little inside 3 km: radii differ slightly
        if (id === undefined) return;
        const p = pts[id] as Pt;
        expect(col[i]).toBeCloseTo(haversineMetres(c.lng, c.lat, p.lng, p.lat), 1);
      });
    }
  });

  it('stays exact in a deep tree with many duplicates and ties', () => {
    const rnd = mulberry32(4);
    const amenities: (Pt & { type: string })[] = [];
    for (let i = 0; i < 3000; i++) amenities.push({ ...HANGZHOU, type: 'parking' });
    for (let i = 0; i < 20000; i++) {
      amenities.push({
        lng: HANGZHOU.lng + (rnd() - 0.5) * 0.05,
        lat: HANGZHOU.lat + (rnd() - 0.5) * 0.05,
        type: 'parking',
      });
    }
    const communities = Array.from({ length: 200 }, () => ({
      lng: HANGZHOU.lng + (rnd() - 0.5) * 0.08,
      lat: HANGZHOU.lat + (rnd() - 0.5) * 0.08,
    }));
    const table = nearestAmenityDistances(communities, amenities, { types: ['parking'] });
    const col = column(table, 'parking');
    communities.forEach((c, i) => {
      const expected = bruteNearest(c, amenities, 'parking', 3000);
      expect(expected).not.toBeNull();
      expect(Math.abs((col[i] as number) - (expected as number))).toBeLessThanOrEqual(0.5);
    });
  });

  it('reports null for a type with no amenities, and lists every vocabulary type by default', () => {
    const table = nearestAmenityDistances([HANGZHOU], [{ ...HANGZHOU, type: 'kindergarten' }]);
    const record = distancesOf(table, 0);
    expect(Object.keys(record)).toEqual(AMENITY_TYPES.map((a) => a.type));
    expect(record.kindergarten).toBe(0);
    expect(record.middle_school).toBeNull();
  });

  it('keeps types outside the vocabulary after the vocabulary ones', () => {
    const table = nearestAmenityDistances([HANGZHOU], [{ ...north(HANGZHOU, 42), type: 'swimming_pool' }]);
    expect(table.types.at(-1)).toBe('swimming_pool');
    expect(distancesOf(table, 0).swimming_pool).toBeCloseTo(42, 1);
  });

  it('gives 0 for an amenity exactly at the community', () => {
    const table = nearestAmenityDistances([HANGZHOU], [{ ...HANGZHOU, type: 'market' }], {
      types: ['market'],
    });
    expect(column(table, 'market')[0]).toBe(0);
  });

  it('measures the circle radii exactly enough to judge 300/500/1000 m', () => {
    const c = HANGZHOU;
    // Each amenity's direction and distance, and whether its circle counts it as near enough.
    const cases = [
      { type: 'kindergarten', at: north, metres: 299.5, near: true }, // lc5, just inside
      { type: 'nursery', at: east, metres: 300.5, near: false }, // lc5, just outside
      { type: 'health_station', at: east, metres: 300, near: true }, // lc5, on the line
      { type: 'primary_school', at: north, metres: 500, near: true }, // lc10, on the line
      { type: 'market', at: east, metres: 500.5, near: false }, // lc10, just outside
      { type: 'middle_school', at: east, metres: 1000, near: true }, // lc15, on the line
      { type: 'health_centre', at: north, metres: 1000.5, near: false }, // lc15, just outside
    ];
    const amenities = cases.map(({ type, at, metres }) => ({ ...at(c, metres), type }));
    const record = distancesOf(nearestAmenityDistances([c], amenities), 0);
    const missing = evaluateCoverage(record).missing_types;
    for (const { type, metres, near } of cases) {
      expect(record[type], type).toBeCloseTo(metres, 1);
      expect(missing.includes(type), type).toBe(!near);
    }
  });

  it('searches no farther than maxSearchMetres', () => {
    const c = HANGZHOU;
    const amenities = [
      { ...north(c, 2999), type: 'bank_post' },
      { ...east(c, 3001), type: 'police_station' },
    ];
    const byDefault = distancesOf(nearestAmenityDistances([c], amenities), 0);
    expect(byDefault.bank_post).toBeCloseTo(2999, 1);
    expect(byDefault.police_station).toBeNull();
    const wider = distancesOf(nearestAmenityDistances([c], amenities, { maxSearchMetres: 5000 }), 0);
    expect(wider.police_station).toBeCloseTo(3001, 1);
    const narrower = distancesOf(nearestAmenityDistances([c], amenities, { maxSearchMetres: 500 }), 0);
    expect(narrower.bank_post).toBeNull();
  });

  it('skips invalid coordinates on either side', () => {
    const table = nearestAmenityDistances(
      [{ lng: Number.NaN, lat: 30 }, HANGZHOU],
      [
        { lng: Number.NaN, lat: Number.NaN, type: 'parking' },
        { ...north(HANGZHOU, 10), type: 'parking' },
      ],
      { types: ['parking'] },
    );
    expect(distancesOf(table, 0).parking).toBeNull();
    expect(distancesOf(table, 1).parking).toBeCloseTo(10, 1);
  });

  it('rejects a nonsense search distance and an out-of-range community index', () => {
    expect(() => nearestAmenityDistances([], [], { maxSearchMetres: -1 })).toThrow(/maxSearchMetres/);
    expect(() => nearestAmenityDistances([], [], { maxSearchMetres: Number.NaN })).toThrow(/maxSearchMetres/);
    const table = nearestAmenityDistances([HANGZHOU], []);
    expect(() => distancesOf(table, 1)).toThrow(/outside 0\.\.0/);
  });

  it('handles no communities', () => {
    const table = nearestAmenityDistances([], [{ ...HANGZHOU, type: 'parking' }]);
    expect(table.count).toBe(0);
    expect(column(table, 'parking').length).toBe(0);
  });
});
