/**
 * The share of households within each life circle, for the communities the filters keep: what
 * the accessibility legend says under its scale. Computed from the explore index's columns
 * (the explore index), which carry each community's verdicts (`lcN_met`, `missing_types`) but not its
 * per-type distances, so a share is per circle, or for one type within that type's own circle.
 * Pure.
 */
import { LIFE_CIRCLES, type LifeCircleKey } from '../domain/vocabulary';

/**
 * The explore index's columns read here (src/explore/explore-index.ts `ExploreIndex` has them).
 * Written out rather than imported: explore/ imports map/, which imports legend/.
 */
export interface ShareRows {
  readonly count: number;
  /** NaN when the ledger gave none. */
  readonly households: Float64Array;
  /** False while the households are still loading (the explore index's figures part). */
  readonly hasFigures?: boolean;
  /** Null when the build had no amenities. */
  readonly lifeCircles: {
    /** 1 met, 0 not met, -1 no result for the row. */
    readonly lc5: Int8Array;
    readonly lc10: Int8Array;
    readonly lc15: Int8Array;
    /** Bit `b` of `words[w][i]`: row i lacks the type whose bit is `w * 32 + b`. */
    readonly missingTypes: {
      readonly words: readonly Uint32Array[];
      readonly bitOf: ReadonlyMap<string, number>;
    };
  } | null;
}

/** Households of the counted communities, and how many of them are within reach. */
export interface HouseholdShare {
  /** Households of the communities with a result and a household count. */
  households: number;
  /** Of those, households whose community is within reach. */
  within: number;
  /** Communities with a result but no household count: left out of both figures. */
  unknownHouseholds: number;
}

function share(
  rows: ShareRows,
  mask: Uint8Array | null,
  hasResult: (i: number) => boolean,
  isWithin: (i: number) => boolean,
): HouseholdShare {
  let households = 0;
  let within = 0;
  let unknownHouseholds = 0;
  for (let i = 0; i < rows.count; i++) {
    if ((mask && !mask[i]) || !hasResult(i)) continue;
    const h = rows.households[i]!;
    if (!(h >= 0)) {
      unknownHouseholds++;
      continue;
    }
    households += h;
    if (isWithin(i)) within += h;
  }
  return { households, within, unknownHouseholds };
}

/**
 * For each life circle, the households of the rows `mask` keeps (null: every row) whose
 * community meets that circle (`lcN_met`: every type the circle requires within its radius).
 * Null when the data has no life-circle results.
 */
export function circleShares(
  rows: ShareRows,
  mask: Uint8Array | null,
): Record<LifeCircleKey, HouseholdShare> | null {
  const lc = rows.lifeCircles;
  if (!lc) return null;
  const out = {} as Record<LifeCircleKey, HouseholdShare>;
  for (const { key } of LIFE_CIRCLES) {
    const met = lc[key];
    out[key] = share(
      rows,
      mask,
      (i) => met[i] !== -1,
      (i) => met[i] === 1,
    );
  }
  return out;
}

/**
 * The households of the rows `mask` keeps whose community has a facility of `type` within that
 * type's own circle (it is not among the community's `missing_types`). Null when the data has no
 * life-circle results.
 */
export function typeShare(rows: ShareRows, mask: Uint8Array | null, type: string): HouseholdShare | null {
  const lc = rows.lifeCircles;
  if (!lc) return null;
  const bit = lc.missingTypes.bitOf.get(type);
  // A type no community lacks has no bit: every community with a result has it in reach.
  const word = bit === undefined ? null : lc.missingTypes.words[bit >>> 5]!;
  const flag = bit === undefined ? 0 : 1 << (bit & 31);
  return share(
    rows,
    mask,
    (i) => lc.lc5[i] !== -1,
    (i) => word === null || (word[i]! & flag) === 0,
  );
}
