/**
 * `data/report.json`: what the data build read, accepted and rejected, row by row. Written by
 * scripts/pipeline/build.ts for whoever maintains a ledger; the site only lists the file.
 */

/** A problem with one cell or row. `row` and `column` point at the place in the file. */
export interface RowIssue {
  row: number;
  /** The header as written in the file, or '' for whole-row problems. */
  column: string;
  value: string;
  reason: string;
  /** Which table the row belongs to; set by the build when several tables are read. */
  table?: 'communities' | 'amenities' | 'boundaries' | 'footprints';
}

/** A road feature the build could not use (bad geometry, unreadable coordinates …). */
export interface RoadIssue {
  /** The feature's 1-based number (GeoJSON feature, shapefile record) or its OSM way id. */
  feature: number;
  /** The attribute or OSM field concerned, or '' for the geometry. */
  column: string;
  value: string;
  reason: string;
}

/**
 * What the build made of the road file (`--roads`). The counts add up:
 * `features_read = features_used + filtered + rejected`, and `rejected` is the length of
 * `rejected_features`. `lines` may exceed `features_used` (a multi-line feature gives several).
 */
export interface RoadsReport {
  file: string;
  /** `geojson`, `shapefile` or `osm-pbf`. */
  format: string;
  /** The coordinate system the file was read in. */
  crs: string;
  features_read: number;
  /** Features that became walkable lines. */
  features_used: number;
  /** Features left out on purpose: not a road, or not walkable (motorways …). */
  filtered: number;
  /** Features that could not be used; each is in `rejected_features`. */
  rejected: number;
  /** Road centrelines the walking network was built from. */
  lines: number;
  rejected_features: RoadIssue[];
}

/** Counts of one ledger file. rows_read = rows_accepted + rows_rejected. */
export interface FileReport {
  /** The file's name, as errors and warnings name it. */
  file: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_skipped: number;
}

/**
 * Counts of one input table. rows_read = rows_accepted + rows_rejected. A table read from
 * several ledgers (one per city) is their total, `file` naming how many, and `files` lists each
 * ledger's own counts, in reading order; the table's counts are the sums of theirs.
 */
export interface TableReport extends FileReport {
  files?: FileReport[];
}

/** The whole file. Top-level counts add up over all tables. */
export interface BuildReport {
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_skipped: number;
  errors: (RowIssue & { file: string })[];
  warnings: (RowIssue & { file: string })[];
  tables: Record<string, TableReport>;
  /**
   * The road file, when the build was given one. Communities and amenities farther than the
   * access limit from any road are among `warnings` (their own table's rows).
   */
  roads?: RoadsReport;
}
