/**
 * Turns a communities ledger (小区台账) read into a RawTable into CommunityRecords. Every data row
 * ends as a record or as one or more errors naming the row, the column as written and the value;
 * blank and totals rows are skipped and counted. Columns are bound once and each row is read by
 * index with precompiled patterns: a national ledger of 220,000 rows × 34 columns takes a few
 * seconds, most of it spent allocating the records.
 */
import type { ColumnBinding } from '../../../src/domain/headers';
import { parseBoolean } from '../../../src/domain/parse/booleans';
import { parseDate, parseYear } from '../../../src/domain/parse/dates';
import { parseItems } from '../../../src/domain/parse/items';
import {
  parseArea,
  parseInteger,
  parseMoney,
  parseNumber,
  parseRate,
  tidy,
} from '../../../src/domain/parse/numbers';
import { cellText, foldWidth, removeSpaces } from '../../../src/domain/parse/text';
import { parseLocationPrecision, parseStage } from '../../../src/domain/parse/vocab';
import {
  COMMUNITY_FIELDS,
  type CommunityRecord,
  type FieldDefinition,
  type NumberQualifier,
} from '../../../src/domain/schema';
import type { RawCell, RawTable } from '../table';
import {
  bindInput,
  fnv1a64,
  isEmptyCell,
  readPoint,
  readRows,
  type ReadPoint,
  type RowIssues,
  shown,
  sourceRow,
  type NormaliseOptions,
  type NormaliseResult,
} from './common';
import { Interner } from './intern';

/** Options of {@link normaliseCommunities}. */
export type CommunityOptions = NormaliseOptions;

/** Result of {@link normaliseCommunities}. */
export interface CommunityResult extends NormaliseResult<CommunityRecord> {
  /** True when some ids were generated from city + district + name (no id column, or empty cells). */
  generatedIds: boolean;
}

/** Units a count may carry in its cell, per field; anything else is a row error. */
const COUNT_UNITS: Readonly<Record<string, readonly string[]>> = {
  buildings: ['栋', '幢', '座', '个', '栋楼', '幢楼'],
  households: ['户'],
  residents: ['人', '名', '口', '人口'],
};

// 2023年第二批 / 第一批次: the batch's year is what the field holds.
const BATCH_SUFFIX = /(第[一二三四五六七八九十\d]+批次?|批次?)$/;
const BATCH_ONLY = /^第[一二三四五六七八九十\d]+批次?$/;
const ADMIN_CODE = /^\d{6}(?:\d{3}){0,2}$/;

/** Fields a row may leave out; read into {@link RowValues} and copied when present. */
type OptionalField =
  | 'city'
  | 'district'
  | 'street'
  | 'community'
  | 'admin_code'
  | 'address'
  | 'year_built'
  | 'year_built_precision'
  | 'buildings'
  | 'households'
  | 'residents'
  | 'floor_area_m2'
  | 'programme'
  | 'batch_year'
  | 'stage'
  | 'start_date'
  | 'completion_date'
  | 'acceptance_date'
  | 'approval_rate'
  | 'satisfaction_rate'
  | 'photo_before'
  | 'photo_after'
  | 'note'
  | 'source';

/**
 * One row's values while it is read. Every optional field exists (undefined when absent) so the
 * readers' keyed stores never change the object's shape; {@link toRecord} then copies the present
 * ones with named stores. Adding thirty-odd properties to a fresh object by computed key would push
 * V8 into dictionary mode and cost about 1.5 KB per record on a national ledger.
 */
type RowValues = { [K in OptionalField]: CommunityRecord[K] | undefined } & Pick<
  CommunityRecord,
  'location_precision' | 'is_synthetic' | 'items' | 'item_counts' | 'items_other' | 'funds' | 'qualifiers'
>;

/** Clears the reused row values; the containers are fresh because they move into the record. */
function resetValues(v: RowValues): RowValues {
  v.city = undefined;
  v.district = undefined;
  v.street = undefined;
  v.community = undefined;
  v.admin_code = undefined;
  v.address = undefined;
  v.year_built = undefined;
  v.year_built_precision = undefined;
  v.buildings = undefined;
  v.households = undefined;
  v.residents = undefined;
  v.floor_area_m2 = undefined;
  v.programme = undefined;
  v.batch_year = undefined;
  v.stage = undefined;
  v.start_date = undefined;
  v.completion_date = undefined;
  v.acceptance_date = undefined;
  v.approval_rate = undefined;
  v.satisfaction_rate = undefined;
  v.photo_before = undefined;
  v.photo_after = undefined;
  v.note = undefined;
  v.source = undefined;
  v.location_precision = 'exact';
  v.is_synthetic = false;
  v.items = [];
  v.item_counts = {};
  v.items_other = [];
  v.funds = {};
  v.qualifiers = {};
  return v;
}

