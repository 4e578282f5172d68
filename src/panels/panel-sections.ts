/**
 * The community panel's funding breakdown and life-circle sections, computed from a feature's
 * properties. Pure, so the rules (what counts as "not reported", when a circle is met) are
 * tested without a browser; the components only draw what these return.
 */
import { circleRadius, requiredTypes } from '../domain/life-circles';
import { deriveFunding, isFiscalChannel } from '../domain/metrics';
import {
  AMENITY_BY_TYPE,
  FUNDING_CHANNELS,
  LIFE_CIRCLES,
  type FundField,
  type LifeCircleKey,
} from '../domain/vocabulary';
import type { DistanceMethod } from '../domain/walk-network/types';

/** One funding channel of a community. */
export interface ChannelAmount {
  field: FundField;
  yuan: number;
  /** yuan ÷ the community's total; 0 when the total is 0. */
  share: number;
  fiscal: boolean;
}

/** How a community's money splits over the channels. */
export interface FundingBreakdown {
  /** Channels the ledger gives, largest first (ties in vocabulary order). */
  channels: ChannelAmount[];
  total: number;
  fiscal: number;
  nonfiscal: number;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The channels a feature reports, or null when it reports none: a ledger without money columns
 * is "not reported", which the panel must not draw as a chart of zeros (fund_total is derived
 * and present on every row, so it cannot tell the two apart).
 */
export function fundingBreakdown(properties: Readonly<Record<string, unknown>>): FundingBreakdown | null {
  const channels: ChannelAmount[] = [];
  const funds: Partial<Record<string, number>> = {};
  for (const c of FUNDING_CHANNELS) {
    const v = properties[c.field];
    if (!finite(v)) continue;
    channels.push({ field: c.field, yuan: v, share: 0, fiscal: isFiscalChannel(c.field) === true });
    funds[c.field] = v;
  }
  if (!channels.length) return null;
  const { fund_total: total, fund_fiscal: fiscal, fund_nonfiscal: nonfiscal } = deriveFunding(funds);
  for (const c of channels) c.share = total > 0 ? c.yuan / total : 0;
  // Array.prototype.sort is stable: equal amounts keep vocabulary order.
  channels.sort((a, b) => b.yuan - a.yuan);
  return { channels, total, fiscal, nonfiscal };
}

/** One amenity type's nearest facility against its circle's radius. */
export interface AmenityDistance {
  type: string;
  zh: string;
  en: string;
  /** Metres to the nearest facility; null when none was found within the build's search radius. */
  distance: number | null;
  /** distance ≤ radius. */
  ok: boolean;
}

/** One life circle of a community. */
export interface CircleCoverage {
  key: LifeCircleKey;
  minutes: number;
  radius: number;
  zh: string;
  en: string;
  /** The build's verdict (`lcN_met`) when the feature carries it, else judged from the distances. */
  met: boolean;
  types: AmenityDistance[];
  /** Types within the radius. */
  okCount: number;
}

function flag(v: unknown): boolean | null {
  if (v === true || v === 1 || v === 'true') return true;
  if (v === false || v === 0 || v === 'false') return false;
  return null;
}

/**
 * The three circles of a feature, or null when it has no life-circle result (a build without
 * amenities claims nothing, and low-zoom tiles carry no distances).
 */
export function lifeCircleCoverage(properties: Readonly<Record<string, unknown>>): CircleCoverage[] | null {
  const hasResult = LIFE_CIRCLES.some((c) => flag(properties[`${c.key}_met`]) !== null);
  if (!hasResult) return null;
  return LIFE_CIRCLES.map((c) => {
    const radius = circleRadius(c.key);
    const types = requiredTypes(c.key).map((type): AmenityDistance => {
      const d = properties[`dist_${type}`];
      const distance = finite(d) && d >= 0 ? d : null;
      const label = AMENITY_BY_TYPE.get(type);
      return {
        type,
        zh: label?.zh ?? type,
        en: label?.en ?? type,
        distance,
        ok: distance !== null && distance <= radius,
      };
    });
    const okCount = types.filter((t) => t.ok).length;
    return {
      key: c.key,
      minutes: c.minutes,
      radius,
      zh: c.zh,
      en: c.en,
      met: flag(properties[`${c.key}_met`]) ?? okCount === types.length,
      types,
      okCount,
    };
  });
}

/**
 * How a community's distances were measured, from its `distance_method`: `network` (walking, along
 * the streets) or `straight_line` (a build given roads, but the community lies too far from any to
 * join the network). A build without roads writes no property: its distances are straight-line,
 * and this returns null, so the panel says why in words of its own.
 */
export function distanceMethod(properties: Readonly<Record<string, unknown>>): DistanceMethod | null {
  const v = properties.distance_method;
  return v === 'network' || v === 'straight_line' ? v : null;
}

/** `communities.csv:12` → file and row; null for anything else. */
export function parseSourceRow(value: unknown): { file: string; row: number } | null {
  if (typeof value !== 'string') return null;
  const m = /^(.*):(\d+)$/.exec(value.trim());
  return m && m[1] ? { file: m[1], row: Number(m[2]) } : null;
}
