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

/** Passes a property on only when there is a value. A module-level function, not a per-call closure. */
function put(sink: PropertySink, key: string, value: FlatValue | undefined): void {
  if (value !== undefined && value !== null) sink(key, value);
}

/** Receives a community's properties one at a time, in output order. */
export type PropertySink = (key: string, value: FlatValue) => void;

/**
 * Builds the flat properties of one community, in the key order communities.geojson has always
 * had, which is not the field dictionary's (the golden tests hold it byte for byte). Values the
 * ledger did not give are left out rather than written as null: at national scale the nulls alone
 * would double communities.geojson. Coverage fields appear only when `lifeCircle` is given (no
 * amenities supplied means no claim either way).
 */
export function communityProperties(rec: CommunityRecord, lifeCircle?: CommunityLifeCircle): FlatProperties {
  const p: FlatProperties = {};
  eachCommunityProperty(rec, lifeCircle, (key, value) => {
    p[key] = value;
  });
  return p;
}

/**
 * The same properties, in the same order, handed to `sink` one by one without building the
 * object: with sixty-odd keys added by name from lists, the object is a dictionary to V8, and the
 * tiler, which encodes each pair at once, built and walked 220,000 of them at national scale.
 */
export function eachCommunityProperty(
  rec: CommunityRecord,
  lifeCircle: CommunityLifeCircle | undefined,
  sink: PropertySink,
): void {
  const funding = deriveFunding(rec.funds, rec.households);
  const categories = itemCategoryCounts(rec.items);
  sink('id', rec.id);
  sink('name', rec.name);
  put(sink, 'city', rec.city);
  put(sink, 'district', rec.district);
  put(sink, 'street', rec.street);
  put(sink, 'community', rec.community);
  put(sink, 'admin_code', rec.admin_code);
  put(sink, 'address', rec.address);
  sink('location_precision', rec.location_precision);
  sink('crs_source', rec.crs_source);
  put(sink, 'year_built', rec.year_built);
  put(sink, 'year_built_precision', rec.year_built_precision);
  put(sink, 'buildings', rec.buildings);
  put(sink, 'households', rec.households);
  put(sink, 'residents', rec.residents);
  put(sink, 'floor_area_m2', rec.floor_area_m2);
  put(sink, 'programme', rec.programme);
  put(sink, 'batch_year', rec.batch_year);
  put(sink, 'stage', rec.stage);
  put(sink, 'start_date', rec.start_date);
  put(sink, 'completion_date', rec.completion_date);
  put(sink, 'acceptance_date', rec.acceptance_date);
  put(sink, 'approval_rate', rec.approval_rate);
  put(sink, 'satisfaction_rate', rec.satisfaction_rate);
  sink('items', rec.items.join(','));
  if (rec.items_other.length) sink('items_other', rec.items_other.join('、'));
  for (const [key, field] of ITEM_FIELDS) put(sink, field, rec.item_counts[key]);
  sink('items_basic', categories.items_basic);
  sink('items_improvement', categories.items_improvement);
  sink('items_enhancement', categories.items_enhancement);
  sink('items_count', categories.items_count);
  for (const field of FUND_FIELDS) put(sink, field, rec.funds[field]);
  sink('fund_total', funding.fund_total);
  sink('fund_fiscal', funding.fund_fiscal);
  sink('fund_nonfiscal', funding.fund_nonfiscal);
  if (funding.leverage !== null) sink('leverage', round(funding.leverage, 3));
  if (funding.fund_per_household !== null) sink('fund_per_household', Math.round(funding.fund_per_household));
  if (lifeCircle) {
    sink('lc5_met', lifeCircle.lc5_met);
    sink('lc10_met', lifeCircle.lc10_met);
    sink('lc15_met', lifeCircle.lc15_met);
    sink('coverage_score', round(lifeCircle.coverage_score, 3));
    sink('missing_types', lifeCircle.missing_types.join(','));
    if (lifeCircle.distance_method) sink('distance_method', lifeCircle.distance_method);
    for (const [type, field] of DIST_FIELDS) {
      const d = lifeCircle.nearest[type];
      if (d !== undefined && d !== null) sink(field, Math.round(d));
    }
  }
  sink('is_synthetic', rec.is_synthetic);
  put(sink, 'source', rec.source);
  sink('source_row', rec.source_row);
  put(sink, 'note', rec.note);
  put(sink, 'photo_before', rec.photo_before);
  put(sink, 'photo_after', rec.photo_after);
  const q = Object.entries(rec.qualifiers);
  if (q.length) sink('qualifiers', q.map(([k, v]) => `${k}:${v}`).join(','));
}
