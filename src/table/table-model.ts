/**
 * The table view's model: which columns it shows, how each sorts and reads, which rows a page
 * holds, and the CSV of the filtered rows. Works on the explore index's typed columns, never on
 * row objects, so sorting and filtering 220,000 communities stay loops over numbers:
 *
 * - a column's sort keys are one Float64Array over all rows (NaN = no value), its sorted order
 *   one Uint32Array, computed once per column and language and then reused for every filter;
 * - the rows on screen are the sorted order walked once through the filter mask;
 * - only one page of rows is ever turned into text.
 *
 * Pure: the strings a reader sees come in through `TableContext`.
 */
import { COMMUNITY_OUTPUT_FIELDS, outputFieldNames } from '../domain/output-fields';
import {
  FUNDING_CHANNELS,
  ITEM_BY_KEY,
  LOCATION_PRECISIONS,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from '../domain/vocabulary';
import type { ExploreIndex } from '../explore/explore-index';
import type { Lang } from '../i18n/messages';
import { formatPlain, formatYuan } from '../lib/format';
import { collationRanks } from './collation';
import { toCsv, type CsvCell } from './csv';

export { collationRanks };

/** Columns of the table, in order. `name` is the row header. */
export const TABLE_COLUMNS = [
  ...outputFieldNames('TABLE_COLUMNS', [
    'name',
    'programme',
    'district',
    'street',
    'stage',
    'year_built',
    'households',
    'residents',
    'fund_total',
    'items_count',
  ]),
  // Not an output field: the table's own reading of `is_synthetic` and `location_precision`.
  'provenance',
] as const;
/** A column of the table. */
export type ColumnKey = (typeof TABLE_COLUMNS)[number];

const FIELD = new Map(COMMUNITY_OUTPUT_FIELDS.map((f) => [f.name, f]));

/**
 * Columns holding numbers (by their type in the field dictionary): right-aligned, and sorted
 * largest first on the first click.
 */
export const NUMERIC_COLUMNS: ReadonlySet<ColumnKey> = new Set(
  TABLE_COLUMNS.filter((key) => {
    const type = FIELD.get(key)?.type;
    return type === 'integer' || type === 'number';
  }),
);

/** Sort direction, named as `aria-sort` names it. */
export type SortDirection = 'ascending' | 'descending';

/** The table's sort. */
export interface SortState {
  key: ColumnKey;
  direction: SortDirection;
}

/** Words the model needs from the interface. */
export interface TableWords {
  /** Provenance column header. */
  provenance: string;
  /** Provenance of an illustrative row. */
  synthetic: string;
  /** Provenance of a ledger row. */
  ledger: string;
  /** Provenance note for an approximate position, given the precision word (`street`, `district`). */
  approximate: (precision: string) => string;
  /** Header of the programme-name CSV column. */
  programmeName: string;
  yes: string;
  no: string;
}

/** What turns rows into text. */
export interface TableContext {
  lang: Lang;
  /** Display name of a programme id (the manifest's name, or the id). */
  programmeLabel: (id: string) => string;
  words: TableWords;
}

/** Header text of a column. */
export function columnLabel(key: ColumnKey, ctx: Pick<TableContext, 'lang' | 'words'>): string {
  if (key === 'provenance') return ctx.words.provenance;
  return FIELD.get(key)?.[ctx.lang] ?? key;
}

const STAGE_RANK = new Map<string, number>(STAGES.map((s, i) => [s, i]));
const PRECISION_RANK = new Map<string, number>(LOCATION_PRECISIONS.map((p, i) => [p, i]));

function dictionaryKeys(index: ExploreIndex, field: 'district' | 'street', lang: Lang): Float64Array {
  const column = index.text[field];
  const ranks = collationRanks(column.values, lang);
  return Float64Array.from(column.codes, (c) => (c === 0 ? NaN : ranks[c]!));
}

/**
 * Sort keys of a column over every row: ascending order of the key is ascending order of the
 * column; NaN where the row has no value. `nameRanks` (from `collationRanks(index.name)`) may be
 * passed in when computed elsewhere, e.g. in a worker for a large index.
 */
export function sortKeys(
  index: ExploreIndex,
  key: ColumnKey,
  ctx: Pick<TableContext, 'lang' | 'programmeLabel'>,
  nameRanks?: Float64Array,
): Float64Array {
  const n = index.count;
  const nan = (v: number) => (v ? v : NaN);
  switch (key) {
    case 'name':
      return nameRanks ?? collationRanks(index.name, ctx.lang);
    case 'programme': {
      const column = index.text.programme;
      const ranks = collationRanks(
        column.values.map((v) => (v === null ? null : ctx.programmeLabel(v))),
        ctx.lang,
      );
      return Float64Array.from(column.codes, (c) => (c === 0 ? NaN : ranks[c]!));
    }
    case 'district':
    case 'street':
      return dictionaryKeys(index, key, ctx.lang);
    case 'stage': {
      const column = index.text.stage;
      const ranks = column.values.map((v) => (v === null ? NaN : (STAGE_RANK.get(v) ?? STAGES.length)));
      return Float64Array.from(column.codes, (c) => ranks[c]!);
    }
    case 'year_built':
      return Float64Array.from(index.yearBuilt, nan);
    case 'households':
      return index.households;
    case 'residents':
      return index.residents;
    case 'fund_total':
      return index.fundTotal.map((v, i) => (index.reportsFunds[i] ? v : NaN));
    case 'items_count':
      return Float64Array.from(index.itemsCount);
    case 'provenance': {
      const precision = index.text.location_precision;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const p = precision.values[precision.codes[i]!];
        out[i] = index.isSynthetic[i]! * 10 + (p ? (PRECISION_RANK.get(p) ?? 9) : 9);
      }
      return out;
    }
  }
}

