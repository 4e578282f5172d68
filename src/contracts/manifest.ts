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
}

/** How the build judged life circles (`life_circles` in the manifest). */
export interface LifeCircleMethod {
  /** How distances were measured, e.g. `straight-line`. */
  method: string;
  /** The standard the circles follow, e.g. `GB 50180-2018`. */
  standard: string;
  /** False when no amenities were supplied: coverage fields are then absent, not zero. */
  computed: boolean;
}

/** One input file of the build, as `inputs` lists it. */
export interface ManifestInput {
  /** What the file was read as: communities, amenities, boundaries, footprints, programmes, story. */
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
  /** The explore index (src/contracts/explore-format.ts). */
  explore: { url: string; count: number };
  /** First and last `YYYY-MM` of the communities' dates; null when none has one. */
  timeline: { first: string; last: string } | null;
  life_circles: LifeCircleMethod & {
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
