import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withAdjacency } from './build-graph';
import { ShortestPaths, multiSourceDistances, walkingDistanceTo } from './shortest-paths';
import type { EdgeSnap, WalkGraph } from './types';

/** A graph from an edge list; coordinates do not matter to the search. */
function graphOf(nodeCount: number, edges: readonly (readonly [number, number, number])[]): WalkGraph {
  return withAdjacency({
    nodeCount,
    edgeCount: edges.length,
    coords: new Float64Array(2 * nodeCount),
    edgeFrom: Uint32Array.from(edges, (e) => e[0]),
    edgeTo: Uint32Array.from(edges, (e) => e[1]),
    edgeLength: Float32Array.from(edges, (e) => e[2]),
    edgeClass: new Uint8Array(edges.length),
  });
}

/** Floyd–Warshall, then each node's nearest source through either end of the source's edge. */
function bruteDistances(g: WalkGraph, sources: readonly EdgeSnap[], maxMetres: number): number[] {
  const n = g.nodeCount;
  const d = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)),
  );
  for (let e = 0; e < g.edgeCount; e++) {
    const a = g.edgeFrom[e]!;
    const b = g.edgeTo[e]!;
    const len = g.edgeLength[e]!;
    d[a]![b] = Math.min(d[a]![b]!, len);
    d[b]![a] = Math.min(d[b]![a]!, len);
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!);
  return Array.from({ length: n }, (_, v) => {
    let best = Infinity;
    for (const s of sources) {
      const len = g.edgeLength[s.edge]!;
      best = Math.min(
        best,
        s.access + s.t * len + d[g.edgeFrom[s.edge]!]![v]!,
        s.access + (1 - s.t) * len + d[g.edgeTo[s.edge]!]![v]!,
      );
    }
    return best <= maxMetres ? best : Infinity;
  });
}

const randomCase = fc
  .integer({ min: 2, max: 12 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
          fc.double({ min: 0.5, max: 200, noNaN: true }),
        ),
        { minLength: 1, maxLength: 30 },
      ),
    }),
  )
  .chain(({ n, edges }) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.constant(edges.map(([a, b, len]) => [a, b, Math.fround(len)] as const)),
      sources: fc.array(
        fc.record({
          edge: fc.integer({ min: 0, max: edges.length - 1 }),
          t: fc.double({ min: 0, max: 1, noNaN: true }),
          access: fc.double({ min: 0, max: 50, noNaN: true }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      maxMetres: fc.double({ min: 10, max: 800, noNaN: true }),
    }),
  );

describe('multiSourceDistances', () => {
  it('matches Floyd–Warshall on small random multigraphs', () => {
    fc.assert(
      fc.property(randomCase, ({ n, edges, sources, maxMetres }) => {
        const g = graphOf(n, edges);
        const got = multiSourceDistances(g, sources, maxMetres);
        const want = bruteDistances(g, sources, maxMetres);
        for (let v = 0; v < n; v++) {
          const w = want[v]!;
          const x = got[v]!;
          // Within float32 rounding of the threshold a node may fall either side of it.
          if (Math.abs(w - maxMetres) < 1e-3 || Math.abs(x - maxMetres) < 1e-3) continue;
          if (w === Infinity) expect(x).toBe(Infinity);
          else expect(x).toBeCloseTo(w, 3);
        }
      }),
      { numRuns: 300, seed: 20260601 },
    );
  });

  it('seeds both ends of a source edge with its access', () => {
    // 0 —100— 1 —50— 2, source a quarter of the way along edge 0, 7 m off the street.
    const g = graphOf(3, [
      [0, 1, 100],
      [1, 2, 50],
    ]);
    const d = multiSourceDistances(g, [{ edge: 0, t: 0.25, access: 7 }], 1000);
    expect([...d]).toEqual([32, 82, 132]);
    expect(walkingDistanceTo(g, d, { edge: 1, t: 0.5, access: 3 })).toBe(82 + 25 + 3);
  });

  it('stops at maxMetres and leaves unreached nodes at Infinity', () => {
    const g = graphOf(4, [
      [0, 1, 100],
      [1, 2, 100],
      [2, 3, 100],
    ]);
    const d = multiSourceDistances(g, [{ edge: 0, t: 0, access: 0 }], 150);
    expect([...d]).toEqual([0, 100, Infinity, Infinity]);
  });
});

describe('ShortestPaths', () => {
  it('gives each run the same answer as a fresh search (buffers reset between runs)', () => {
    const g = graphOf(5, [
      [0, 1, 10],
      [1, 2, 10],
      [2, 3, 10],
      [3, 4, 10],
    ]);
    const sp = new ShortestPaths(g);
    sp.run([{ edge: 0, t: 0, access: 0 }], 1000);
    expect(sp.reached()).toHaveLength(5);
    sp.run([{ edge: 3, t: 1, access: 0 }], 15);
    expect([...sp.dist]).toEqual([Infinity, Infinity, Infinity, 10, 0]);
    expect([...sp.reached()].sort()).toEqual([3, 4]);
  });
});

describe('walkingDistanceTo', () => {
  it('takes the nearer end and refuses an edge outside the graph', () => {
    const g = graphOf(2, [[0, 1, 100]]);
    const d = Float32Array.of(0, 30);
    expect(walkingDistanceTo(g, d, { edge: 0, t: 0.9, access: 1 })).toBeCloseTo(30 + 10 + 1, 5);
    expect(() => walkingDistanceTo(g, d, { edge: 1, t: 0, access: 0 })).toThrow(/edge 1 .* 1 edges/);
  });
});
