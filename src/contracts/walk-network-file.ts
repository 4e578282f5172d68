/**
 * `walk-network.bin`: the walking network as the build writes it and the site fetches it, to draw
 * a selected community's catchment offline (src/domain/walk-network/catchment.ts). Binary, not
 * JSON: at city scale (150,000 edges) it is about 3 MB against ten times that as JSON, and it
 * decodes into the typed arrays the graph uses without parsing text.
 *
 * Layout, little-endian, every section starting on a 4-byte boundary:
 *
 * | bytes            | content                                                             |
 * | ---------------- | ------------------------------------------------------------------- |
 * | 4                | magic `RAWN` (ASCII)                                                |
 * | 4                | u32 version, `WALK_NETWORK_VERSION` (1)                             |
 * | 4 + 4 + 4        | u32 nodeCount N, edgeCount E, communityCount C                      |
 * | 8·N              | node coordinates, i32 lng, i32 lat per node, in 1e-7 degrees        |
 * | 4·E              | u32 edgeFrom                                                        |
 * | 4·E              | u32 edgeTo                                                          |
 * | 4·E              | f32 edgeLength, metres                                              |
 * | E, padded to 4   | u8 edgeClass, index into ROAD_CLASSES; padding bytes are 0          |
 * | 4·C              | u32 community snap edge, 0xFFFFFFFF when not joined to the network  |
 * | 4·C              | f32 community snap t                                                |
 * | 4·C              | f32 community snap access, metres, NaN when not joined              |
 *
 * Community i is row i of the explore index (the build's community order). Edge lengths are stored,
 * not recomputed from the rounded coordinates, so the site's walks add up to the build's
 * distances exactly. 1e-7° is about a centimetre, and fits ±180° in an i32.
 */
import { withAdjacency } from '../domain/walk-network/build-graph';
import { NO_SNAP, ROAD_CLASSES, type SnapColumns, type WalkGraph } from '../domain/walk-network/types';

/** File name inside the data folder. */
export const WALK_NETWORK_FILE = 'walk-network.bin';

/** Version of the layout; a reader refuses any other. */
export const WALK_NETWORK_VERSION = 1;

const MAGIC = [0x52, 0x41, 0x57, 0x4e]; // 'RAWN'
const HEADER_BYTES = 20;
const COORD_SCALE = 1e7;

/** Byte offsets of each section, from the three counts. */
function sections(nodes: number, edges: number, communities: number) {
  const coords = HEADER_BYTES;
  const edgeFrom = coords + 8 * nodes;
  const edgeTo = edgeFrom + 4 * edges;
  const edgeLength = edgeTo + 4 * edges;
  const edgeClass = edgeLength + 4 * edges;
  const snapEdge = edgeClass + 4 * Math.ceil(edges / 4);
  const snapT = snapEdge + 4 * communities;
  const snapAccess = snapT + 4 * communities;
  const end = snapAccess + 4 * communities;
  return { coords, edgeFrom, edgeTo, edgeLength, edgeClass, snapEdge, snapT, snapAccess, end };
}

/** Encodes the graph and the communities' snaps into the bytes of walk-network.bin. */
export function encodeWalkNetwork(graph: WalkGraph, communitySnaps: SnapColumns): Uint8Array {
  const { nodeCount: n, edgeCount: m } = graph;
  const c = communitySnaps.edge.length;
  if (communitySnaps.t.length !== c || communitySnaps.access.length !== c) {
    throw new RangeError(
      `${WALK_NETWORK_FILE}: community snap columns differ in length (edge ${c}, t ${communitySnaps.t.length}, access ${communitySnaps.access.length})`,
    );
  }
  const at = sections(n, m, c);
  const bytes = new Uint8Array(at.end);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, WALK_NETWORK_VERSION, true);
  view.setUint32(8, n, true);
  view.setUint32(12, m, true);
  view.setUint32(16, c, true);
  for (let i = 0; i < 2 * n; i++) {
    view.setInt32(at.coords + 4 * i, Math.round((graph.coords[i] as number) * COORD_SCALE), true);
  }
  for (let e = 0; e < m; e++) {
    view.setUint32(at.edgeFrom + 4 * e, graph.edgeFrom[e] as number, true);
    view.setUint32(at.edgeTo + 4 * e, graph.edgeTo[e] as number, true);
    view.setFloat32(at.edgeLength + 4 * e, graph.edgeLength[e] as number, true);
  }
  bytes.set(graph.edgeClass.subarray(0, m), at.edgeClass);
  for (let i = 0; i < c; i++) {
    view.setUint32(at.snapEdge + 4 * i, communitySnaps.edge[i] as number, true);
    view.setFloat32(at.snapT + 4 * i, communitySnaps.t[i] as number, true);
    view.setFloat32(at.snapAccess + 4 * i, communitySnaps.access[i] as number, true);
  }
  return bytes;
}

