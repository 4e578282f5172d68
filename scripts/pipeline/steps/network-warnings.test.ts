import { describe, expect, it } from 'vitest';
import { buildWalkGraph } from '../../../src/domain/walk-network/build-graph';
import { EdgeIndex } from '../../../src/domain/walk-network/edge-index';
import { METRES_PER_DEGREE } from '../../../src/domain/walk-network/geodesy';
import { NO_SNAP } from '../../../src/domain/walk-network/types';
import { networkWarnings, probeOffNetwork, REPORT_PROBE_M } from './network-warnings';

describe('networkWarnings', () => {
  // One north–south street; points east of it, y metres north of its south end.
  const lng = 113;
  const east = (m: number) => lng + m / (METRES_PER_DEGREE * Math.cos((28 * Math.PI) / 180));
  const graph = buildWalkGraph([
    { coords: Float64Array.from([lng, 28, lng, 28 + 500 / METRES_PER_DEGREE]), roadClass: 'minor' },
  ]);
  const index = new EdgeIndex(graph);
  const points = [
    { lng: east(20), lat: 28.001, source_row: 'c.csv:2' },
    { lng: east(450), lat: 28.001, source_row: 'c.csv:3' },
    { lng: east(2000), lat: 28.001, source_row: 'c.csv:4' },
  ];
  const snaps = {
    edge: Uint32Array.from([0, NO_SNAP, NO_SNAP]),
    t: new Float32Array(3),
    access: Float32Array.from([20, NaN, NaN]),
  };

  it('lists each point that did not join, with how far the nearest road is', () => {
    const nearestRoad = probeOffNetwork(points, snaps, index);
    expect([...nearestRoad.keys()]).toEqual([1, 2]);
    const warnings = networkWarnings([
      {
        table: 'communities',
        file: 'c.csv',
        column: '经度',
        points,
        snaps,
        nearestRoad,
        reason: 'keeps straight-line',
      },
    ]);
    expect(warnings).toEqual([
      {
        row: 3,
        column: '经度',
        value: '450 m to the nearest road',
        reason: 'farther than 300 m from any road: keeps straight-line',
        table: 'communities',
        file: 'c.csv',
      },
      expect.objectContaining({ row: 4, value: `no road within ${REPORT_PROBE_M} m` }),
    ]);
  });

  it('names the ledger each row came from when several were read', () => {
    const fromTwo = points.map((p, i) => ({ ...p, source_row: i === 2 ? 'b.xlsx!Sheet1:9' : p.source_row }));
    const warnings = networkWarnings([
      {
        table: 'communities',
        file: '2 files',
        column: '经度',
        points: fromTwo,
        snaps,
        nearestRoad: probeOffNetwork(fromTwo, snaps, index),
        reason: 'keeps straight-line',
      },
    ]);
    expect(warnings.map((w) => [w.file, w.row])).toEqual([
      ['c.csv', 3],
      ['b.xlsx', 9],
    ]);
  });
});
