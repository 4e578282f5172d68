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
  bindInput,
  isEmptyCell,
  readOptional,
  readPoint,
  readRows,
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

/**
 * Normalises an amenities table. Throws InputError naming the file and the missing columns when
 * there is no type, longitude or latitude column. Rows without an id get `A<row>`.
 */
export function normaliseAmenities(table: RawTable, opts: AmenityOptions = {}): AmenityResult {
  const { label, defaultCrs, bound, col } = bindInput(table, AMENITY_FIELDS, opts, {
    itemColumns: false,
    required: ['type', 'lng', 'lat'],
    what: 'amenities',
  });
  const typeCol = col('type') as ColumnBinding;
  const lngCol = col('lng') as ColumnBinding;
  const latCol = col('lat') as ColumnBinding;
  const idCol = col('id');
  const crsCol = col('crs');
  const strings = (['name', 'community_id', 'source', 'note'] as const).flatMap((f) => {
    const b = col(f);
    return b ? [{ field: f, binding: b }] : [];
  });

  const idRows = new Map<string, number>();
  return readRows(table, bound, ({ row, cells }, issues) => {
    let type = '';
    const typeCell = cells[typeCol.index];
    if (isEmptyCell(typeCell)) issues.error(typeCol.header, shown(typeCell), 'type is required');
    else {
      const r = parseAmenityType(typeCell ?? null);
      if (r.ok) type = r.value;
      else issues.error(typeCol.header, shown(typeCell), r.reason);
    }

    const point = readPoint(cells, lngCol, latCol, crsCol, defaultCrs, issues);
    const optional = <T>(field: string, parse: (cell: RawCell, b: ColumnBinding) => ParseResult<T>) =>
      readOptional(cells, col(field), parse, issues);
    const status = optional('status', parseAmenityStatus);
    const area = optional('area_m2', (cell, b) => {
      const r = parseArea(cell, b.unit);
      return r.ok && r.value < 0 ? fail('cannot be negative') : r;
    });
    const precision = optional('location_precision', parseLocationPrecision) ?? 'exact';
    const synthetic = optional('is_synthetic', parseBoolean) ?? false;

    let id = idCol && !isEmptyCell(cells[idCol.index]) ? cellText(cells[idCol.index] ?? null) : '';
    if (id === '') id = `A${row}`;
    const earlier = idRows.get(id);
    if (earlier !== undefined) {
      issues.error(idCol?.header ?? '', id, `duplicate id; first used on row ${earlier}`);
    } else {
      idRows.set(id, row);
    }

    return {
      point,
      record: (at) => {
        const record: AmenityRecord = {
          id,
          type,
          lng: at.lng,
          lat: at.lat,
          crs_source: at.crs_source,
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
        return record;
      },
    };
  });
}
