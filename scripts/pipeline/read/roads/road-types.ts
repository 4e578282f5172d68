/**
 * What reading a road file yields, shared by the three format readers and the entry
 * (`read-roads.ts`, which re-exports these types as the reader's public API).
 */
import type { RoadLine } from '../../../../src/domain/walk-network/types';

/** The road file formats read: GeoJSON lines, a zipped polyline shapefile, an OSM extract. */
export type RoadsFormat = 'geojson' | 'shapefile' | 'osm-pbf';

/** The coordinate systems `--roads-crs` may declare: all longitude/latitude. */
export type RoadsCrsOption = 'WGS84' | 'CGCS2000' | 'GCJ-02' | 'BD-09';

/** One road feature that could not be used, and why. */
export interface RoadFeatureIssue {
  /** 1-based feature (GeoJSON) or record (shapefile) number, or the OSM way id. */
  feature: number;
  /** '' for the geometry, else the property or OSM field concerned (`refs`). */
  column: string;
  /** What was found, as text. */
  value: string;
  reason: string;
}

/** A road file read into WGS84 lines. */
export interface RoadsRead {
  lines: RoadLine[];
  format: RoadsFormat;
  /** CRS the file was read in, e.g. 'WGS84', 'EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)', 'GCJ-02'. */
  crs: string;
  /**
   * Features (or OSM ways) read; = lines-producing + filtered + rejected (counts add up). For an
   * OSM extract, the ways tagged `highway=*`: buildings, rivers and boundaries are not roads and
   * are not counted.
   */
  featuresRead: number;
  /**
   * OSM ways dropped by the walkability rule (not errors); also GeoJSON and shapefile features
   * whose attributes say nobody walks there (`highway=motorway`, 高速公路).
   */
  filtered: number;
  /** Bad features, each reported. */
  rejected: RoadFeatureIssue[];
}

/** What a format reader returns; the entry adds the format. */
export type RoadsContent = Omit<RoadsRead, 'format'>;
