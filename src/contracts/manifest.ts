/**
 * `data/manifest.json`: what the data build wrote and where. The build types the file it writes
 * with `ManifestFile` (scripts/pipeline/build.ts); the site reads it through `parseManifest`
 * (src/lib/manifest.ts), whose view `SiteManifest` is built from the parts typed here, so the
 * writer and the reader share one description of every entry.
 */
import type { Figure, Programme } from '../domain/programmes';
import type { OutputField } from '../domain/output-fields';
import type { DataFileEntry } from './data-files';

/** The manifest layout this build writes and the site reads; any other is refused. */
export const MANIFEST_FORMAT_VERSION = 1;

/** A tiled layer: a PMTiles archive and the source-layer inside it. */
export interface TileLayerRef {
  /** Path of the .pmtiles file, relative to the data folder. */
  url: string;
  /** MVT source-layer name. */
  layer: string;
  minzoom: number;
  maxzoom: number;
  /** Boundaries only: administrative levels present, coarse to fine (`district`, `street`, `community`). */
  levels?: string[];
}

/** A tile set the build wrote in another CRS (`display_layers`), saying its own. */
export interface DisplayLayerRef extends TileLayerRef {
  crs: string;
}

/** The tiled layers of one CRS. */
export interface ManifestLayers {
  /** Communities, with the tiler's statistics (what was written and dropped per zoom). */
  communities: TileLayerRef & { stats?: unknown };
  amenities?: TileLayerRef;
  boundaries?: TileLayerRef;
  footprints?: TileLayerRef;
  /**
   * The street network under the data (`streets.pmtiles`, source-layer `streets`), when the build
   * was given roads (`--roads`). Its `minzoom` is that of the earliest class (major roads); each
   * class has its own (src/contracts/streets.ts `STREET_MINZOOM`). Properties:
   * src/contracts/streets.ts `StreetProperties`.
   */
  streets?: TileLayerRef;
}

/**
 * How `dist_<type>` was measured: `straight-line` (great-circle metres) or `network` (walking
 * metres along the road network of `life_circles.network`). In a `network` build a community
 * that lies too far from any road keeps its straight-line result and says so in its own
 * `distance_method` property; a community without that property was measured by this method.
 */
export type LifeCircleMethodName = 'straight-line' | 'network';

/** How the build judged life circles (`life_circles` in the manifest). */
export interface LifeCircleMethod {
  /** How distances were measured: a `LifeCircleMethodName` (kept a string so a newer build still reads). */
  method: string;
  /** The standard the circles follow, e.g. `GB 50180-2018`. */
  standard: string;
  /** False when no amenities were supplied: coverage fields are then absent, not zero. */
  computed: boolean;
}

/**
 * The walking network the distances were measured on (`life_circles.network`), present when the
 * build was given roads (`--roads`). Communities and amenities join the network at the nearest
 * point of the nearest street (`access` metres away); one farther than `access_limit_m` does not
 * join: a community keeps straight-line distances (its `distance_method` is `straight_line`) and
 * an amenity is no network source; report.json lists each.
 */
export interface WalkNetworkSummary {
  /** The road file's name, without its folder (also listed under `inputs`, role `roads`). */
  source: string;
  /** SHA-256 of the road file, lowercase hex. */
  sha256: string;
  /** What the file was read as: `geojson`, `shapefile` or `osm-pbf`. */
  format: string;
  /** The coordinate system the road file was read in (e.g. `EPSG:4547`, `WGS84`). */
  crs: string;
  /** Nodes and edges of the walking graph. */
  nodes: number;
  edges: number;
  /** Communities joined to the network, and those that kept straight-line distances. */
  communities_snapped: number;
  communities_straight_line: number;
  /** Amenities joined to the network, and those that were not (no walking distance leads to them). */
  amenities_snapped: number;
  amenities_unsnapped: number;
  /** The longest access walk of any joined community or amenity, in metres (0 when none joined). */
  max_access_m: number;
  /** Farthest a point may lie from a road and still join, in metres (`ACCESS_LIMIT_M`). */
  access_limit_m: number;
}

