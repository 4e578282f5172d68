import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../mulberry32';
import { buildIndexedWalkGraph, buildWalkGraph, withAdjacency } from './build-graph';
import { haversineMetres } from './geodesy';
import { multiSourceDistances } from './shortest-paths';
import { road, path } from './test-geometry';
import { ROAD_CLASSES, type RoadLine, type WalkGraph } from './types';

/** Edges at node n, from the adjacency. */
function edgesAt(g: WalkGraph, n: number): number[] {
  return [...g.adjEdge.subarray(g.adjStart[n], g.adjStart[n + 1])];
}

/** Whether a walk from node a reaches node b at all. */
function connected(g: WalkGraph, a: number, b: number): boolean {
  const e = edgesAt(g, a)[0] as number;
  const t = g.edgeFrom[e] === a ? 0 : 1;
  return Number.isFinite(multiSourceDistances(g, [{ edge: e, t, access: 0 }], 1e9)[b]);
}

function nodeAt(g: WalkGraph, lng: number, lat: number): number {
  for (let n = 0; n < g.nodeCount; n++) if (g.coords[2 * n] === lng && g.coords[2 * n + 1] === lat) return n;
  throw new Error(`no node at ${lng},${lat}`);
}

describe('buildWalkGraph', () => {
  it('joins roads that share a vertex into one node', () => {
    const g = buildWalkGraph([road(path(0, 0, 100, 0)), road(path(100, 0, 100, 100))]);
    expect(g.nodeCount).toBe(3);
    expect(g.edgeCount).toBe(2);
    const corner = g.edgeTo[0] as number;
    expect(g.edgeFrom[1]).toBe(corner);
    expect(edgesAt(g, corner)).toEqual([0, 1]);
    expect(connected(g, g.edgeFrom[0] as number, g.edgeTo[1] as number)).toBe(true);
  });

  it('keeps two roads that cross without a shared vertex apart (a bridge)', () => {
    const g = buildWalkGraph([road(path(-100, 0, 100, 0)), road(path(0, -100, 0, 100))]);
    expect(g.nodeCount).toBe(4);
    for (let n = 0; n < 4; n++) expect(edgesAt(g, n)).toHaveLength(1);
    expect(connected(g, g.edgeFrom[0] as number, g.edgeFrom[1] as number)).toBe(false);
  });

  it('joins the same crossing when both roads have a vertex there (a junction)', () => {
    const g = buildWalkGraph([road(path(-100, 0, 0, 0, 100, 0)), road(path(0, -100, 0, 0, 0, 100))]);
    expect(g.nodeCount).toBe(5);
    expect(g.edgeCount).toBe(4);
    const centre = g.edgeTo[0] as number;
    expect(edgesAt(g, centre)).toEqual([0, 1, 2, 3]);
    expect(connected(g, g.edgeFrom[0] as number, g.edgeTo[3] as number)).toBe(true);
  });

  it('measures edges with haversine and keeps each line’s road class', () => {
    const major = road(path(0, 0, 300, 400), 'major');
    const footpath = road(path(300, 400, 300, 500), 'path');
    const g = buildWalkGraph([major, footpath]);
    const c = major.coords;
    expect(g.edgeLength[0]).toBeCloseTo(haversineMetres(c[0]!, c[1]!, c[2]!, c[3]!), 3);
    expect(g.edgeLength[0]).toBeCloseTo(500, 0);
    expect(ROAD_CLASSES[g.edgeClass[0]!]).toBe('major');
    expect(ROAD_CLASSES[g.edgeClass[1]!]).toBe('path');
  });

  it('skips consecutive duplicate vertices and zero-length segments', () => {
    const g = buildWalkGraph([
      road(path(0, 0, 0, 0, 50, 0, 50, 0, 50, 0, 100, 0)),
      road(path(100, 0, 100, 0)),
    ]);
    expect(g.nodeCount).toBe(3);
    expect(g.edgeCount).toBe(2);
    for (const len of g.edgeLength) expect(len).toBeGreaterThan(49);
  });

  it('breaks a line at an invalid vertex instead of bridging it', () => {
    const line = road(path(0, 0, 50, 0, 100, 0, 150, 0));
    line.coords[4] = Number.NaN;
    const g = buildWalkGraph([line]);
    expect(g.edgeCount).toBe(1);
    expect(g.edgeLength[0]).toBeCloseTo(50, 0);
    const last = g.edgeTo[0] as number;
    expect(nodeAt(g, line.coords[2]!, line.coords[3]!)).toBe(last);
  });

  it('says which line each edge was cut from, skipped segments and broken lines included', () => {
    const broken = road(path(0, 100, 50, 100, 100, 100));
    broken.coords[2] = Number.NaN;
    const { graph, edgeLine } = buildIndexedWalkGraph([
      road(path(0, 0, 0, 0, 50, 0)),
      broken,
      road(path(50, 0, 50, 50, 50, 90)),
    ]);
    expect(graph.edgeCount).toBe(3);
    expect([...edgeLine]).toEqual([0, 2, 2]);
  });

  it('refuses a line with an unknown road class, naming it', () => {
    const bad = {
      ...road(path(0, 0, 1, 1)),
      roadClass: 'motorway',
    } as unknown as RoadLine; // what a careless file reader could let through
    expect(() => buildWalkGraph([road(path(0, 0, 1, 0)), bad])).toThrow(/road line 1 .*"motorway"/);
  });

  it('reads the lines once, so a generator works', () => {
    function* lines() {
      yield road(path(0, 0, 10, 0));
      yield road(path(10, 0, 20, 0));
    }
    expect(buildWalkGraph(lines()).edgeCount).toBe(2);
  });
});

describe('withAdjacency', () => {
  it('lists every edge at both its ends, in ascending order, on a random multigraph', () => {
    const rand = mulberry32(3);
    const nodeCount = 40;
    const edgeCount = 150;
    const edgeFrom = Uint32Array.from({ length: edgeCount }, () => Math.floor(rand() * nodeCount));
    const edgeTo = Uint32Array.from({ length: edgeCount }, () => Math.floor(rand() * nodeCount));
    const g = withAdjacency({
      nodeCount,
      edgeCount,
      coords: new Float64Array(2 * nodeCount),
      edgeFrom,
      edgeTo,
      edgeLength: new Float32Array(edgeCount).fill(1),
      edgeClass: new Uint8Array(edgeCount),
    });
    for (let n = 0; n < nodeCount; n++) {
      const want: number[] = [];
      for (let e = 0; e < edgeCount; e++) {
        if (edgeFrom[e] === n) want.push(e);
        if (edgeTo[e] === n) want.push(e);
      }
      expect(edgesAt(g, n)).toEqual(want);
    }
    expect(g.adjStart[nodeCount]).toBe(2 * edgeCount);
  });
});
