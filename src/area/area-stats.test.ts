import turfArea from '@turf/area';
import { describe, expect, it } from 'vitest';
import type { FundField } from '../domain/vocabulary';
import {
  areaStats,
  isCompleteShape,
  rowsInShape,
  shapeAreaM2,
  shapePolygon,
  type AreaColumns,
  type AreaShape,
} from './area-stats';
import { polygon } from './test-shapes';

/** Metres per degree of latitude on turf's sphere (radius 6,371,008.8 m). */
const M_PER_DEG = (6371008.8 * Math.PI) / 180;

interface Row {
  lng: number;
  lat: number;
  households?: number;
  residents?: number;
  stage?: string;
  funds?: Partial<Record<FundField, number>>;
  synthetic?: boolean;
  /** [lc5, lc10, lc15]: 1 met, 0 not, -1 no result. */
  lc?: [number, number, number];
}

function columns(rows: Row[], withLifeCircles = true): AreaColumns {
  const col = (f: (r: Row) => number) => Float64Array.from(rows, f);
  const funds = new Map<FundField, Float64Array>();
  for (const r of rows)
    for (const field of Object.keys(r.funds ?? {}) as FundField[])
      if (!funds.has(field))
        funds.set(
          field,
          col((x) => x.funds?.[field] ?? NaN),
        );
  return {
    count: rows.length,
    lng: col((r) => r.lng),
    lat: col((r) => r.lat),
    households: col((r) => r.households ?? NaN),
    residents: col((r) => r.residents ?? NaN),
    funds,
    isSynthetic: Uint8Array.from(rows, (r) => Number(r.synthetic ?? false)),
    lifeCircles: withLifeCircles
      ? {
          lc5: Int8Array.from(rows, (r) => r.lc?.[0] ?? -1),
          lc10: Int8Array.from(rows, (r) => r.lc?.[1] ?? -1),
          lc15: Int8Array.from(rows, (r) => r.lc?.[2] ?? -1),
        }
      : null,
    textOf: (_field, i) => rows[i]!.stage ?? null,
  };
}

// A square from (113.00, 28.00) to (113.01, 28.01), and points around it.
const SQUARE = polygon([113, 28], [113.01, 28], [113.01, 28.01], [113, 28.01]);

const ROWS: Row[] = [
  // 0: inside, completed, two channels, synthetic
  {
    lng: 113.005,
    lat: 28.005,
    households: 300,
    residents: 900,
    stage: 'completed',
    funds: { fund_central: 1_000_000, fund_residents: 50_000 },
    synthetic: true,
    lc: [1, 1, 1],
  },
  // 1: inside, accepted, no households given, one channel
  { lng: 113.002, lat: 28.008, stage: 'accepted', funds: { fund_central: 200_000 }, lc: [0, 1, 1] },
  // 2: inside, under construction, no funds, no life-circle result
  { lng: 113.009, lat: 28.001, households: 120, residents: 400, stage: 'construction' },
  // 3: on the western edge: inside
  { lng: 113, lat: 28.004, households: 80, stage: 'planned', lc: [0, 0, 1] },
  // 4: outside, east
  {
    lng: 113.02,
    lat: 28.005,
    households: 5000,
    stage: 'completed',
    funds: { fund_local: 9e9 },
    lc: [1, 1, 1],
  },
  // 5: inside the square, but in the corner the L-shaped polygon leaves out
  { lng: 113.008, lat: 28.008, households: 60, stage: 'cancelled', lc: [0, 0, 0] },
];