/** Every row in ascending order of `keys`, ties in row order, rows without a value last. */
export function sortedOrder(keys: Float64Array): Uint32Array {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    const na = Number.isNaN(ka);
    const nb = Number.isNaN(kb);
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return ka - kb || a - b;
  });
}

/**
 * The rows a mask lets through, in display order: `order` as is for ascending; for descending,
 * groups of equal keys in reverse but each group still in row order. Rows without a value stay
 * last either way. `order` null means ledger order (no sort).
 */
export function displayRows(
  order: Uint32Array | null,
  keys: Float64Array | null,
  mask: Uint8Array,
  direction: SortDirection = 'ascending',
): Uint32Array {
  const out = new Uint32Array(mask.length);
  let n = 0;
  if (!order || !keys) {
    for (let i = 0; i < mask.length; i++) if (mask[i]) out[n++] = i;
    return out.subarray(0, n);
  }
  if (direction === 'ascending') {
    for (const i of order) if (mask[i]) out[n++] = i;
    return out.subarray(0, n);
  }
  let valued = order.length;
  while (valued > 0 && Number.isNaN(keys[order[valued - 1]!]!)) valued--;
  let end = valued;
  while (end > 0) {
    let start = end - 1;
    const k = keys[order[start]!]!;
    while (start > 0 && keys[order[start - 1]!]! === k) start--;
    for (let j = start; j < end; j++) if (mask[order[j]!]) out[n++] = order[j]!;
    end = start;
  }
  for (let j = valued; j < order.length; j++) if (mask[order[j]!]) out[n++] = order[j]!;
  return out.subarray(0, n);
}

/** One page of rows. */
export interface Page {
  /** Zero-based page, clamped to the pages there are. */
  page: number;
  pages: number;
  /** Zero-based position of the first row on the page. */
  start: number;
  rows: Uint32Array;
}

/** Page `page` (zero-based) of `rows` at `size` rows per page. */
export function pageOf(rows: Uint32Array, page: number, size: number): Page {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const start = p * size;
  return { page: p, pages, start, rows: rows.subarray(start, Math.min(rows.length, start + size)) };
}

const DASH = '—';

/** Provenance of a row in words: illustrative or ledger, and an approximate position. */
export function provenanceText(index: ExploreIndex, i: number, words: TableWords, lang: Lang): string {
  const parts = [index.isSynthetic[i] ? words.synthetic : words.ledger];
  const precision = index.textOf('location_precision', i);
  if (precision && precision !== 'exact') parts.push(words.approximate(precision));
  return parts.join(lang === 'zh' ? '；' : '; ');
}

/** Text of one cell. Numbers are grouped the way the language groups them. */
export function cellText(index: ExploreIndex, i: number, key: ColumnKey, ctx: TableContext): string {
  const { lang } = ctx;
  const plain = (v: number) => (Number.isNaN(v) ? DASH : formatPlain(v, lang, 0));
  switch (key) {
    case 'name':
      return index.name[i] || DASH;
    case 'programme': {
      const id = index.textOf('programme', i);
      return id ? ctx.programmeLabel(id) : DASH;
    }
    case 'district':
    case 'street':
      return index.textOf(key, i) ?? DASH;
    case 'stage': {
      const stage = index.textOf('stage', i);
      return stage ? (STAGE_LABELS[stage as Stage]?.[lang] ?? stage) : DASH;
    }
    case 'year_built':
      // Years are not grouped: 2007, not 2,007.
      return index.yearBuilt[i] ? String(index.yearBuilt[i]) : DASH;
    case 'households':
      return plain(index.households[i]!);
    case 'residents':
      return plain(index.residents[i]!);
    case 'fund_total':
      return index.reportsFunds[i] ? formatYuan(index.fundTotal[i]!, lang) : DASH;
    case 'items_count':
      return String(index.itemsCount[i]);
    case 'provenance':
      return provenanceText(index, i, ctx.words, lang);
  }
}

