import { describe, expect, it } from 'vitest';
import {
  MATCH_RANK,
  matchRank,
  normaliseForSearch,
  queryWords,
  SearchIndex,
  type SearchHit,
  type SearchSource,
} from './search-index';

interface Row {
  id: string;
  name: string;
  city: string | null;
  district: string | null;
  street: string | null;
}

const ROWS: Row[] = [
  { id: 'CS-001', name: '南苑小区', city: '长沙市', district: '芙蓉区', street: '东湖街道' },
  { id: 'CS-002', name: '南苑新村小区', city: '长沙市', district: '天心区', street: '青园街道' },
  { id: 'CS-003', name: '城南南苑', city: '长沙市', district: '天心区', street: '青园街道' },
  { id: 'CS-004', name: '岳麓山小区', city: '长沙市', district: '芙蓉区', street: '东湖街道' },
  { id: 'CS-005', name: '麓山润城小区', city: '长沙市', district: '岳麓区', street: '麓谷街道' },
  { id: 'XM-001', name: '屿后南里小区', city: '厦门市', district: '思明区', street: '筼筜街道' },
  // The same street name in another city must stay a separate street.
  { id: 'BY-001', name: '纺织小区', city: '白银市', district: '白银区', street: '东湖街道' },
  { id: 'X-9', name: '', city: null, district: null, street: null },
];

function source(rows: readonly Row[]): SearchSource {
  return {
    count: rows.length,
    id: (i) => rows[i]!.id,
    name: (i) => rows[i]!.name,
    city: (i) => rows[i]!.city,
    district: (i) => rows[i]!.district,
    street: (i) => rows[i]!.street,
  };
}

const index = new SearchIndex(source(ROWS));
const group = (query: string, kind: SearchHit['kind'], mask?: number[]) =>
  index.search(query, { mask: mask ?? null }).groups.find((g) => g.kind === kind)!;
const labels = (query: string, kind: SearchHit['kind'], mask?: number[]) =>
  group(query, kind, mask).hits.map((h) => h.label);

describe('normalisation', () => {
  it('folds full-width characters, case, spaces and middle dots', () => {
    expect(normaliseForSearch('ＣＳ－００１')).toBe('cs-001');
    expect(normaliseForSearch(' 南 苑·小区 ')).toBe('南苑小区');
  });

  it('splits a query on spaces and Chinese list punctuation', () => {
    expect(queryWords('芙蓉区　南苑')).toEqual(['芙蓉区', '南苑']);
    expect(queryWords('芙蓉区、南苑，东湖')).toEqual(['芙蓉区', '南苑', '东湖']);
    expect(queryWords('   ')).toEqual([]);
  });

  it('ranks exact, exact without a generic ending, prefix and substring', () => {
    expect(matchRank('南苑小区', '南苑小区')).toBe(MATCH_RANK.exact);
    expect(matchRank('南苑', '南苑小区')).toBe(MATCH_RANK.exact);
    expect(matchRank('岳麓', '岳麓区')).toBe(MATCH_RANK.exact);
    expect(matchRank('南苑', '南苑新村小区')).toBe(MATCH_RANK.prefix);
    expect(matchRank('南苑', '城南南苑')).toBe(MATCH_RANK.substring);
    expect(matchRank('北苑', '南苑小区')).toBeNull();
    // A name that is only the ending is not emptied into matching everything.
    expect(matchRank('', '小区')).toBeNull();
  });
});

describe('SearchIndex', () => {
  it('finds communities by Chinese substring, exact before prefix before substring', () => {
    expect(labels('南苑', 'community')).toEqual(['南苑小区', '南苑新村小区', '城南南苑']);
  });

  it('finds a community by id, case-insensitively and in full-width', () => {
    const hits = group('ｃｓ-００３', 'community').hits;
    expect(hits.map((h) => h.key)).toEqual(['CS-003']);
    expect(hits[0]!.byId).toBe(true);
    expect(group('cs-00', 'community').total).toBe(5);
  });

  it('groups streets and districts, keeping same-named streets of different cities apart', () => {
    const streets = group('东湖', 'street').hits;
    expect(streets.map((h) => [h.label, h.context.join('/'), h.rows.length])).toEqual([
      ['东湖街道', '芙蓉区/长沙市', 2],
      ['东湖街道', '白银区/白银市', 1],
    ]);
    expect(labels('岳麓', 'district')).toEqual(['岳麓区']);
    // 岳麓 is also inside a community name: that is a community hit, not a district one.
    expect(labels('岳麓', 'community')).toEqual(['岳麓山小区']);
  });

  it('needs every word of a query, one of them in the name', () => {
    expect(labels('天心区 南苑', 'community')).toEqual(['南苑新村小区', '城南南苑']);
    expect(labels('芙蓉区 东湖街道', 'community')).toEqual([]);
    expect(labels('芙蓉 小区', 'community')).toEqual(['南苑小区', '岳麓山小区']);
  });

  it('puts hits the filters hide after those they keep, and counts what they keep', () => {
    // Only row 1 kept: it leads the prefix hits, but a hidden prefix hit still beats a substring one.
    const mask = ROWS.map((_, i) => Number(i === 1));
    expect(labels('南', 'community')).toEqual(['南苑小区', '南苑新村小区', '城南南苑', '屿后南里小区']);
    expect(labels('南', 'community', mask)).toEqual(['南苑新村小区', '南苑小区', '城南南苑', '屿后南里小区']);
    const street = group('青园', 'street', mask).hits[0]!;
    expect([street.rows.length, street.visible]).toEqual([2, 1]);
  });

  it('cuts each group to its limit but reports the total', () => {
    const results = index.search('小区', { limits: { community: 2 } });
    const communities = results.groups.find((g) => g.kind === 'community')!;
    expect(communities.hits).toHaveLength(2);
    expect(communities.total).toBe(ROWS.filter((r) => r.name.includes('小区')).length);
  });

  it('finds nothing for an empty query and shows a nameless row by its id', () => {
    expect(index.search('  ').groups.every((g) => g.total === 0)).toBe(true);
    expect(labels('x-9', 'community')).toEqual(['X-9']);
  });

  it('indexes a ledger with 150,000 distinct streets (more than a call takes as arguments)', () => {
    const count = 150_000;
    const big = new SearchIndex({
      count,
      id: (i) => `C${i}`,
      name: (i) => `小区${i}`,
      city: () => '长沙市',
      district: () => '芙蓉区',
      street: (i) => `街道${i}`,
    });
    expect(big.size).toBe(2 * count + 1);
    expect(big.lookup('street', '长沙市/芙蓉区/街道149999')?.rows).toEqual([149_999]);
  });

  it('looks an entry up by kind and key', () => {
    expect(index.lookup('community', 'XM-001')?.rows).toEqual([5]);
    expect(index.lookup('district', '长沙市/天心区')?.rows).toEqual([1, 2]);
    expect(index.lookup('street', 'nowhere')).toBeNull();
  });
});
