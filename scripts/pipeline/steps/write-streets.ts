import type { DisplayLayerRef, TileLayerRef } from '../../../src/contracts/manifest';
import { STREETS_LAYER, STREET_MINZOOM, accessibilityField } from '../../../src/contracts/streets';
import type { AmenityRecord } from '../../../src/domain/schema';
import { ROAD_CLASSES, type WalkGraph } from '../../../src/domain/walk-network/types';
import { VARIANT_FOLDERS, shiftCoordinates, type VariantCrs } from '../display-crs';
import { NO_ACCESS, segmentAccess, type SegmentAccess } from '../streets/street-access';
import {
  segmentCoordsInto,
  segmentVertexCount,
  streetSegments,
  type StreetSegments,
} from '../streets/street-segments';
import { archiveBounds, bboxOf } from '../tiles/archive-bounds';
import { tileLines, type LineSource } from '../tiles/line-tiles';
import type { NetworkJoin } from './life-circles';
import type { OutputWriter } from './output-writer';
import { writeArchive } from './write-archive';
import type { RoadNetwork } from './read-roads';
import type { Lap } from './step-timer';
import { MAX_ZOOM } from './write-tiles';

/** The street archive's file name, without `.pmtiles`. */
export const STREETS_FILE = 'streets';

/** What the manifest needs of the street layer. */
export interface StreetsWritten {
  /** `layers.streets`; absent when the road file gave no edge. */
  layer?: TileLayerRef;
  /** The same in each display CRS, for `display_layers[crs].streets`. */
  displayLayers: Partial<Record<VariantCrs, DisplayLayerRef>>;
  /** Street segments written. */
  segments: number;
}

/** The lowest zoom any street is drawn at: that of the earliest class. */
const STREETS_MINZOOM = Math.min(...Object.values(STREET_MINZOOM));

/**
 * The street segments as the tiler reads them: vertices and properties made when read, not
 * held, since a national network has 1.5 million segments and the tiler reads each a few times.
 */
function streetSource(streets: StreetTable): LineSource {
  const { segments, names, access, coords } = streets;
  const { roadClass, name } = segments;
  return {
    count: segments.count,
    vertexCount: (s) => segmentVertexCount(segments, s),
    coordsInto: (s, out) => segmentCoordsInto(segments, s, coords, out),
    minZoom: (s) => STREET_MINZOOM[ROAD_CLASSES[roadClass[s]!]!],
    eachProperty: (s, sink) => {
      sink('class', ROAD_CLASSES[roadClass[s]!]!);
      if (name[s]) sink('name', names[name[s]!]!);
      for (const [field, column] of access) {
        const metres = column[s]!;
        if (metres !== NO_ACCESS) sink(field, metres);
      }
    },
  };
}

/** Everything `streetSource` reads. */
interface StreetTable {
  segments: StreetSegments;
  names: readonly string[];
  /** `acc_<type>` field and its column, in type order. */
  access: readonly (readonly [string, Uint16Array])[];
  /** Node positions: the graph's, or moved into a display CRS. */
  coords: Float64Array;
}

/**
 * Writes streets.pmtiles (source-layer `streets`, src/contracts/streets.ts): every street segment
 * with its class, name and walking metres to the nearest amenity of each of `types`, each class
 * from its own zoom; then the same in each display CRS. `center` is the other archives'.
 */
export async function writeStreets(
  network: RoadNetwork,
  join: NetworkJoin,
  amenities: readonly AmenityRecord[],
  types: readonly string[],
  opts: { center: [number, number, number]; displayCrs: readonly VariantCrs[]; maxSearchMetres: number },
  out: OutputWriter,
  lap: Lap,
): Promise<StreetsWritten> {
  const t = performance.now();
  const graph: WalkGraph = network.graph;
  const segments = streetSegments(graph, network.names.edgeName);
  const displayLayers: StreetsWritten['displayLayers'] = {};
  if (segments.count === 0) {
    lap('streets', t);
    return { displayLayers, segments: 0 };
  }
  const accessTable: SegmentAccess = segmentAccess(
    graph,
    segments,
    join.distances.amenitySnaps,
    amenities.map((a) => a.type),
    types,
    opts.maxSearchMetres,
  );
  const access = types.flatMap((type) => {
    const column = accessTable.get(type);
    return column ? [[accessibilityField(type), column] as const] : [];
  });
  const ref = (url: string): TileLayerRef => ({
    url,
    layer: STREETS_LAYER,
    minzoom: STREETS_MINZOOM,
    maxzoom: MAX_ZOOM,
  });
  const write = async (name: string, coords: Float64Array) => {
    const table: StreetTable = { segments, names: network.names.names, access, coords };
    // Spooled to a temporary file: at national scale the street tiles are ~200 MB gzipped.
    const set = tileLines(streetSource(table), {
      layer: STREETS_LAYER,
      minZoom: STREETS_MINZOOM,
      maxZoom: MAX_ZOOM,
      spool: true,
    });
    const header = {
      minZoom: STREETS_MINZOOM,
      maxZoom: MAX_ZOOM,
      bounds: archiveBounds(
        bboxOf(
          coords.length >> 1,
          (i) => coords[2 * i]!,
          (i) => coords[2 * i + 1]!,
        ),
      ),
      center: opts.center,
    };
    await writeArchive(out, `${name}.pmtiles`, set.tiles, header, { name, vector_layers: [set.vectorLayer] });
  };
  await write(STREETS_FILE, graph.coords);
  for (const crs of opts.displayCrs) {
    const name = `${VARIANT_FOLDERS[crs]}/${STREETS_FILE}`;
    await write(name, shiftCoordinates(graph.coords, crs));
    displayLayers[crs] = { ...ref(`${name}.pmtiles`), crs };
  }
  lap('streets', t);
  return { layer: ref(`${STREETS_FILE}.pmtiles`), displayLayers, segments: segments.count };
}
