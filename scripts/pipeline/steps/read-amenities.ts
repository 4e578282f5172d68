import { basename, extname } from 'node:path';
import type { ManifestInput } from '../../../src/contracts/manifest';
import { AMENITY_FIELDS, type AmenityRecord } from '../../../src/domain/schema';
import type { Crs } from '../../../src/domain/vocabulary';
import { normaliseAmenities } from '../normalise/amenities';
import { readInputFile } from '../read/input-file';
import { readGeoJsonTable, readTable } from '../read/read-table';
import type { Lap } from './step-timer';
import { columnHeaders, headerMatcher, tableReport, type TableDiagnostics } from './table-step';
import { inputEntry } from './input-entry';

/** The amenities table, read and normalised. */
export interface AmenitiesRead extends TableDiagnostics {
  records: AmenityRecord[];
  input: ManifestInput;
  /** The longitude column's header as written, for report lines about a row's position. */
  coordinateColumn: string;
}

/** Reads the amenities table (a ledger, or GeoJSON as exported from a GIS) and normalises its rows. */
export async function readAmenities(
  path: string,
  opts: { sheet?: string | undefined; crs: Crs },
  lap: Lap,
): Promise<AmenitiesRead> {
  const t = performance.now();
  const bytes = await readInputFile(path);
  const ext = extname(path).toLowerCase();
  const table =
    ext === '.geojson' || ext === '.json'
      ? readGeoJsonTable(path, bytes)
      : await readTable(path, bytes, {
          ...(opts.sheet ? { sheet: opts.sheet } : {}),
          isKnownHeader: headerMatcher(AMENITY_FIELDS, false),
        });
  const input = inputEntry('amenities', path, bytes, table);
  const file = basename(path);
  const result = normaliseAmenities(table, { crs: opts.crs, sourceLabel: file });
  const read = {
    name: 'amenities' as const,
    records: result.records,
    input,
    coordinateColumn: columnHeaders(table, AMENITY_FIELDS, 'lng')[0]!,
    errors: result.errors.map((e) => ({ ...e, table: 'amenities' as const, file })),
    warnings: result.warnings.map((w) => ({ ...w, table: 'amenities' as const, file })),
    table: tableReport(file, result),
  };
  lap('amenities', t);
  return read;
}
