/**
 * The field dictionary of the build's outputs (communities.geojson properties and tile
 * attributes). The manifest publishes it and the site reads labels and units from it, so a
 * field is named and described in exactly one place.
 */
import { AMENITY_TYPES, FUNDING_CHANNELS, ITEMS } from './vocabulary';
import { COMMUNITY_FIELDS } from './schema';

/** One output property. */
export interface OutputField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  zh: string;
  en: string;
  unit?: string;
  /** True when the value is computed by the build rather than read from the ledger. */
  derived?: boolean;
  /** True when the value may be illustrative (see `is_synthetic` on the feature). */
  synthetic_possible?: boolean;
  /**
   * Kept by every community in the tiles below the maximum zoom: what the filters and the
   * styling need there (src/contracts/tile-properties.ts `LOW_ZOOM_PROPERTIES`). The build's
   * own business: the manifest publishes the fields without it (`PUBLISHED_OUTPUT_FIELDS`).
   */
  lowZoom?: true;
}

const ledgerFields: OutputField[] = COMMUNITY_FIELDS.filter(
  (f) => f.kind !== 'coordinate' && f.kind !== 'crs',
).map((f): OutputField => {
  const type: OutputField['type'] =
    f.kind === 'integer' || f.kind === 'year'
      ? 'integer'
      : f.kind === 'number' || f.kind === 'area' || f.kind === 'money' || f.kind === 'rate'
        ? 'number'
        : f.kind === 'boolean'
          ? 'boolean'
          : f.kind === 'date'
            ? 'date'
            : 'string';
  const unit = f.kind === 'money' ? 'yuan' : f.kind === 'area' ? 'm²' : f.kind === 'rate' ? '0-1' : undefined;
  return {
    name: f.field,
    type,
    zh: f.zh,
    en: f.en,
    ...(unit ? { unit } : {}),
    synthetic_possible: true,
    ...(f.lowZoom ? { lowZoom: true } : {}),
  };
});

/** A field the build computes, as a table row: name, type, zh, en, and its unit and low-zoom mark. */
type DerivedRow = readonly [
  name: string,
  type: OutputField['type'],
  zh: string,
  en: string,
  extra?: Pick<OutputField, 'unit' | 'lowZoom'>,
];

/** Output fields computed by the build, from their table rows. */
function derivedFields(rows: readonly DerivedRow[]): OutputField[] {
  return rows.map(([name, type, zh, en, { unit, lowZoom } = {}]) => ({
    name,
    type,
    zh,
    en,
    ...(unit ? { unit } : {}),
    derived: true,
    ...(lowZoom ? { lowZoom } : {}),
  }));
}

/** Every property a community feature may carry, in a stable order. */
export const COMMUNITY_OUTPUT_FIELDS: readonly OutputField[] = [
  ...ledgerFields,
  { name: 'crs_source', type: 'string', zh: '原坐标系', en: 'Source coordinate system' },
  { name: 'year_built_precision', type: 'string', zh: '建成年份精度', en: 'Year-built precision' },
  { name: 'items_other', type: 'string', zh: '其他改造内容', en: 'Other items (verbatim)' },
  ...ITEMS.map((i): OutputField => ({
    name: `item_${i.key}`,
    type: 'number',
    zh: i.zh,
    en: i.en,
    ...(i.unit ? { unit: i.unit } : {}),
  })),
  ...derivedFields([
    ['items_basic', 'integer', '基础类项数', 'Basic items'],
    ['items_improvement', 'integer', '完善类项数', 'Improvement items'],
    ['items_enhancement', 'integer', '提升类项数', 'Enhancement items'],
    ['items_count', 'integer', '改造项数', 'Items'],
    ['fund_total', 'number', '总投资', 'Total funding', { unit: 'yuan', lowZoom: true }],
    ['fund_fiscal', 'number', '财政资金', 'Fiscal funding', { unit: 'yuan' }],
    ['fund_nonfiscal', 'number', '非财政资金', 'Non-fiscal funding', { unit: 'yuan' }],
    ['leverage', 'number', '撬动比', 'Leverage (non-fiscal ÷ fiscal)', { lowZoom: true }],
    ['fund_per_household', 'number', '户均投资', 'Funding per household', { unit: 'yuan', lowZoom: true }],
    ['lc5_met', 'boolean', '五分钟生活圈达标', '5-minute circle met', { lowZoom: true }],
    ['lc10_met', 'boolean', '十分钟生活圈达标', '10-minute circle met'],
    ['lc15_met', 'boolean', '十五分钟生活圈达标', '15-minute circle met'],
    ['coverage_score', 'number', '配套覆盖率', 'Service coverage score', { unit: '0-1', lowZoom: true }],
    ['missing_types', 'string', '缺少的设施', 'Missing facility types', { lowZoom: true }],
    // Written only by a build given roads: absent means the manifest's life_circles.method.
    ['distance_method', 'string', '距离量算方式', 'Distance measured', { lowZoom: true }],
  ]),
  ...AMENITY_TYPES.map((a): OutputField => ({
    name: `dist_${a.type}`,
    type: 'number',
    zh: `最近${a.zh}距离`,
    en: `Distance to nearest ${a.en.toLowerCase()}`,
    unit: 'm',
    derived: true,
  })),
  { name: 'qualifiers', type: 'string', zh: '约数标记', en: 'Approximate-number qualifiers' },
  { name: 'source_row', type: 'string', zh: '来源行', en: 'Source row' },
];

/** The field dictionary as the manifest publishes it: the build's own flags left out. */
export const PUBLISHED_OUTPUT_FIELDS: readonly OutputField[] = COMMUNITY_OUTPUT_FIELDS.map(
  ({ lowZoom: _lowZoom, ...field }) => field,
);

const OUTPUT_FIELD_NAMES: ReadonlySet<string> = new Set(COMMUNITY_OUTPUT_FIELDS.map((f) => f.name));

/**
 * Names a list of output fields in the list's own order (a table's columns, a download's), and
 * fails at module load when a name is not in `COMMUNITY_OUTPUT_FIELDS`: a renamed or dropped
 * field then stops the build and the tests at the list that still names it, rather than leaving
 * an empty column behind. The order stays the list's own because each list's order is part of
 * a published output (a CSV header, a table) and differs from the dictionary's. `list` names the
 * list in the error.
 */
export function outputFieldNames<const N extends readonly string[]>(list: string, names: N): N {
  for (const name of names)
    if (!OUTPUT_FIELD_NAMES.has(name))
      throw new Error(`${list}: "${name}" is not an output field (src/domain/output-fields.ts)`);
  return names;
}

/** Funding fields in channel order, for charts and aggregates. */
export const FUND_FIELDS: readonly string[] = FUNDING_CHANNELS.map((c) => c.field);
