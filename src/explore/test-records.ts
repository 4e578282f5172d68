/**
 * Random community records and life-circle results for the explore tests (fast-check
 * arbitraries). Imported by tests only; never by the site. Values are drawn from small pools so
 * that random filters hit real rows, and every optional field is sometimes missing.
 */
import fc from 'fast-check';
import type { CommunityRecord } from '../domain/schema';
import { AMENITY_TYPES, FUNDING_CHANNELS, ITEMS, LOCATION_PRECISIONS, STAGES } from '../domain/vocabulary';
import { aggregateH3 } from '../domain/h3-aggregates';
import type { CommunityLifeCircle } from '../domain/community-properties';
import { buildExploreIndex } from '../contracts/explore-encode';
import type { ExploreIndex } from './explore-index';
import { decodeExploreIndex } from './explore-index-of-file';

/** Pools the random values come from, for drawing filters over the same values. */
export const POOLS = {
  city: ['长沙市', '厦门市', '白银市'],
  district: ['岳麓区', '思明区', '白银区', '城关镇'],
  street: ['麓谷街道', '鹭江街道', '纺织路街道', '城关镇'],
  community: ['锦绣社区', '和平社区', '车站路社区'],
  programme: ['changsha-2021-2023', 'xiamen-siming-2023-2024', 'baiyin'],
  stage: [...STAGES],
  items: ITEMS.map((i) => i.key),
  years: [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025],
} as const;

const maybe = <T>(arb: fc.Arbitrary<T>, freq = 4) =>
  fc.oneof({ arbitrary: arb, weight: freq }, { arbitrary: fc.constant(undefined), weight: 1 });

const date = fc.oneof(
  fc.integer({ min: 2018, max: 2025 }).map(String),
  fc
    .tuple(fc.integer({ min: 2018, max: 2025 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(
      fc.integer({ min: 2018, max: 2025 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

/** Funding per channel: yuan in whole hundreds, or (unless `whole`) any amount. */
const fundsArb = (whole: boolean) =>
  fc.subarray(FUNDING_CHANNELS.map((c) => c.field)).chain((fields) =>
    fc
      .tuple(
        ...fields.map(() => {
          const hundreds = fc.integer({ min: 0, max: 50_000 }).map((v) => v * 100);
          return whole ? hundreds : fc.oneof(hundreds, fc.double({ min: 0, max: 1e7, noNaN: true }));
        }),
      )
      .map((values) => Object.fromEntries(fields.map((f, k) => [f, values[k]!]))),
  );

/** A record without id (the list arbitrary numbers them). */
const recordBody = (whole: boolean) =>
  fc.record({
    name: fc.constantFrom('和平小区', '示意小区（长沙-023）', '<b>x</b>', '纺织路1号'),
    city: maybe(fc.constantFrom(...POOLS.city)),
    district: maybe(fc.constantFrom(...POOLS.district)),
    street: maybe(fc.constantFrom(...POOLS.street)),
    community: maybe(fc.constantFrom(...POOLS.community)),
    programme: maybe(fc.constantFrom(...POOLS.programme)),
    stage: maybe(fc.constantFrom(...POOLS.stage)),
    batch_year: maybe(fc.constantFrom(...POOLS.years)),
    year_built: maybe(fc.integer({ min: 1960, max: 2005 })),
    start_date: maybe(date),
    completion_date: maybe(date),
    households: maybe(fc.integer({ min: 0, max: 3000 })),
    residents: maybe(fc.integer({ min: 0, max: 9000 })),
    buildings: maybe(fc.integer({ min: 1, max: 40 })),
    items: fc.shuffledSubarray(POOLS.items as unknown as string[], { maxLength: 8 }),
    funds: fundsArb(whole),
    is_synthetic: fc.boolean(),
    location_precision: fc.constantFrom(...LOCATION_PRECISIONS),
    lng: fc.double({ min: 100, max: 122, noNaN: true }),
    lat: fc.double({ min: 22, max: 40, noNaN: true }),
  });

/** Drops keys whose value is undefined, as the normaliser leaves them out. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** `n` random community records (ids `R0`, `R1`, …); `wholeFunds`: every amount whole yuan. */
export function recordsArb(opts: { minLength?: number; maxLength?: number; wholeFunds?: boolean } = {}) {
  return fc
    .array(recordBody(opts.wholeFunds ?? false), {
      minLength: opts.minLength ?? 0,
      maxLength: opts.maxLength ?? 60,
    })
    .map((bodies) =>
      bodies.map(
        (b, i): CommunityRecord =>
          compact({
            ...b,
            id: `R${i}`,
            crs_source: 'WGS84',
            item_counts: {},
            items_other: [],
            qualifiers: {},
            source_row: `ledger.csv:${i + 2}`,
          }) as CommunityRecord,
      ),
    );
}

/** A random life-circle result. */
export const lifeCircleArb: fc.Arbitrary<CommunityLifeCircle> = fc.record({
  nearest: fc.constant({}),
  lc5_met: fc.boolean(),
  lc10_met: fc.boolean(),
  lc15_met: fc.boolean(),
  coverage_score: fc.double({ min: 0, max: 1, noNaN: true }),
  missing_types: fc.subarray(AMENITY_TYPES.map((a) => a.type)),
});

/** Records with a life-circle result each, or none at all (a build without amenities). */
export function recordsWithLifeCirclesArb(opts: { minLength?: number; maxLength?: number } = {}) {
  return recordsArb(opts).chain((records) =>
    fc.tuple(
      fc.constant(records),
      fc.option(fc.array(lifeCircleArb, { minLength: records.length, maxLength: records.length }), {
        nil: undefined,
      }),
    ),
  );
}

/**
 * The explore index of `records` as the site sees it: built by the pipeline (with the build's
 * own H3 aggregates at `resolutions`), through JSON, decoded.
 */
export function exploreIndexOf(
  records: readonly CommunityRecord[],
  lifeCircles?: readonly CommunityLifeCircle[],
  resolutions: readonly number[] = [7],
): ExploreIndex {
  const file = buildExploreIndex(records, lifeCircles, aggregateH3(records, resolutions));
  return decodeExploreIndex(JSON.parse(JSON.stringify(file)));
}
