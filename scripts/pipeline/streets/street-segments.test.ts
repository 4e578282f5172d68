import { describe, expect, it } from 'vitest';
import { buildIndexedWalkGraph } from '../../../src/domain/walk-network/build-graph';
import { pointOnEdge } from '../../../src/domain/walk-network/edge-index';
import type { RoadClass, RoadLine } from '../../../src/domain/walk-network/types';
import {
  edgeNamesOf,
  segmentCoordsInto,
  segmentLength,
  segmentVertexCount,
  streetSegments,
} from './street-segments';

/** A line through grid points 0.001° apart near Changsha. */
function line(roadClass: RoadClass, name: string | undefined, ...points: [number, number][]): RoadLine {
  const coords = new Float64Array(points.flatMap(([x, y]) => [113 + x * 0.001, 28 + y * 0.001]));
  return { coords, roadClass, ...(name ? { name } : {}) };
}

const lines: RoadLine[] = [
  line('major', '大桥路', [0, 0], [1, 0], [2, 0]),
  line('minor', '东岸路', [1, 0], [1, 1]),
  // Continues 东岸路 through a node only two edges meet at: one segment with the line before.
  line('minor', '东岸路', [1, 1], [1, 2]),
  // Same class, another name: a segment of its own although no street branches there.
  line('minor', '西街', [1, 2], [1, 3]),
  // A closed loop with no junction at all, and a repeated vertex that adds no edge.
  line('path', undefined, [5, 5], [6, 5], [6, 5], [6, 6], [5, 5]),
];

describe('edgeNamesOf', () => {
  it('names every edge after the line it came from', () => {
    const { edgeLine } = buildIndexedWalkGraph(lines);
    const { edgeName, names } = edgeNamesOf(lines, edgeLine);
    expect(names).toEqual(['', '大桥路', '东岸路', '西街']);
    expect([...edgeName]).toEqual([1, 1, 2, 2, 3, 0, 0, 0]);
  });
});

describe('streetSegments', () => {
  const { graph, edgeLine } = buildIndexedWalkGraph(lines);
  const { edgeName } = edgeNamesOf(lines, edgeLine);
  const segments = streetSegments(graph, edgeName);
  const vertices = (s: number) => {
    const c = new Float64Array(2 * segmentVertexCount(segments, s));
    segmentCoordsInto(segments, s, graph.coords, c);
    const out: string[] = [];
    for (let i = 0; i < c.length; i += 2)
      out.push(`${Math.round((c[i]! - 113) * 1000)},${Math.round((c[i + 1]! - 28) * 1000)}`);
    return out.join(' ');
  };

  it('breaks streets at junctions and where the class or name changes, and nowhere else', () => {
    const found = Array.from({ length: segments.count }, (_, s) => vertices(s));
    expect(found).toEqual(['0,0 1,0', '1,0 2,0', '1,0 1,1 1,2', '1,2 1,3', '5,5 6,5 6,6 5,5']);
    expect([...segments.roadClass]).toEqual([0, 0, 1, 1, 2]);
    expect([...segments.name]).toEqual([1, 1, 2, 3, 0]);
  });

  it('puts every edge in exactly one segment', () => {
    const seen = new Uint8Array(graph.edgeCount);
    for (const e of segments.edges) seen[e]!++;
    expect([...seen].every((n) => n === 1)).toBe(true);
    expect(segments.edgeStart[segments.count]).toBe(graph.edgeCount);
  });

  it('finds each midpoint half way along its segment', () => {
    for (let s = 0; s < segments.count; s++) {
      const total = segmentLength(graph, segments, s);
      // Walk from the start to the midpoint and compare with half the length.
      let walked = 0;
      for (let k = segments.edgeStart[s]!; k < segments.edgeStart[s + 1]!; k++) {
        const e = segments.edges[k]!;
        const len = graph.edgeLength[e]!;
        if (e === segments.midEdge[s]) {
          const forward = segments.nodes[k + s] === graph.edgeFrom[e];
          walked += (forward ? segments.midT[s]! : 1 - segments.midT[s]!) * len;
          break;
        }
        walked += len;
      }
      expect(walked, `segment ${s}`).toBeCloseTo(total / 2, 2);
    }
    // 东岸路's two equal edges meet at (1, 1): its midpoint is there.
    const [lng, lat] = pointOnEdge(graph, segments.midEdge[2]!, segments.midT[2]!);
    expect(lng).toBeCloseTo(113.001, 7);
    expect(lat).toBeCloseTo(28.001, 7);
  });
});
