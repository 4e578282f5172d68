/**
 * Demo amenities: the facilities the articles name (来源 = seed file) plus illustrative ones of
 * the life-circle types, placed so that coverage varies: some communities have every
 * 5-minute facility within 300 m, others lack elderly day care or a kindergarten.
 */
import type { Programme } from '../../src/domain/programmes';
import { AMENITY_BY_TYPE, AMENITY_TYPES } from '../../src/domain/vocabulary';
import { allocateInteger } from './allocate';
import { SYNTHETIC_SOURCE } from './generate';
import { APPROX_CENTRES, near, scatter } from './geography';
import type { AmenityRow, CommunityRow, DemoPrecision } from './ledger';
import type { NamedAmenity } from './named';
import type { Rng } from './prng';
import type { ProgrammeProfile } from './profiles';

const LC5 = AMENITY_TYPES.filter((t) => t.circle === 'lc5').map((t) => t.type);
const LC10 = AMENITY_TYPES.filter((t) => t.circle === 'lc10').map((t) => t.type);
const LC15 = AMENITY_TYPES.filter((t) => t.circle === 'lc15').map((t) => t.type);
/** The two facilities "partial" communities go without. */
const WITHHELD = ['elderly_daycare', 'kindergarten'];
/** Chance each 15-minute type is missing from a cluster, so that circle varies too. */
const LC15_GAPS: Record<string, number> = {
  nursing_home: 0.4,
  large_sports_ground: 0.3,
  culture_centre: 0.2,
};

/** Inputs for one programme's amenities. */
export interface AmenityInputs {
  programme: Programme;
  profile: ProgrammeProfile;
  rows: readonly CommunityRow[];
  named: readonly NamedAmenity[];
  rng: Rng;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** Named and illustrative amenities of one programme. */
export function generateAmenities(inputs: AmenityInputs): AmenityRow[] {
  const { programme, profile, rows, named, rng } = inputs;
  const out: AmenityRow[] = [];
  const byId = new Map(rows.map((r) => [r.id, r]));

  for (const a of named) {
    let point: { lng: number; lat: number };
    let precision: DemoPrecision;
    if ('community' in a.near) {
      const host = byId.get(a.near.community);
      if (!host) throw new Error(`${a.id}: community ${a.near.community} is not in ${programme.id}`);
      point = near(rng, host, 40, 150);
      precision = host.precision;
    } else {
      const centre = APPROX_CENTRES[a.near.area];
      if (!centre) throw new Error(`${a.id}: no approximate centre ${a.near.area}`);
      point = scatter(rng, centre, centre.radius_m * 0.6);
      precision = a.near.area.length >= 9 ? 'street' : 'district';
    }
    out.push({
      id: a.id,
      name: a.name,
      type: a.type,
      ...point,
      status: a.status,
      ...(a.community_id ? { community_id: a.community_id } : {}),
      ...(a.area_m2 !== undefined ? { area_m2: a.area_m2 } : {}),
      precision,
      synthetic: false,
      source: a.source,
      note: [a.note, `位置为${precision === 'street' ? '街道级' : '区县级'}近似`].filter(Boolean).join('；'),
    });
  }

  let serial = 0;
  const synthetic = (
    type: string,
    point: { lng: number; lat: number },
    precision: DemoPrecision,
    extra = {},
  ) => {
    const def = AMENITY_BY_TYPE.get(type);
    if (!def) throw new Error(`Unknown amenity type ${type}`);
    serial++;
    out.push({
      id: `AM-${profile.code}-S${pad(serial)}`,
      name: `示意${def.zh}（${profile.short}-${pad(serial)}）`,
      type,
      ...point,
      status: '现有',
      precision,
      synthetic: true,
      source: SYNTHETIC_SOURCE,
      note: '示意设施，非真实地点',
      ...extra,
    });
  };

  // Published area totals split over illustrative facilities (Shiquan's 92 m² of public toilets).
  const fromFigure = profile.amenities.fromFigure;
  const synthRows = rows.filter((r) => r.synthetic);
  if (fromFigure) {
    const figure = programme.figures.find((f) => f.key === fromFigure.figure);
    if (!figure) throw new Error(`${programme.id}: amenity figure ${fromFigure.figure} is missing`);
    const namedArea = named
      .filter((a) => a.type === fromFigure.type)
      .reduce((s, a) => s + (a.area_m2 ?? 0), 0);
    const hosts = rng.shuffle(synthRows).slice(0, fromFigure.parts);
    const areas = allocateInteger(
      figure.value_canonical - namedArea,
      hosts.map(() => rng.uniform(0.7, 1.3)),
      { min: 1 },
    );
    hosts.forEach((host, i) =>
      synthetic(fromFigure.type, near(rng, host, 40, 150), host.precision, {
        status: '新增',
        community_id: host.id,
        area_m2: areas[i],
        note: `示意设施：${figure.label_zh}${figure.value}${figure.unit}（已公布）中未点名部分的示意分配`,
      }),
    );
  }

  // 10- and 15-minute facilities are shared: a few per area centre.
  for (const key of new Set(profile.areas.map((a) => a.centre))) {
    const centre = APPROX_CENTRES[key];
    if (!centre) throw new Error(`${programme.id}: no approximate centre ${key}`);
    const precision: DemoPrecision = key.length >= 9 ? 'street' : 'district';
    for (const type of LC15) {
      if (rng.chance(LC15_GAPS[type] ?? 0)) continue;
      synthetic(type, scatter(rng, centre, centre.radius_m * 0.4), precision);
    }
    for (let group = 0; group < 3; group++) {
      const skip = rng.chance(0.5) ? rng.pick(LC10) : undefined;
      for (const type of LC10)
        if (type !== skip) synthetic(type, scatter(rng, centre, centre.radius_m * 0.8), precision);
    }
  }

  // 5-minute facilities around individual communities: full, partial or none.
  for (const host of synthRows) {
    const draw = rng.next();
    if (draw < profile.amenities.full) {
      for (const type of LC5) synthetic(type, near(rng, host, 60, 250), host.precision);
    } else if (draw < profile.amenities.full + profile.amenities.partial) {
      for (const type of LC5) {
        if (WITHHELD.includes(type) || rng.chance(0.35)) continue;
        synthetic(type, near(rng, host, 60, 250), host.precision);
      }
    }
  }
  return out;
}
