import { describe, expect, it } from 'vitest';
import {
  binCommunities,
  NO_PROGRAMME,
  placeLabels,
  clipRing,
  fitMercator,
  landPath,
  NO_STAGE,
  spreadCells,
  type CommunityPoints,
} from './overview-map';

const WINDOW = { x: 100, y: 50, width: 400, height: 200 };

function points(rows: [lng: number, lat: number, stage: number, synthetic: 0 | 1][]): CommunityPoints {
  return {
    lng: Float64Array.from(rows.map((r) => r[0])),
    lat: Float64Array.from(rows.map((r) => r[1])),
    stage: Uint8Array.from(rows.map((r) => r[2])),
    synthetic: Uint8Array.from(rows.map((r) => r[3])),
    programme: new Uint16Array(rows.length).fill(NO_PROGRAMME),
    programmeIds: [],
    length: rows.length,
  };
}

describe('fitMercator', () => {
  it('puts the extent inside the window, centred, north up', () => {
    const project = fitMercator([104, 24, 118, 37], WINDOW, { padding: 0 });
    const [wx, ny] = project(104, 37);
    const [ex, sy] = project(118, 24);
    expect(wx).toBeGreaterThanOrEqual(100 - 1e-9);
    expect(ex).toBeLessThanOrEqual(500 + 1e-9);
    expect(ny).toBeCloseTo(50, 6); // taller than wide in Mercator here: height-bound
    expect(sy).toBeCloseTo(250, 6);
    expect((wx + ex) / 2).toBeCloseTo(300, 6);
  });

  it('shows at least the minimum span around a single community', () => {
    const project = fitMercator([118.1, 24.5, 118.1, 24.5], WINDOW, { padding: 0, minSpan: 0.3 });
    const [a] = project(118.1 - 0.15, 24.5);
    const [b] = project(118.1 + 0.15, 24.5);
    expect(b - a).toBeCloseTo(200, 0);
    expect(project(118.1, 24.5)).toEqual([300, 150]);
  });
});

describe('clipRing', () => {
  const rect = { x: 0, y: 0, width: 10, height: 10 };
  it('cuts a ring to the rectangle and drops one outside it', () => {
    const clipped = clipRing([-5, -5, 5, -5, 5, 5, -5, 5], rect);
    const xs = clipped.filter((_, i) => i % 2 === 0);
    const ys = clipped.filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(5);
    expect(Math.min(...ys)).toBe(0);
    expect(clipRing([20, 20, 30, 20, 30, 30], rect)).toEqual([]);
  });
});

describe('landPath', () => {
  it('draws what lies in view as closed subpaths and skips what does not', () => {
    const project = fitMercator([0, 0, 10, 10], { x: 0, y: 0, width: 100, height: 100 }, { padding: 0 });
    const square = [
      [
        [1, 1],
        [9, 1],
        [9, 9],
        [1, 9],
        [1, 1],
      ],
    ];
    const farAway = [
      [
        [100, 1],
        [101, 1],
        [101, 2],
        [100, 1],
      ],
    ];
    const d = landPath([square, farAway], project, { x: 0, y: 0, width: 100, height: 100 });
    expect(d.match(/M/g)).toHaveLength(1);
    expect(d.endsWith('Z')).toBe(true);
    // The square: its corners (and its repeated first point) to one decimal, closed.
    expect(d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3,4}Z$/);
    expect(Number(/^M([\d.]+)/.exec(d)![1])).toBeCloseTo(10, 0);
  });
});

describe('binCommunities', () => {
  const project = fitMercator([0, 0, 10, 10], { x: 0, y: 0, width: 100, height: 100 }, { padding: 0 });
  const rect = { x: 0, y: 0, width: 100, height: 100 };

  it('makes one dot per stage per cell, at the mean position, real when any of them is', () => {
    const dots = binCommunities(
      points([
        [5, 5, 4, 1],
        [5.01, 5.01, 4, 0],
        [5, 5, 3, 1],
        [1, 1, NO_STAGE, 1],
        [50, 50, 4, 0], // outside the rectangle
      ]),
      project,
      rect,
      5,
    );
    expect(dots).toHaveLength(3);
    const completed = dots.find((d) => d.stage === 4)!;
    expect(completed).toMatchObject({ count: 2, synthetic: false });
    expect(dots.find((d) => d.stage === 3)).toMatchObject({ count: 1, synthetic: true });
    expect(dots.find((d) => d.stage === NO_STAGE)).toMatchObject({ count: 1, synthetic: true });
    expect(completed.cell).toBe(dots.find((d) => d.stage === 3)!.cell);
  });

  it('handles a national count in typed arrays', () => {
    const n = 220_000;
    const pts: CommunityPoints = {
      lng: Float64Array.from({ length: n }, (_, i) => (i % 1000) / 100),
      lat: Float64Array.from({ length: n }, (_, i) => Math.floor(i / 1000) / 22),
      stage: new Uint8Array(n).fill(4),
      synthetic: new Uint8Array(n),
      programme: new Uint16Array(n).fill(NO_PROGRAMME),
      programmeIds: [],
      length: n,
    };
    const dots = binCommunities(pts, project, rect, 5);
    expect(dots.length).toBeLessThanOrEqual(21 * 21);
    expect(dots.reduce((s, d) => s + d.count, 0)).toBeGreaterThan(n * 0.9);
  });
});

describe('spreadCells', () => {
  it('moves the dots of one cell apart around their centre and leaves single ones', () => {
    const base = { synthetic: false, count: 1 };
    const spread = spreadCells(
      [
        { ...base, x: 10, y: 10, stage: 3, cell: 1 },
        { ...base, x: 10, y: 10, stage: 4, cell: 1 },
        { ...base, x: 50, y: 50, stage: 4, cell: 2 },
      ],
      () => 4,
    );
    const [a, b, c] = spread;
    expect(Math.hypot(a!.x - b!.x, a!.y - b!.y)).toBeCloseTo(8, 6);
    expect((a!.x + b!.x) / 2).toBeCloseTo(10, 6);
    expect(c).toMatchObject({ x: 50, y: 50 });
  });
});

describe('placeLabels', () => {
  const bounds = { x: 0, y: 0, width: 200, height: 100 };
  const width = (t: string) => t.length * 10;

  it('puts a label right of its point, clear of its mark', () => {
    const [label] = placeLabels([{ text: '长沙市', x: 50, y: 50, clearance: 6 }], bounds, 10, width);
    expect(label!.box).toEqual({ x: 60, y: 45, width: 30, height: 10 });
  });

  it('moves a label that would overlap an earlier one, or leave the bounds, and drops one with no room', () => {
    const placed = placeLabels(
      [
        { text: 'aaaa', x: 50, y: 50, clearance: 0 },
        { text: 'bbbb', x: 52, y: 50, clearance: 0 }, // right overlaps the first: goes left
        { text: 'cccc', x: 195, y: 50, clearance: 0 }, // right would leave the bounds: left
        { text: 'dddddddddddddddddddddddddd', x: 100, y: 50, clearance: 0 }, // wider than the bounds
      ],
      bounds,
      10,
      width,
    );
    expect(placed.map((p) => p.text)).toEqual(['aaaa', 'bbbb', 'cccc']);
    expect(placed[1]!.box.x + placed[1]!.box.width).toBeLessThanOrEqual(52);
    expect(placed[2]!.box.x).toBeLessThan(195);
  });
});
