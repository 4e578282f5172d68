/**
 * Turns an amenities table (配套设施) into AmenityRecords, with the same contract as the
 * communities normaliser: each data row ends as a record or as errors naming row, column and value.
 */
import type { ColumnBinding } from '../../../src/domain/headers';
import { parseBoolean } from '../../../src/domain/parse/booleans';
import { parseArea } from '../../../src/domain/parse/numbers';
import { fail, type ParseResult } from '../../../src/domain/parse/result';
import { cellText, matchKey } from '../../../src/domain/parse/text';
import { parseAmenityType, parseLocationPrecision } from '../../../src/domain/parse/vocab';
import { AMENITY_FIELDS, type AmenityRecord } from '../../../src/domain/schema';
import type { RawCell, RawTable } from '../table';
import {
  bindTable,
  dataRows,
  emptyResult,
  isEmptyCell,
  readPoint,
  RowIssues,
  shown,
  sourceRow,
  type NormaliseOptions,
  type NormaliseResult,
} from './common';

/** Options of {@link normaliseAmenities}. */
export type AmenityOptions = NormaliseOptions;

/** Result of {@link normaliseAmenities}. */
export type AmenityResult = NormaliseResult<AmenityRecord>;

const STATUS_WORDS: ReadonlyMap<string, 'existing' | 'added'> = new Map([
  ...['新建', '新增', '增设', '新设', '改造新增', '改造新建', 'added', 'new'].map(
    (w) => [w, 'added'] as const,
  ),
  ...['现有', '原有', '已有', '既有', '保留', 'existing'].map((w) => [w, 'existing'] as const),
]);

/** Reads an amenity status: 新建/新增/added → added (built by the renovation), 现有/existing → existing. */
export function parseAmenityStatus(input: RawCell): ParseResult<'existing' | 'added'> {
  const text = cellText(input);
  const status = STATUS_WORDS.get(matchKey(text));
  return status
    ? { ok: true, value: status }
    : fail(`unknown status "${text}"; use 新建/新增 (added) or 现有 (existing)`);
}

function cellAt(cells: readonly RawCell[], b: ColumnBinding | undefined): RawCell | undefined {
  return b ? cells[b.index] : undefined;
}

/**
 * Normalises an amenities table. Throws InputError naming the file and the missing columns when
 * there is no type, longitude or latitude column. Rows without an id get `A<row>`.
 */
export function normaliseAmenities(table: RawTable, opts: AmenityOptions = {}): AmenityResult {
  const label = opts.sourceLabel ?? table.file;
  const defaultCrs = opts.crs ?? 'WGS84';
  const bound = bindTable(table, AMENITY_FIELDS, {
    itemColumns: false,
    required: ['type', 'lng', 'lat'],
    label,
    what: 'amenities',
  });
  const col = (field: string): ColumnBinding | undefined => bound.byField.get(field);
  const typeCol = col('type') as ColumnBinding;
  const lngCol = col('lng') as ColumnBinding;
  const latCol = col('lat') as ColumnBinding;
  const idCol = col('id');
  const crsCol = col('crs');
  const statusCol = col('status');
  const areaCol = col('area_m2');
  const precisionCol = col('location_precision');
  const syntheticCol = col('is_synthetic');
  const strings = (['name', 'community_id', 'source', 'note'] as const).flatMap((f) => {
    const b = col(f);
    return b ? [{ field: f, binding: b }] : [];
  });

  const result: AmenityResult = emptyResult(bound);
  const idRows = new Map<string, number>();
  const issues = new RowIssues();

  for (const { row, cells } of dataRows(table, result)) {
    issues.reset(row);

    let type = '';
    const typeCell = cells[typeCol.index];
    if (isEmptyCell(typeCell)) issues.error(typeCol.header, shown(typeCell), 'type is required');
    else {
      const r = parseAmenityType(typeCell ?? null);
      if (r.ok) type = r.value;
      else issues.error(typeCol.header, shown(typeCell), r.reason);
    }

    const point = readPoint(cells, lngCol, latCol, crsCol, defaultCrs, issues);

    let status: AmenityRecord['status'];
    if (statusCol && !isEmptyCell(cellAt(cells, statusCol))) {
      const r = parseAmenityStatus(cellAt(cells, statusCol) ?? null);
      if (r.ok) status = r.value;
      else issues.error(statusCol.header, shown(cellAt(cells, statusCol)), r.reason);
    }
    let area: number | undefined;
    if (areaCol && !isEmptyCell(cellAt(cells, areaCol))) {
      const r = parseArea(cellAt(cells, areaCol) ?? null, areaCol.unit);
      if (!r.ok) issues.error(areaCol.header, shown(cellAt(cells, areaCol)), r.reason);
      else if (r.value < 0) issues.error(areaCol.header, shown(cellAt(cells, areaCol)), 'cannot be negative');
      else area = r.value;
    }
    let precision: AmenityRecord['location_precision'] = 'exact';
    if (precisionCol && !isEmptyCell(cellAt(cells, precisionCol))) {
      const r = parseLocationPrecision(cellAt(cells, precisionCol) ?? null);
      if (r.ok) precision = r.value;
      else issues.error(precisionCol.header, shown(cellAt(cells, precisionCol)), r.reason);
    }
    let synthetic = false;
    if (syntheticCol && !isEmptyCell(cellAt(cells, syntheticCol))) {
      const r = parseBoolean(cellAt(cells, syntheticCol) ?? null);
      if (r.ok) synthetic = r.value;
      else issues.error(syntheticCol.header, shown(cellAt(cells, syntheticCol)), r.reason);
    }

    let id = idCol && !isEmptyCell(cellAt(cells, idCol)) ? cellText(cellAt(cells, idCol) ?? null) : '';
    if (id === '') id = `A${row}`;
    const earlier = idRows.get(id);
    if (earlier !== undefined) {
      issues.error(idCol?.header ?? '', id, `duplicate id; first used on row ${earlier}`);
    } else {
      idRows.set(id, row);
    }

    for (const w of issues.warnings) result.warnings.push(w);
    if (issues.errors.length > 0 || !point) {
      for (const e of issues.errors) result.errors.push(e);
      result.rows_rejected++;
      continue;
    }
    const record: AmenityRecord = {
      id,
      type,
      lng: point.lng,
      lat: point.lat,
      crs_source: point.crs_source,
      location_precision: precision,
      is_synthetic: synthetic,
      source_row: sourceRow(label, table.sheet, row),
    };
    if (status) record.status = status;
    if (area !== undefined) record.area_m2 = area;
    for (const { field, binding } of strings) {
      const text = cellText(cells[binding.index] ?? null);
      if (text !== '') record[field] = text;
    }
    result.records.push(record);
    result.rows_accepted++;
  }
  return result;
}