/**
 * Decodes walk-network.bin into a graph (adjacency rebuilt) and the communities' snaps. Throws an
 * Error naming the file and what is wrong: bad magic, unsupported version, truncated or
 * over-long data, a node, edge or road class index out of range, a negative or non-finite length.
 */
export function decodeWalkNetwork(input: ArrayBuffer | Uint8Array): {
  graph: WalkGraph;
  communitySnaps: SnapColumns;
} {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new Error(`${WALK_NETWORK_FILE}: ${why}`);
  };
  if (bytes.byteLength < HEADER_BYTES) {
    fail(`truncated: ${bytes.byteLength} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  }
  if (MAGIC.some((b, i) => bytes[i] !== b)) {
    fail('bad magic: not a walking network file (expected "RAWN")');
  }
  const version = view.getUint32(4, true);
  if (version !== WALK_NETWORK_VERSION) {
    fail(`unsupported version ${version} (this site reads version ${WALK_NETWORK_VERSION})`);
  }
  const n = view.getUint32(8, true);
  const m = view.getUint32(12, true);
  const c = view.getUint32(16, true);
  const at = sections(n, m, c);
  if (bytes.byteLength < at.end) {
    fail(
      `truncated: ${bytes.byteLength} bytes, the header's ${n} nodes, ${m} edges and ${c} communities need ${at.end}`,
    );
  }
  if (bytes.byteLength > at.end) {
    fail(`${bytes.byteLength - at.end} unexpected bytes after the ${at.end} the header describes`);
  }

  const coords = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) coords[i] = view.getInt32(at.coords + 4 * i, true) / COORD_SCALE;
  const edgeFrom = new Uint32Array(m);
  const edgeTo = new Uint32Array(m);
  const edgeLength = new Float32Array(m);
  for (let e = 0; e < m; e++) {
    const a = view.getUint32(at.edgeFrom + 4 * e, true);
    const b = view.getUint32(at.edgeTo + 4 * e, true);
    if (a >= n || b >= n) fail(`edge ${e} joins node ${a >= n ? a : b}, outside the ${n} nodes`);
    const len = view.getFloat32(at.edgeLength + 4 * e, true);
    if (!(len >= 0) || !Number.isFinite(len)) fail(`edge ${e} has length ${len}, not a number of metres ≥ 0`);
    edgeFrom[e] = a;
    edgeTo[e] = b;
    edgeLength[e] = len;
  }
  const edgeClass = bytes.slice(at.edgeClass, at.edgeClass + m);
  for (let e = 0; e < m; e++) {
    if ((edgeClass[e] as number) >= ROAD_CLASSES.length) {
      fail(`edge ${e} has road class ${edgeClass[e]}, outside the ${ROAD_CLASSES.length} classes`);
    }
  }
  const communitySnaps: SnapColumns = {
    edge: new Uint32Array(c),
    t: new Float32Array(c),
    access: new Float32Array(c),
  };
  for (let i = 0; i < c; i++) {
    const edge = view.getUint32(at.snapEdge + 4 * i, true);
    if (edge !== NO_SNAP && edge >= m)
      fail(`community ${i} is snapped to edge ${edge}, outside the ${m} edges`);
    communitySnaps.edge[i] = edge;
    communitySnaps.t[i] = view.getFloat32(at.snapT + 4 * i, true);
    communitySnaps.access[i] = view.getFloat32(at.snapAccess + 4 * i, true);
  }
  const graph = withAdjacency({
    nodeCount: n,
    edgeCount: m,
    coords,
    edgeFrom,
    edgeTo,
    edgeLength,
    edgeClass,
  });
  return { graph, communitySnaps };
}