/**
 * One frozen empty container shared by every record without the values: most rows have no
 * item counts, unmatched items or qualifiers, and a fresh empty object or array for each held
 * ~32 MB at national scale. Frozen, so a later step that tried to add to one would throw.
 */
const NO_COUNTS: Record<string, number> = Object.freeze({}) as Record<string, number>;
const NO_OTHER_ITEMS: string[] = Object.freeze([]) as unknown as string[];
const NO_QUALIFIERS: Record<string, NumberQualifier> = Object.freeze({}) as Record<string, NumberQualifier>;

function isEmptyObject(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * The accepted record: required fields first, then the present optional ones in schema order.
 * Place names, programme, source and dates go through `intern`: they repeat from row to row.
 */
function toRecord(
  v: RowValues,
  id: string,
  name: string,
  point: ReadPoint,
  source_row: string,
  intern: (text: string) => string,
): CommunityRecord {
  const rec: CommunityRecord = {
    id,
    name,
    lng: point.lng,
    lat: point.lat,
    crs_source: point.crs_source,
    location_precision: v.location_precision,
    items: v.items,
    item_counts: isEmptyObject(v.item_counts) ? NO_COUNTS : v.item_counts,
    items_other: v.items_other.length ? v.items_other : NO_OTHER_ITEMS,
    funds: v.funds,
    is_synthetic: v.is_synthetic,
    qualifiers: isEmptyObject(v.qualifiers) ? NO_QUALIFIERS : v.qualifiers,
    source_row,
  };
  if (v.city !== undefined) rec.city = intern(v.city);
  if (v.district !== undefined) rec.district = intern(v.district);
  if (v.street !== undefined) rec.street = intern(v.street);
  if (v.community !== undefined) rec.community = intern(v.community);
  if (v.admin_code !== undefined) rec.admin_code = v.admin_code;
  if (v.address !== undefined) rec.address = v.address;
  if (v.year_built !== undefined) rec.year_built = v.year_built;
  if (v.year_built_precision !== undefined) rec.year_built_precision = v.year_built_precision;
  if (v.buildings !== undefined) rec.buildings = v.buildings;
  if (v.households !== undefined) rec.households = v.households;
  if (v.residents !== undefined) rec.residents = v.residents;
  if (v.floor_area_m2 !== undefined) rec.floor_area_m2 = v.floor_area_m2;
  if (v.programme !== undefined) rec.programme = intern(v.programme);
  if (v.batch_year !== undefined) rec.batch_year = v.batch_year;
  if (v.stage !== undefined) rec.stage = v.stage;
  if (v.start_date !== undefined) rec.start_date = intern(v.start_date);
  if (v.completion_date !== undefined) rec.completion_date = intern(v.completion_date);
  if (v.acceptance_date !== undefined) rec.acceptance_date = intern(v.acceptance_date);
  if (v.approval_rate !== undefined) rec.approval_rate = v.approval_rate;
  if (v.satisfaction_rate !== undefined) rec.satisfaction_rate = v.satisfaction_rate;
  if (v.photo_before !== undefined) rec.photo_before = v.photo_before;
  if (v.photo_after !== undefined) rec.photo_after = v.photo_after;
  if (v.note !== undefined) rec.note = v.note;
  if (v.source !== undefined) rec.source = intern(v.source);
  return rec;
}

interface FieldReader {
  binding: ColumnBinding;
  def: FieldDefinition;
}

/** Adds an item to a record, keeping ledger order and summing counts from several sources. */
function addItem(rec: RowValues, key: string, count: number | undefined): void {
  if (!rec.items.includes(key)) rec.items.push(key);
  if (count !== undefined) rec.item_counts[key] = tidy((rec.item_counts[key] ?? 0) + count);
}

function unitFits(unit: string, allowed: readonly string[]): boolean {
  for (const u of allowed) if (unit.startsWith(u)) return true;
  return false;
}

/** Scale of a header unit with a 万 prefix (`外墙保温(万平方米)`), and the unit without it. */
function headerMagnitude(unit: string | undefined): { scale: number; unit?: string } {
  if (!unit) return { scale: 1 };
  return unit.startsWith('万') ? { scale: 1e4, unit: unit.slice(1) || undefined } : { scale: 1, unit };
}

/**
 * Reads a per-item column cell: a count (`2`, `2部`, `1.2万`), a yes/no (`是`, `✓`, `无`) or empty.
 * Returns `false` when the item is absent, the count (or undefined) when present, or an error reason.
 */
function readItemCell(
  cell: RawCell,
  headerUnit: string | undefined,
): { present: boolean; count?: number } | string {
  if (typeof cell === 'boolean') return { present: cell };
  // Under a header with a unit (加装电梯（部）) a 1 is one elevator, not "yes"; without a unit
  // (外立面) the office is ticking a box, and 1/0 read as yes/no.
  const yesNo = typeof cell === 'string' && !(headerUnit && /^\s*\d/.test(cell)) ? parseBoolean(cell) : null;
  if (yesNo?.ok) return { present: yesNo.value };
  const n = parseNumber(cell);
  if (!n.ok) return 'not a count or yes/no (write 2, 2部, 是 or 否)';
  if (n.value < 0) return 'a count cannot be negative';
  if (n.value === 0) return { present: false };
  const { scale } = headerMagnitude(n.unitText === undefined && !n.multiplier ? headerUnit : undefined);
  return { present: true, count: tidy(n.value * scale) };
}

/**
 * Normalises a communities table. Throws InputError naming the file and the missing columns when
 * there is no name column or no longitude/latitude columns. Ids are generated from city, district
 * and name (64-bit FNV-1a, 12 hex digits, `gen-` prefix) when the file has no id column.
 */
export function normaliseCommunities(table: RawTable, opts: CommunityOptions = {}): CommunityResult {
  const { label, defaultCrs, bound, col } = bindInput(table, COMMUNITY_FIELDS, opts, {
    itemColumns: true,
    required: ['name', 'lng', 'lat'],
    what: 'communities',
  });
  const idCol = col('id');
  const nameCol = col('name') as ColumnBinding;
  const lngCol = col('lng') as ColumnBinding;
  const latCol = col('lat') as ColumnBinding;
  const crsCol = col('crs');
  const cityCol = col('city');
  const districtCol = col('district');
  const streetCol = col('street');
  const communityCol = col('community');
  const addressCol = col('address');
  const special = new Set(['id', 'name', 'lng', 'lat', 'crs']);
  const readers: FieldReader[] = COMMUNITY_FIELDS.flatMap((def) => {
    const binding = bound.byField.get(def.field);
    return binding && !special.has(def.field) ? [{ binding, def }] : [];
  }).sort((a, b) => a.binding.index - b.binding.index); // errors come in the order of the columns

  const idRows = new Map<string, number>();
  const { intern } = new Interner();
  const values = resetValues({} as RowValues);
  let generatedIds = false;

  const result = readRows(
    table,
    bound,
    ({ row, cells }, issues) => {
      const rec = resetValues(values);

      const nameCell = cells[nameCol.index];
      const name = isEmptyCell(nameCell) ? '' : cellText(nameCell ?? null);
      if (name === '') issues.error(nameCol.header, shown(nameCell), 'name is required');

      for (const reader of readers) readField(reader, cells, rec, issues);
      for (const b of bound.itemColumns) {
        const cell = cells[b.index];
        if (isEmptyCell(cell)) continue;
        const r = readItemCell(cell ?? null, b.unit);
        if (typeof r === 'string') issues.error(b.header, shown(cell), r);
        else if (r.present) addItem(rec, b.itemKey as string, r.count);
      }

      const point = readPoint(cells, lngCol, latCol, crsCol, defaultCrs, issues);

      // Id: as written, or generated from where the community is and what it is called.
      let id = idCol && !isEmptyCell(cells[idCol.index]) ? cellText(cells[idCol.index] ?? null) : '';
      if (id === '' && name !== '') {
        const where = text(cells, cityCol) + '\u001f' + text(cells, districtCol) + '\u001f' + name;
        id = 'gen-' + fnv1a64(where).slice(0, 12);
        const earlier = idRows.get(id);
        if (earlier !== undefined) {
          // Same city, district and name: tell them apart by street and address when the ledger can.
          const more = [text(cells, streetCol), text(cells, communityCol), text(cells, addressCol)].join(
            '\u001f',
          );
          const alt = 'gen-' + fnv1a64(where + '\u001f' + more).slice(0, 12);
          if (more !== '\u001f\u001f' && !idRows.has(alt)) id = alt;
          else
            issues.error(
              nameCol.header,
              name,
              `same city, district and name as row ${earlier}; add an id column`,
            );
        }
        generatedIds = true;
        if (idCol) issues.warn(idCol.header, '', `no id; generated ${id}`);
      } else if (id !== '') {
        const earlier = idRows.get(id);
        if (earlier !== undefined && idCol)
          issues.error(idCol.header, id, `duplicate id; first used on row ${earlier}`);
      }
      if (id !== '' && !idRows.has(id)) idRows.set(id, row);

      return {
        point,
        record: (at) => toRecord(rec, id, name, at, sourceRow(label, table.sheet, row), intern),
      };
    },
    opts.releaseRows ?? false,
  );
  return { ...result, generatedIds };
}

function qualify(rec: RowValues, field: string, q: NumberQualifier | undefined): void {
  if (q) rec.qualifiers[field] = q;
}

function text(cells: readonly RawCell[], b: ColumnBinding | undefined): string {
  return b ? cellText(cells[b.index] ?? null) : '';
}

function fieldError(issues: RowIssues, binding: ColumnBinding, cell: RawCell, reason: string): void {
  issues.error(binding.header, shown(cell), reason);
}

/** Reads one bound field of one row into the record, recording errors and warnings. */
function readField(
  { binding, def }: FieldReader,
  cells: readonly RawCell[],
  rec: RowValues,
  issues: RowIssues,
): void {
  const cell = cells[binding.index] ?? null;
  const field = def.field;
  // Free text keeps placeholders as written; typed fields read `/`, `—`, `无` as empty (for a yes/no
  // field 无 means no, which is also the default).
  if (isEmptyCell(cell, def.kind !== 'string')) return;
  const record = rec as unknown as Record<string, unknown>;

  switch (def.kind) {
    case 'string': {
      const value = cellText(cell);
      record[field] = value;
      if (field === 'admin_code' && !ADMIN_CODE.test(value)) {
        issues.warn(binding.header, value, 'a division code has 6, 9 or 12 digits');
      }
      return;
    }
    case 'integer':
    case 'number': {
      const r = def.kind === 'integer' ? parseInteger(cell) : parseNumber(cell);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      const allowed = COUNT_UNITS[field];
      // 702户居民 and 8栋楼 are fine: the unit comes first.
      if (r.unitText !== undefined && allowed && !unitFits(r.unitText, allowed)) {
        return fieldError(
          issues,
          binding,
          cell,
          `unit "${r.unitText}" does not fit ${def.zh} (${allowed[0]})`,
        );
      }
      if (r.value < 0) return fieldError(issues, binding, cell, 'cannot be negative');
      const scale = r.unitText === undefined && !r.multiplier ? headerMagnitude(binding.unit).scale : 1;
      record[field] = scale === 1 ? r.value : tidy(r.value * scale);
      return qualify(rec, field, r.qualifier);
    }
    case 'area':
    case 'money': {
      const r = def.kind === 'area' ? parseArea(cell, binding.unit) : parseMoney(cell, binding.unit);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      if (r.value < 0) return fieldError(issues, binding, cell, 'cannot be negative');
      if (def.kind === 'money') rec.funds[field] = r.value;
      else record[field] = r.value;
      return qualify(rec, field, r.qualifier);
    }
    case 'rate': {
      const r = parseRate(cell);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      record[field] = r.value;
      return qualify(rec, field, r.qualifier);
    }
    case 'year': {
      if (
        field === 'batch_year' &&
        typeof cell === 'string' &&
        BATCH_ONLY.test(removeSpaces(foldWidth(cell)))
      ) {
        // 第一批 names a batch but not its year: nothing to store, and no reason to drop the row.
        issues.warn(binding.header, shown(cell), 'a batch without a year; batch_year left empty');
        return;
      }
      const input =
        field === 'batch_year' && typeof cell === 'string'
          ? foldWidth(cell).trim().replace(BATCH_SUFFIX, '')
          : cell;
      const r = parseYear(input);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      if (field === 'year_built') {
        rec.year_built = r.year;
        rec.year_built_precision = r.precision;
      } else if (r.precision !== 'year') {
        return fieldError(issues, binding, cell, 'a batch year must be a single year');
      } else {
        record[field] = r.year;
      }
      return;
    }
    case 'date': {
      const r = parseDate(cell);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      record[field] = r.value;
      return;
    }
    case 'boolean': {
      const r = parseBoolean(cell);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      record[field] = r.value;
      return;
    }
    case 'stage': {
      const r = parseStage(cell);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      rec.stage = r.value;
      return;
    }
    case 'precision': {
      const r = parseLocationPrecision(cell);
      if (!r.ok) return fieldError(issues, binding, cell, r.reason);
      rec.location_precision = r.value;
      return;
    }
    case 'items': {
      const parsed = parseItems(cellText(cell));
      for (const m of parsed.items) addItem(rec, m.key, m.count);
      for (const word of parsed.other) {
        rec.items_other.push(word);
        issues.warn(binding.header, word, 'unknown item word; kept in items_other');
      }
      return;
    }
    case 'crs':
    case 'coordinate':
      // Read together with the point in readPoint.
      return;
  }
}
