/**
 * Turns normalised community records plus their life-circle results into flat GeoJSON
 * features: the single shape written to communities.geojson and to the vector tiles.
 */
import type { Feature, Point } from 'geojson';
import { deriveFunding, itemCategoryCounts } from '../../src/domain/metrics';
import type { CommunityRecord } from '../../src/domain/schema';
import { AMENITY_TYPES, FUNDING_CHANNELS, ITEMS } from '../../src/domain/vocabulary';

/** A flat property value: what both GeoJSON and MVT can carry. */
export type FlatValue = string | number | boolean | null;
export type FlatProperties = Record<string, FlatValue>;

/** Life-circle outcome for one community, as computed by the build. */
export interface CommunityLifeCircle {
  /** Metres to the nearest amenity of each type; null when none lies within the search radius. */
  nearest: Record<string, number | null>;
  lc5_met: boolean;
  lc10_met: boolean;
  lc15_met: boolean;
  coverage_score: number;
  missing_types: string[];
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/**
 * Builds the flat properties of one community. Every canonical field is present (null when the
 * ledger did not give it) so that communities.geojson doubles as a self-describing table.
 * `lifeCircle` is omitted when no amenities were supplied: then coverage fields stay null rather
 * than claiming every facility is missing.
 */
export function communityProperties(rec: CommunityRecord, lifeCircle?: CommunityLifeCircle): FlatProperties {
  const funding = deriveFunding(rec.funds, rec.households);
  const categories = itemCategoryCounts(rec.items);
  const p: FlatProperties = {
    id: rec.id,
    name: rec.name,
    city: rec.city ?? null,
    district: rec.district ?? null,
    street: rec.street ?? null,
    community: rec.community ?? null,
    admin_code: rec.admin_code ?? null,
    address: rec.address ?? null,
    location_precision: rec.location_precision,
    crs_source: rec.crs_source,
    year_built: rec.year_built ?? null,
    year_built_precision: rec.year_built_precision ?? null,
    buildings: rec.buildings ?? null,
    households: rec.households ?? null,
    residents: rec.residents ?? null,
    floor_area_m2: rec.floor_area_m2 ?? null,
    programme: rec.programme ?? null,
    batch_year: rec.batch_year ?? null,
    stage: rec.stage ?? null,
    start_date: rec.start_date ?? null,
    completion_date: rec.completion_date ?? null,
    acceptance_date: rec.acceptance_date ?? null,
    approval_rate: rec.approval_rate ?? null,
    satisfaction_rate: rec.satisfaction_rate ?? null,
    items: rec.items.join(','),
    items_other: rec.items_other.length ? rec.items_other.join('、') : null,
  };
  for (const item of ITEMS) {
    const qty = rec.item_counts[item.key];
    p[`item_${item.key}`] = qty === undefined ? null : qty;
  }
  p.items_basic = categories.items_basic;
  p.items_improvement = categories.items_improvement;
  p.items_enhancement = categories.items_enhancement;
  p.items_count = categories.items_count;
  for (const channel of FUNDING_CHANNELS) {
    const v = rec.funds[channel.field];
    p[channel.field] = v === undefined ? null : v;
  }
  p.fund_total = funding.fund_total;
  p.fund_fiscal = funding.fund_fiscal;
  p.fund_nonfiscal = funding.fund_nonfiscal;
  p.leverage = funding.leverage === null ? null : round(funding.leverage, 3);
  p.fund_per_household = funding.fund_per_household === null ? null : Math.round(funding.fund_per_household);
  p.lc5_met = lifeCircle ? lifeCircle.lc5_met : null;
  p.lc10_met = lifeCircle ? lifeCircle.lc10_met : null;
  p.lc15_met = lifeCircle ? lifeCircle.lc15_met : null;
  p.coverage_score = lifeCircle ? round(lifeCircle.coverage_score, 3) : null;
  p.missing_types = lifeCircle ? lifeCircle.missing_types.join(',') : null;
  for (const a of AMENITY_TYPES) {
    const d = lifeCircle?.nearest[a.type];
    p[`dist_${a.type}`] = d === undefined || d === null ? null : Math.round(d);
  }
  p.is_synthetic = rec.is_synthetic;
  p.source = rec.source ?? null;
  p.source_row = rec.source_row;
  p.note = rec.note ?? null;
  p.photo_before = rec.photo_before ?? null;
  p.photo_after = rec.photo_after ?? null;
  const q = Object.entries(rec.qualifiers);
  p.qualifiers = q.length ? q.map(([k, v]) => `${k}:${v}`).join(',') : null;
  return p;
}

/** Wraps properties into a WGS84 Point feature, coordinates rounded to ~1 cm. */
export function communityFeature(
  rec: CommunityRecord,
  lifeCircle?: CommunityLifeCircle,
): Feature<Point, FlatProperties> {
  return {
    type: 'Feature',
    id: rec.id,
    geometry: { type: 'Point', coordinates: [round(rec.lng, 7), round(rec.lat, 7)] },
    properties: communityProperties(rec, lifeCircle),
  };
}
