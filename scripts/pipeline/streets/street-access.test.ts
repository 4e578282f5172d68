import { describe, expect, it } from 'vitest';
import { buildIndexedWalkGraph } from '../../../src/domain/walk-network/build-graph';
import { NO_SNAP, type RoadLine, type SnapColumns } from '../../../src/domain/walk-network/types';
import { NO_ACCESS, segmentAccess } from './street-access';
import { edgeNamesOf, streetSegments } from './street-segments';

function line(name: string, ...points: [number, number][]): RoadLine {
  const coords = new Float64Array(points.flatMap(([x, y]) => [113 + x * 0.001, 28 + y * 0.001]));
  return { coords, roadClass: 'minor', name };
}

// A long street drawn as one edge, a side street off its east end, another off its west end.
const lines = [line('长街', [0, 0], [10, 0]), line('东巷', [10, 0], [10, 3]), line('西巷', [0, 0], [0, -3])];
const { graph, edgeLine } = buildIndexedWalkGraph(lines);
const segments = streetSegments(graph, edgeNamesOf(lines, edgeLine).edgeName);
const [long, east, west] = [0, 1, 2].map((e) => graph.edgeLength[e]!) as [number, number, number];
/** The segment made of edge e (each street here is one edge). */
const segmentOf = (e: number) => segments.edges.indexOf(e);

// A kindergarten 10 m off the long street, 80% of the way east; a nursery off every road.
const snaps: SnapColumns = {
  edge: Uint32Array.from([0, NO_SNAP]),
  t: Float32Array.from([0.8, 0]),
  access: Float32Array.from([10, Number.NaN]),
};
const types = ['kindergarten', 'nursery'];

describe('segmentAccess', () => {
  it('walks from each midpoint to the nearest amenity, along its own edge when that is shorter', () => {
    const access = segmentAccess(graph, segments, snaps, types, types, 3000);
    const column = access.get('kindergarten')!;
    // The long street's midpoint is on the kindergarten's edge: 30% of it away, not round a junction.
    expect(column[segmentOf(0)]).toBe(Math.round(0.3 * long + 10));
    // The side streets are reached through the nearer end of the long street.
    expect(column[segmentOf(1)]).toBe(Math.round(10 + 0.2 * long + east / 2));
    expect(column[segmentOf(2)]).toBe(Math.round(10 + 0.8 * long + west / 2));
  });

  it('gives no column to a type with no amenity on the network, and NO_ACCESS beyond the search', () => {
    const access = segmentAccess(graph, segments, snaps, types, types, 500);
    expect(access.has('nursery')).toBe(false);
    const column = access.get('kindergarten')!;
    expect(column[segmentOf(1)]).toBeLessThan(500);
    expect(column[segmentOf(2)]).toBe(NO_ACCESS);
  });

  it('refuses a search distance its column cannot hold', () => {
    expect(() => segmentAccess(graph, segments, snaps, types, types, 70000)).toThrow(/maxMetres/);
  });
});