/**
 * The compact walking network the site walks to draw catchments (`walk-network.bin`, layout and
 * reader: src/contracts/walk-network-file.ts). Its community access points are in the explore index's
 * row order. Also listed under `files` with its hash.
 */
export interface WalkNetworkRef {
  /** Path relative to the data folder. */
  url: string;
  /** Size in bytes. */
  bytes: number;
}

/** One input file of the build, as `inputs` lists it. */
export interface ManifestInput {
  /** What the file was read as: communities, amenities, boundaries, footprints, roads, programmes, story. */
  role: string;
  /** File name, without its folder. */
  file: string;
  bytes: number;
  sha256: string;
  /** Tables only: the text encoding, sheet and header row the reader settled on. */
  encoding?: string;
  sheet?: string;
  header_row?: number;
}

/** A published figure with what the communities add up to, when it has a metric. */
export type ManifestFigure = Figure & { computed?: number; reproduced?: boolean };

/** A programme record with its count of communities and its figures checked. */
export type ManifestProgramme = Omit<Programme, 'figures'> & {
  communities: number;
  figures: ManifestFigure[];
};

/**
 * Where the explore index's parts are: the core (fetched at start), the figures (right after it,
 * in the background) and the details (on first need).
 */
export interface ExploreRef {
  /** Each part's file, relative to the data folder. */
  parts: { core: string; figures: string; details: string };
  /** Rows (communities). */
  count: number;
}

/** The whole file, as the build writes it. */
export interface ManifestFile {
  format_version: typeof MANIFEST_FORMAT_VERSION;
  /** ISO time of the build. */
  build_time: string;
  /** Tells builds apart (derived from the time and the files). */
  build_id: string;
  generator: string;
  inputs: ManifestInput[];
  counts: Record<string, number>;
  /** The CRS of bbox, center, `layers` and every GeoJSON. */
  crs: 'WGS84';
  /** [west, south, east, north] of the communities, or null for an empty dataset. */
  bbox: [number, number, number, number] | null;
  /** [lng, lat, zoom]. */
  center: [number, number, number];
  layers: ManifestLayers;
  /** The same tile sets in other CRSs (`--display-crs`), keyed by CRS. */
  display_layers?: Record<string, Record<string, DisplayLayerRef>>;
  /** H3 aggregates: resolution → file path (src/contracts/h3-cells.ts). */
  aggregates: { kind: 'h3'; resolutions: readonly number[]; files: Record<string, string> };
  /**
   * The explore index in binary parts (src/contracts/explore-binary.ts): the file of each part,
   * relative to the data folder, and the number of rows.
   */
  explore: ExploreRef;
  /** The walking network for catchments, when the build was given roads. */
  walk_network?: WalkNetworkRef;
  /** First and last `YYYY-MM` of the communities' dates; null when none has one. */
  timeline: { first: string; last: string } | null;
  life_circles: LifeCircleMethod & {
    method: LifeCircleMethodName;
    /** The road network of a `network` build; absent in a `straight-line` one. */
    network?: WalkNetworkSummary;
    max_search_m: number;
    circles: { key: string; minutes: number; radius_m: number; zh: string; en: string; types: string[] }[];
  };
  /** The field dictionary (src/domain/output-fields.ts `PUBLISHED_OUTPUT_FIELDS`). */
  fields: readonly OutputField[];
  synthetic: { flag_field: string; precision_field: string; note: string };
  programmes: ManifestProgramme[];
  attribution: string[];
  /** Every other file of the folder with its size and SHA-256 (src/contracts/data-files.ts). */
  files: DataFileEntry[];
  /** Milliseconds per build step; not part of what a golden test compares. */
  build_timings_ms?: Record<string, number>;
}
