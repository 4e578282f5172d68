import { describe, expect, it } from 'vitest';
import { OsmWayCollector } from './osm-ways';

describe('OsmWayCollector', () => {
  const collect = () => {
    const c = new OsmWayCollector();
    c.addWay(10, [1, 2, 3], { highway: 'footway', name: 'Riverside Walk', 'name:zh': '江滩步道' });
    c.addWay(11, [3, 4], { highway: 'residential', name: '胜利街' });
    c.addWay(12, [4, 5], { highway: 'motorway' });
    c.addWay(13, [5, 6], { building: 'yes' } as Record<string, string>);
    c.addWay(14, [4], { highway: 'path' });
    c.addWay(15, [4, 99], { highway: 'service' });
    c.addWay(16, [2, 2, 5], { highway: 'primary' });
    c.addWay(17, [1, 4], undefined);
    return c;
  };

  it('counts highway ways only, filters by the walkability rule and wants the nodes of kept ways', () => {
    const c = collect();
    expect([c.featuresRead, c.filtered]).toEqual([6, 1]);
    expect(c.prepareNodes()).toBe(6); // 1 2 3 4 5 99
    expect(c.allNodesFound).toBe(false);
  });

  it('gives ways that share a node the same coordinates, and rejects ways with a missing node', () => {
    const c = collect();
    c.prepareNodes();
    const nodes: [number, number, number][] = [
      [1, 114.3, 30.6],
      [2, 114.301, 30.6],
      [3, 114.302, 30.601],
      [4, 114.303, 30.602],
      [5, 114.304, 30.603],
      [6, 114.4, 30.7],
    ];
    for (const [id, lng, lat] of nodes) c.addNode(id, lng, lat);
    expect(c.allNodesFound).toBe(false); // 99 is not in the file
    const read = c.finish();
    expect(read.lines).toEqual([
      {
        coords: new Float64Array([114.3, 30.6, 114.301, 30.6, 114.302, 30.601]),
        roadClass: 'path',
        name: '江滩步道',
      },
      { coords: new Float64Array([114.302, 30.601, 114.303, 30.602]), roadClass: 'minor', name: '胜利街' },
      { coords: new Float64Array([114.301, 30.6, 114.304, 30.603]), roadClass: 'major' },
    ]);
    expect(read.rejected).toEqual([
      { feature: 14, column: 'refs', value: '1 node', reason: 'fewer than 2 nodes' },
      {
        feature: 15,
        column: 'refs',
        value: '99',
        reason: 'node 99 is not in the file (an extract cut through the way?)',
      },
    ]);
    expect(read.featuresRead).toBe(3 + read.filtered + read.rejected.length);
    expect(read.crs).toBe('WGS84');
  });

  it('knows when every wanted node is found, ignoring nodes no kept way uses', () => {
    const c = new OsmWayCollector();
    c.addWay(1, [7, 8], { highway: 'steps' });
    c.prepareNodes();
    c.addNode(9, 114, 30);
    c.addNode(7, 114, 30);
    expect(c.allNodesFound).toBe(false);
    c.addNode(8, 114.001, 30);
    expect(c.allNodesFound).toBe(true);
  });

  it('keeps ids beyond 32 bits and grows past its first allocation', () => {
    const c = new OsmWayCollector();
    const base = 12_000_000_000;
    for (let w = 0; w < 3000; w++) c.addWay(base + w, [base + w, base + w + 1], { highway: 'footway' });
    expect(c.prepareNodes()).toBe(3001);
    for (let n = 0; n <= 3000; n++) c.addNode(base + n, 114 + n * 1e-5, 30);
    expect(c.allNodesFound).toBe(true);
    const read = c.finish();
    expect(read.lines).toHaveLength(3000);
    expect(read.lines[2999]!.coords[2]).toBeCloseTo(114.03, 10);
  });
});