describe('shapes', () => {
  it('needs three distinct vertices or a positive radius', () => {
    expect(isCompleteShape(SQUARE)).toBe(true);
    expect(isCompleteShape(polygon([0, 0], [1, 1], [0, 0]))).toBe(false);
    expect(isCompleteShape({ kind: 'circle', center: [113, 28], radiusM: 0 })).toBe(false);
    expect(isCompleteShape({ kind: 'circle', center: [113, 28], radiusM: NaN })).toBe(false);
    expect(rowsInShape(columns(ROWS), polygon([113, 28]))).toEqual([]);
  });

  it('closes the ring of a polygon and measures it geodesically', () => {
    const ring = shapePolygon(SQUARE).geometry.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    // 0.01° of latitude by 0.01° of longitude at 28°N.
    const expected = 0.01 * M_PER_DEG * 0.01 * M_PER_DEG * Math.cos((28.005 * Math.PI) / 180);
    expect(shapeAreaM2(SQUARE) / expected).toBeCloseTo(1, 2);
  });

  it('draws a circle whose polygon has about the circle’s area', () => {
    const shape: AreaShape = { kind: 'circle', center: [113, 28], radiusM: 1000 };
    expect(shapeAreaM2(shape)).toBeCloseTo(Math.PI * 1e6, 0);
    expect(turfArea(shapePolygon(shape)) / (Math.PI * 1e6)).toBeCloseTo(1, 2);
  });
});

describe('rowsInShape', () => {
  it('keeps the points inside a polygon, the edge included', () => {
    expect(rowsInShape(columns(ROWS), SQUARE)).toEqual([0, 1, 2, 3, 5]);
  });

  it('handles a concave polygon (an L without its north-east corner)', () => {
    const l = polygon(
      [113, 28],
      [113.01, 28],
      [113.01, 28.006],
      [113.006, 28.006],
      [113.006, 28.01],
      [113, 28.01],
    );
    expect(rowsInShape(columns(ROWS), l)).toEqual([0, 1, 2, 3]);
    // Row 5 (113.008, 28.008) lies within the L's bounding box, in the missing corner.
  });

  it('keeps the points within the radius of a circle', () => {
    // 990 m and 1,010 m north of the centre.
    const near = { lng: 113, lat: 28 + 990 / M_PER_DEG };
    const far = { lng: 113, lat: 28 + 1010 / M_PER_DEG };
    const east = { lng: 113 + 995 / (M_PER_DEG * Math.cos((28 * Math.PI) / 180)), lat: 28 };
    const rows = columns([near, far, east, { lng: 113, lat: 28 }]);
    expect(rowsInShape(rows, { kind: 'circle', center: [113, 28], radiusM: 1000 })).toEqual([0, 2, 3]);
  });

  it('drops the rows the filters hide', () => {
    expect(rowsInShape(columns(ROWS), SQUARE, [1, 0, 1, 0, 1, 0])).toEqual([0, 2]);
  });
});

describe('areaStats', () => {
  it('sums people, completion, funding by channel and life circles', () => {
    const stats = areaStats(columns(ROWS), [0, 1, 2, 3]);
    expect(stats).toEqual({
      communities: 4,
      synthetic: 1,
      households: 300 + 120 + 80,
      householdsReported: 3,
      residents: 900 + 400,
      residentsReported: 2,
      done: 2,
      completionRate: 0.5,
      fundTotal: 1_000_000 + 50_000 + 200_000,
      fundByChannel: [
        { field: 'fund_central', yuan: 1_200_000 },
        { field: 'fund_residents', yuan: 50_000 },
      ],
      fundReported: 2,
      lifeCircles: [
        { key: 'lc5', minutes: 5, met: 1, assessed: 3 },
        { key: 'lc10', minutes: 10, met: 2, assessed: 3 },
        { key: 'lc15', minutes: 15, met: 3, assessed: 3 },
      ],
    });
  });

  it('gives an empty area no rate, and no life circles without amenities', () => {
    const stats = areaStats(columns(ROWS, false), []);
    expect(stats.communities).toBe(0);
    expect(stats.completionRate).toBeNull();
    expect(stats.fundByChannel).toEqual([]);
    expect(stats.lifeCircles).toEqual([]);
    expect(areaStats(columns(ROWS, false), [0]).lifeCircles).toEqual([]);
  });
});
