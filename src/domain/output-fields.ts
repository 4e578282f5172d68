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
  { name: 'items_basic', type: 'integer', zh: '基础类项数', en: 'Basic items', derived: true },
  { name: 'items_improvement', type: 'integer', zh: '完善类项数', en: 'Improvement items', derived: true },
  { name: 'items_enhancement', type: 'integer', zh: '提升类项数', en: 'Enhancement items', derived: true },
  { name: 'items_count', type: 'integer', zh: '改造项数', en: 'Items', derived: true },
  {
    name: 'fund_total',
    type: 'number',
    zh: '总投资',
    en: 'Total funding',
    unit: 'yuan',
    derived: true,
    lowZoom: true,
  },
  { name: 'fund_fiscal', type: 'number', zh: '财政资金', en: 'Fiscal funding', unit: 'yuan', derived: true },
  {
    name: 'fund_nonfiscal',
    type: 'number',
    zh: '非财政资金',
    en: 'Non-fiscal funding',
    unit: 'yuan',
    derived: true,
  },
  {
    name: 'leverage',
    type: 'number',
    zh: '撬动比',
    en: 'Leverage (non-fiscal ÷ fiscal)',
    derived: true,
    lowZoom: true,
  },
  {
    name: 'fund_per_household',
    type: 'number',
    zh: '户均投资',
    en: 'Funding per household',
    unit: 'yuan',
    derived: true,
    lowZoom: true,
  },
  {
    name: 'lc5_met',
    type: 'boolean',
    zh: '五分钟生活圈达标',
    en: '5-minute circle met',
    derived: true,
    lowZoom: true,
  },
  { name: 'lc10_met', type: 'boolean', zh: '十分钟生活圈达标', en: '10-minute circle met', derived: true },
  { name: 'lc15_met', type: 'boolean', zh: '十五分钟生活圈达标', en: '15-minute circle met', derived: true },
  {
    name: 'coverage_score',
    type: 'number',
    zh: '配套覆盖率',
    en: 'Service coverage score',
    unit: '0-1',
    derived: true,
    lowZoom: true,
  },
  {
    name: 'missing_types',
    type: 'string',
    zh: '缺少的设施',
    en: 'Missing facility types',
    derived: true,
    lowZoom: true,
  },
  {
    // Written only by a build given roads: absent means the manifest's life_circles.method.
    name: 'distance_method',
    type: 'string',
    zh: '距离量算方式',
    en: 'Distance measured',
    derived: true,
    lowZoom: true,
  },
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
