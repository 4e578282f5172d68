/**
 * The communities of a drawn area as files a person takes away: CSV for Excel and GeoJSON for a
 * GIS. Pure: rows in, text out; the component turns the text into a download.
 *
 * CSV is written by the table view's writer (src/table/csv.ts), the one place CSV is made:
 * UTF-8 with a byte-order mark for Excel, CRLF, RFC 4180 quoting, and formula-like text cells
 * (`=`, `+`, `-`, `@`, `|`, their full-width forms, after leading blanks) made inert with a
 * leading apostrophe, since ledger text is untrusted.
 *
 * Columns are the canonical field names of communities.geojson and the field dictionary, money
 * in yuan, so a download reads the same as the data it came from.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { outputFieldNames } from '../domain/output-fields';
import { FUNDING_CHANNELS, type FundField } from '../domain/vocabulary';
import type { ExploreRow } from '../explore/explore-index';
import { toCsv } from '../table/csv';
import { shapeAreaM2, shapePolygon, type AreaShape } from './area-stats';

/** The funding channels present in the rows' source, in vocabulary order. */
function channelFields(available: Iterable<FundField>): FundField[] {
  const set = new Set(available);
  return FUNDING_CHANNELS.map((c) => c.field).filter((f) => set.has(f));
}

/**
 * Columns of a community in a download, before the funding channels. Output fields are checked
 * against the field dictionary; the months are not output fields but the explore index's
 * month codes of `start_date` and `completion_date`, which is what the rows carry.
 */
const HEAD_COLUMNS = [
  ...outputFieldNames('area-export HEAD_COLUMNS', [
    'id',
    'name',
    'city',
    'district',
    'street',
    'community',
    'programme',
    'stage',
    'households',
    'residents',
    'buildings',
    'year_built',
    'batch_year',
  ]),
  'start_month',
  'completion_month',
  ...outputFieldNames('area-export HEAD_COLUMNS', ['fund_total', 'fund_fiscal']),
] as const satisfies readonly (keyof ExploreRow)[];

/**
 * Columns after the funding channels. `lng` and `lat` are not output fields (communities.geojson
 * carries them as the geometry); the CSV has no geometry, so it carries them as columns, and
 * the GeoJSON download drops them again.
 */
const TAIL_COLUMNS = [
  ...outputFieldNames('area-export TAIL_COLUMNS', [
    'items',
    'items_count',
    'lc5_met',
    'lc10_met',
    'lc15_met',
    'coverage_score',
    'missing_types',
    'is_synthetic',
    'location_precision',
  ]),
  'lng',
  'lat',
] as const satisfies readonly (keyof ExploreRow)[];

type Cell = string | number | boolean | null;

/** A row as flat name → value pairs in download order (lists joined with commas). */
function flatRow(row: ExploreRow, channels: readonly FundField[]): [string, Cell][] {
  const out: [string, Cell][] = [];
  const put = (name: string, value: unknown) =>
    out.push([
      name,
      Array.isArray(value)
        ? value.join(',')
        : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? value
          : null,
    ]);
  for (const c of HEAD_COLUMNS) put(c, row[c]);
  for (const f of channels) put(f, row.funds[f] ?? null);
  for (const c of TAIL_COLUMNS) put(c, row[c]);
  return out;
}

/** The area's communities as CSV text (with BOM). `channels`: the funding channels the data has. */
export function selectionCsv(rows: readonly ExploreRow[], channels: Iterable<FundField>): string {
  const fields = channelFields(channels);
  const header = [...HEAD_COLUMNS, ...fields, ...TAIL_COLUMNS];
  return toCsv(
    header,
    rows.map((r) => flatRow(r, fields).map(([, v]) => v)),
  );
}

/** What the GeoJSON download says about the area itself. */
export interface SelectionInfo {
  /** `polygon` or `circle`. */
  kind: AreaShape['kind'];
  /** Circle centre [lng, lat] and radius in metres. */
  center?: [number, number];
  radius_m?: number;
  area_km2: number;
  /** The query string of the active filters, `''` when none: the rows honour them. */
  filters: string;
}

/**
 * The area's communities as a GeoJSON FeatureCollection of points, with the area itself as a
 * foreign member `selection` (a polygon Feature; a circle as its polygon, radius in properties),
 * so a GIS gets both and the collection stays one geometry type.
 */
export function selectionGeoJson(
  rows: readonly ExploreRow[],
  channels: Iterable<FundField>,
  shape: AreaShape,
  filters = '',
): FeatureCollection<Point> & { selection: Feature<Polygon, SelectionInfo> } {
  const fields = channelFields(channels);
  const features: Feature<Point>[] = rows.map((r) => {
    const properties = Object.fromEntries(
      flatRow(r, fields).filter(([name, v]) => name !== 'lng' && name !== 'lat' && v !== null),
    );
    return {
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
      properties,
    };
  });
  const info: SelectionInfo = {
    kind: shape.kind,
    ...(shape.kind === 'circle' ? { center: shape.center, radius_m: shape.radiusM } : {}),
    area_km2: Math.round(shapeAreaM2(shape) / 1e4) / 100,
    filters,
  };
  const polygon = shapePolygon(shape);
  return {
    type: 'FeatureCollection',
    features,
    selection: { type: 'Feature', geometry: polygon.geometry, properties: info },
  };
}

/** A file name for a download: `小区-2024-05-01.csv` style, safe on every file system. */
export function downloadName(stem: string, extension: string, date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  const safe = stem.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'selection';
  return `${safe}-${day}.${extension}`;
}
