/**
 * Turns normalised community records plus their life-circle results into flat GeoJSON
 * features: the single shape written to communities.geojson and to the vector tiles (the
 * contract: src/contracts/tile-properties.ts). Pure: the build writes with it, and the site's
 * tests make their fixtures with it.
 */
import { deriveFunding, itemCategoryCounts } from './metrics';
import type { CommunityRecord } from './schema';
import { AMENITY_TYPES, FUNDING_CHANNELS, ITEMS } from './vocabulary';
import type { DistanceMethod } from './walk-network/types';

/** Life-circle outcome for one community, as computed by the build. */
export interface CommunityLifeCircle {
  /** Metres to the nearest amenity of each type; null when none lies within the search radius. */
  nearest: Record<string, number | null>;
  lc5_met: boolean;
  lc10_met: boolean;
  lc15_met: boolean;
  coverage_score: number;
  missing_types: string[];
  /**
   * How `nearest` was measured: `network` (walking metres) or `straight_line` (a community too far
   * from any road in a build given roads). Absent in a build without roads, where every distance
   * is the manifest's method (straight-line) and the property is not written.
   */
  distance_method?: DistanceMethod;
}

/** A flat property value: what both GeoJSON and MVT can carry. */
export type FlatValue = string | number | boolean | null;

/** The properties of one feature. */
export type FlatProperties = Record<string, FlatValue>;

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

// Property names built once: a template string per community and item costs seconds at 220,000 rows.
const ITEM_FIELDS = ITEMS.map((i) => [i.key, `item_${i.key}`] as const);
const DIST_FIELDS = AMENITY_TYPES.map((a) => [a.type, `dist_${a.type}`] as const);
const FUND_FIELDS = FUNDING_CHANNELS.map((c) => c.field);

/** Sets a property only when there is a value. A module-level function, not a per-call closure. */
function put(p: FlatProperties, key: string, value: FlatValue | undefined): void {
  if (value !== undefined && value !== null) p[key] = value;
}

/**
 * Builds the flat properties of one community, in the key order communities.geojson has always
 * had, which is not the field dictionary's (the golden tests hold it byte for byte). Values the
 * ledger did not give are left out rather than written as null: at national scale the nulls alone
 * would double communities.geojson. Coverage fields appear only when `lifeCircle` is given (no
 * amenities supplied means no claim either way).
 */
export function communityProperties(rec: CommunityRecord, lifeCircle?: CommunityLifeCircle): FlatProperties {
  const funding = deriveFunding(rec.funds, rec.households);
  const categories = itemCategoryCounts(rec.items);
  const p: FlatProperties = { id: rec.id, name: rec.name };
  put(p, 'city', rec.city);
  put(p, 'district', rec.district);
  put(p, 'street', rec.street);
  put(p, 'community', rec.community);
  put(p, 'admin_code', rec.admin_code);
  put(p, 'address', rec.address);
  p.location_precision = rec.location_precision;
  p.crs_source = rec.crs_source;
  put(p, 'year_built', rec.year_built);
  put(p, 'year_built_precision', rec.year_built_precision);
  put(p, 'buildings', rec.buildings);
  put(p, 'households', rec.households);
  put(p, 'residents', rec.residents);
  put(p, 'floor_area_m2', rec.floor_area_m2);
  put(p, 'programme', rec.programme);
  put(p, 'batch_year', rec.batch_year);
  put(p, 'stage', rec.stage);
  put(p, 'start_date', rec.start_date);
  put(p, 'completion_date', rec.completion_date);
  put(p, 'acceptance_date', rec.acceptance_date);
  put(p, 'approval_rate', rec.approval_rate);
  put(p, 'satisfaction_rate', rec.satisfaction_rate);
  p.items = rec.items.join(',');
  if (rec.items_other.length) p.items_other = rec.items_other.join('、');
  for (const [key, field] of ITEM_FIELDS) put(p, field, rec.item_counts[key]);
  p.items_basic = categories.items_basic;
  p.items_improvement = categories.items_improvement;
  p.items_enhancement = categories.items_enhancement;
  p.items_count = categories.items_count;
  for (const field of FUND_FIELDS) put(p, field, rec.funds[field]);
  p.fund_total = funding.fund_total;
  p.fund_fiscal = funding.fund_fiscal;
  p.fund_nonfiscal = funding.fund_nonfiscal;
  if (funding.leverage !== null) p.leverage = round(funding.leverage, 3);
  if (funding.fund_per_household !== null) p.fund_per_household = Math.round(funding.fund_per_household);
  if (lifeCircle) {
    p.lc5_met = lifeCircle.lc5_met;
    p.lc10_met = lifeCircle.lc10_met;
    p.lc15_met = lifeCircle.lc15_met;
    p.coverage_score = round(lifeCircle.coverage_score, 3);
    p.missing_types = lifeCircle.missing_types.join(',');
    if (lifeCircle.distance_method) p.distance_method = lifeCircle.distance_method;
    for (const [type, field] of DIST_FIELDS) {
      const d = lifeCircle.nearest[type];
      if (d !== undefined && d !== null) p[field] = Math.round(d);
    }
  }
  p.is_synthetic = rec.is_synthetic;
  put(p, 'source', rec.source);
  p.source_row = rec.source_row;
  put(p, 'note', rec.note);
  put(p, 'photo_before', rec.photo_before);
  put(p, 'photo_after', rec.photo_after);
  const q = Object.entries(rec.qualifiers);
  if (q.length) p.qualifiers = q.map(([k, v]) => `${k}:${v}`).join(',');
  return p;
}