/** A CSV column: header and value of row i. */
interface CsvColumn {
  header: string;
  value: (i: number) => CsvCell;
}

/**
 * The CSV of `rows` (in the order given): every field the index carries, with headers in the
 * language (money columns say 元 / yuan), stage and item labels in words, exact yuan.
 */
export function tableCsv(index: ExploreIndex, rows: Iterable<number>, ctx: TableContext): string {
  const { lang, words } = ctx;
  const label = (name: string) => FIELD.get(name)?.[lang] ?? name;
  const yuan = (name: string) => `${label(name)}${lang === 'zh' ? '（元）' : ' (yuan)'}`;
  const num = (v: number): CsvCell => (Number.isNaN(v) ? null : v);
  const text = (field: Parameters<ExploreIndex['textOf']>[0]) => (i: number) => index.textOf(field, i);
  const year = (a: Uint32Array) => (i: number) => a[i] || null;
  const columns: CsvColumn[] = [
    { header: label('id'), value: (i) => index.id[i] },
    { header: label('name'), value: (i) => index.name[i] },
    { header: label('programme'), value: text('programme') },
    {
      header: words.programmeName,
      value: (i) => {
        const id = index.textOf('programme', i);
        return id ? ctx.programmeLabel(id) : null;
      },
    },
    { header: label('city'), value: text('city') },
    { header: label('district'), value: text('district') },
    { header: label('street'), value: text('street') },
    { header: label('community'), value: text('community') },
    {
      header: label('stage'),
      value: (i) => {
        const s = index.textOf('stage', i);
        return s ? (STAGE_LABELS[s as Stage]?.[lang] ?? s) : null;
      },
    },
    { header: label('batch_year'), value: year(index.batchYear) },
    { header: label('year_built'), value: year(index.yearBuilt) },
    { header: label('buildings'), value: (i) => num(index.buildings[i]!) },
    { header: label('households'), value: (i) => num(index.households[i]!) },
    { header: label('residents'), value: (i) => num(index.residents[i]!) },
    ...FUNDING_CHANNELS.filter((c) => index.funds.has(c.field)).map((c): CsvColumn => ({
      header: yuan(c.field),
      value: (i) => num(index.funds.get(c.field)![i]!),
    })),
    { header: yuan('fund_total'), value: (i) => (index.reportsFunds[i] ? index.fundTotal[i] : null) },
    {
      header: label('items'),
      value: (i) =>
        index
          .itemsOf(i)
          .map((k) => ITEM_BY_KEY.get(k)?.[lang] ?? k)
          .join(lang === 'zh' ? '、' : '; ') || null,
    },
    { header: label('is_synthetic'), value: (i) => (index.isSynthetic[i] ? words.yes : words.no) },
    { header: label('location_precision'), value: text('location_precision') },
    { header: 'lng', value: (i) => index.lng[i] },
    { header: 'lat', value: (i) => index.lat[i] },
  ];
  function* lines(): Generator<CsvCell[]> {
    for (const i of rows) yield columns.map((c) => c.value(i));
  }
  return toCsv(
    columns.map((c) => c.header),
    lines(),
  );
}

/** Reads `?sort=households` / `?sort=-households` (descending). */
export function parseSort(search: string): SortState | null {
  const raw = new URLSearchParams(search).get('sort');
  if (!raw) return null;
  const descending = raw.startsWith('-');
  const key = descending ? raw.slice(1) : raw;
  return (TABLE_COLUMNS as readonly string[]).includes(key)
    ? { key: key as ColumnKey, direction: descending ? 'descending' : 'ascending' }
    : null;
}

/**
 * Writes the sort into a query string, keeping every other parameter exactly as written (a
 * round trip through URLSearchParams would re-encode the filters' commas).
 */
export function serialiseSort(sort: SortState | null, search: string): string {
  const parts = (search.startsWith('?') ? search.slice(1) : search)
    .split('&')
    .filter((part) => part && part.split('=')[0] !== 'sort');
  if (sort) parts.push(`sort=${sort.direction === 'descending' ? '-' : ''}${sort.key}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The sort after activating a column's button: a new column starts ascending (numbers descending), the same column flips. */
export function nextSort(current: SortState | null, key: ColumnKey): SortState {
  if (current?.key === key)
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: NUMERIC_COLUMNS.has(key) ? 'descending' : 'ascending' };
}
