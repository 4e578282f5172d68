import { describe, expect, it } from 'vitest';
import { buildWalkGraph } from '../domain/walk-network/build-graph';
import { networkNearestDistances } from '../domain/walk-network/network-distances';
import { at, riverTown } from '../domain/walk-network/test-geometry';
import { NO_SNAP, type SnapColumns } from '../domain/walk-network/types';
import { WALK_NETWORK_FILE, decodeWalkNetwork, encodeWalkNetwork } from './walk-network-file';

const graph = buildWalkGraph(riverTown());
const { communitySnaps } = networkNearestDistances(graph, [at(0, 80), at(0, 5000), at(250, -60)], [], {
  types: [],
  maxSearchMetres: 3000,
});
const bytes = encodeWalkNetwork(graph, communitySnaps);

/** A copy of the file with one u32 at `offset` replaced. */
function withU32(offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(offset, value, true);
  return copy;
}

const n = graph.nodeCount;
const m = graph.edgeCount;
const edgeFromAt = 20 + 8 * n;
const edgeClassAt = edgeFromAt + 12 * m;
const snapEdgeAt = edgeClassAt + 4 * Math.ceil(m / 4);

describe('walk-network.bin', () => {
  it('round-trips the graph, its adjacency and the communities’ snaps', () => {
    expect(communitySnaps.edge[1]).toBe(NO_SNAP);
    const decoded = decodeWalkNetwork(bytes);
    const g = decoded.graph;
    expect(g.nodeCount).toBe(n);
    expect(g.edgeCount).toBe(m);
    for (let i = 0; i < 2 * n; i++)
      expect(Math.abs(g.coords[i]! - graph.coords[i]!)).toBeLessThanOrEqual(0.5e-7);
    expect(g.edgeFrom).toEqual(graph.edgeFrom);
    expect(g.edgeTo).toEqual(graph.edgeTo);
    expect(g.edgeLength).toEqual(graph.edgeLength);
    expect(g.edgeClass).toEqual(graph.edgeClass);
    expect(g.adjStart).toEqual(graph.adjStart);
    expect(g.adjEdge).toEqual(graph.adjEdge);
    const s: SnapColumns = decoded.communitySnaps;
    expect(s.edge).toEqual(communitySnaps.edge);
    expect(s.t).toEqual(communitySnaps.t);
    expect(s.access).toEqual(communitySnaps.access);
    expect(s.access[1]).toBeNaN();
  });

  it('is laid out as documented: magic, version, counts, 4-byte sections', () => {
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RAWN');
    const view = new DataView(bytes.buffer);
    expect([1, 2, 3, 4].map((k) => view.getUint32(4 * k, true))).toEqual([1, n, m, 3]);
    expect(view.getUint32(edgeFromAt, true)).toBe(graph.edgeFrom[0]);
    expect(view.getInt32(20, true)).toBe(Math.round(graph.coords[0]! * 1e7));
    expect(bytes.byteLength).toBe(snapEdgeAt + 12 * 3);
  });

  it('decodes from an ArrayBuffer and from a Uint8Array that is a window on a larger buffer', () => {
    const padded = new Uint8Array(bytes.byteLength + 8);
    padded.set(bytes, 3);
    expect(decodeWalkNetwork(padded.subarray(3, 3 + bytes.byteLength)).graph.edgeCount).toBe(m);
    expect(decodeWalkNetwork(bytes.slice().buffer).graph.nodeCount).toBe(n);
  });

  it('round-trips an empty network', () => {
    const empty = buildWalkGraph([]);
    const none: SnapColumns = {
      edge: new Uint32Array(0),
      t: new Float32Array(0),
      access: new Float32Array(0),
    };
    const d = decodeWalkNetwork(encodeWalkNetwork(empty, none));
    expect(d.graph.nodeCount).toBe(0);
    expect(d.graph.adjStart).toEqual(new Uint32Array(1));
  });

  const name = WALK_NETWORK_FILE.replace('.', '\\.');
  it.each([
    ['a header cut short', bytes.slice(0, 12), 'truncated: 12 bytes'],
    [
      'bad magic',
      (() => {
        const b = bytes.slice();
        b[0] = 0x50;
        return b;
      })(),
      'bad magic',
    ],
    ['another version', withU32(4, 2), 'unsupported version 2'],
    ['a body cut short', bytes.slice(0, bytes.byteLength - 1), 'truncated: .* need'],
    ['counts larger than the file', withU32(12, 0xffffff00), 'truncated'],
    ['bytes after the end', new Uint8Array([...bytes, 0, 0, 0, 0]), '4 unexpected bytes'],
    [
      'an edge to a node out of range',
      withU32(edgeFromAt + 4, n),
      `edge 1 joins node ${n}, outside the ${n} nodes`,
    ],
    ['a community snapped to an edge out of range', withU32(snapEdgeAt, m), `community 0 .* edge ${m}`],
    [
      'an unknown road class',
      (() => {
        const b = bytes.slice();
        b[edgeClassAt + 2] = 7;
        return b;
      })(),
      'edge 2 has road class 7',
    ],
    [
      'a negative length',
      (() => {
        const b = bytes.slice();
        new DataView(b.buffer).setFloat32(edgeFromAt + 8 * m, -1, true);
        return b;
      })(),
      'edge 0 has length -1',
    ],
  ])('refuses %s, naming the file', (_label, input, message) => {
    expect(() => decodeWalkNetwork(input)).toThrow(new RegExp(`^${name}: ${message}`));
  });

  it('refuses snap columns of different lengths', () => {
    const bad: SnapColumns = {
      edge: new Uint32Array(2),
      t: new Float32Array(1),
      access: new Float32Array(2),
    };
    expect(() => encodeWalkNetwork(graph, bad)).toThrow(/walk-network\.bin: .*differ in length/);
  });
});
