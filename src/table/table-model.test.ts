import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExploreIndex } from '../contracts/explore-encode';
import type { CommunityRecord } from '../domain/schema';
import type { ExploreIndex } from '../explore/explore-index';
import { decodeExploreIndex } from '../explore/explore-index-of-file';
import { recordsArb } from '../explore/test-records';
import { UTF8_BOM } from './csv';
import {
  cellText,
  collationRanks,
  columnLabel,
  displayRows,
  nextSort,
  pageOf,
  parseSort,
  serialiseSort,
  sortedOrder,
  sortKeys,
  tableCsv,
  TABLE_COLUMNS,
  type TableContext,
} from './table-model';

const indexOf = (records: CommunityRecord[]): ExploreIndex =>
  decodeExploreIndex(JSON.parse(JSON.stringify(buildExploreIndex(records, undefined, []))));

const ctx: TableContext = {
  lang: 'zh',
  programmeLabel: (id) => `计划:${id}`,
  words: {
    provenance: '数据标记',
    synthetic: '示意数据',
    ledger: '台账',
    approximate: (p) => `位置近似（${p}）`,
    programmeName: '计划名称',
    yes: '是',
    no: '否',
  },
};

const record = (over: Partial<CommunityRecord> & { id: string; name: string }): CommunityRecord =>
  ({
    crs_source: 'WGS84',
    item_counts: {},
    items_other: [],
    qualifiers: {},
    source_row: 'x.csv:2',
    items: [],
    funds: {},
    is_synthetic: false,
    location_precision: 'exact',
    lng: 113,
    lat: 28,
    ...over,
  }) as CommunityRecord;

/** Sorts records the slow, obvious way: present values first, ties in row order. */
function naiveOrder(
  records: CommunityRecord[],
  value: (r: CommunityRecord) => number | undefined,
  descending: boolean,
): string[] {
  const withIndex = records.map((r, i) => ({ r, i, v: value(r) }));
  const present = withIndex.filter((x) => x.v !== undefined);
  const missing = withIndex.filter((x) => x.v === undefined);
  present.sort((a, b) => (descending ? b.v! - a.v! : a.v! - b.v!) || a.i - b.i);
  return [...present, ...missing].map((x) => x.r.id);
}

describe('sorting and filtering', () => {
  it('agrees with a naive sort of the records, for random data, masks and directions', () => {
    fc.assert(
      fc.property(
        recordsArb({ maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.constantFrom('households', 'year_built', 'fund_total'),
        fc.boolean(),
        (records, keep, column, descending) => {
          const index = indexOf(records);
          const mask = Uint8Array.from(records, (_, i) => (keep[i] ? 1 : 0));
          const keys = sortKeys(index, column, ctx);
          const rows = displayRows(sortedOrder(keys), keys, mask, descending ? 'descending' : 'ascending');
          const value = (r: CommunityRecord) =>
            column === 'households'
              ? r.households
              : column === 'year_built'
                ? r.year_built
                : Object.values(r.funds).length
                  ? Object.values(r.funds).reduce<number>((a, b) => a + (b ?? 0), 0)
                  : undefined;
          const expected = naiveOrder(
            records.filter((_, i) => keep[i]),
            value,
            descending,
          );
          expect([...rows].map((i) => index.id[i])).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps ledger order without a sort', () => {
    const index = indexOf([record({ id: 'a', name: 'b' }), record({ id: 'b', name: 'a' })]);
    expect([...displayRows(null, null, Uint8Array.of(1, 1))]).toEqual([0, 1]);
    expect([...displayRows(null, null, Uint8Array.of(0, 1))]).toEqual([1]);
    expect(index.count).toBe(2);
  });

  it('sorts names in the language’s collation (pinyin for Chinese)', () => {
    const names = ['张家小区', '阿里小区', '北门小区', null, '阿里小区'];
    expect([...collationRanks(names, 'zh')]).toEqual([2, 0, 1, NaN, 0]);
    const index = indexOf(names.map((n, i) => record({ id: `r${i}`, name: n ?? '' })));
    const keys = sortKeys(index, 'name', ctx);
    const rows = displayRows(sortedOrder(keys), keys, new Uint8Array(5).fill(1));
    expect([...rows].map((i) => index.name[i])).toEqual(['', '阿里小区', '阿里小区', '北门小区', '张家小区']);
  });

  it('sorts stages in programme order, not alphabetically', () => {
    const stages = ['completed', 'surveyed', 'construction', undefined] as const;
    const index = indexOf(
      stages.map((s, i) => record({ id: `r${i}`, name: 'x', ...(s ? { stage: s } : {}) })),
    );
    const keys = sortKeys(index, 'stage', ctx);
    const rows = displayRows(sortedOrder(keys), keys, new Uint8Array(4).fill(1), 'descending');
    expect([...rows].map((i) => index.textOf('stage', i))).toEqual([
      'completed',
      'construction',
      'surveyed',
      null,
    ]);
  });
});

describe('cells', () => {
  const index = indexOf([
    record({
      id: 'a',
      name: '<img src=x onerror=alert(1)>',
      programme: 'cs',
      stage: 'construction',
      households: 12345,
      year_built: 1998,
      funds: { fund_central: 2e6, fund_residents: 5e5 },
      is_synthetic: true,
      location_precision: 'street',
      items: ['facade', 'roads'],
    }),
    record({ id: 'b', name: '=cmd|x', households: undefined }),
  ]);

  it('writes numbers in the language and marks provenance in words', () => {
    const text = (key: (typeof TABLE_COLUMNS)[number], i = 0) => cellText(index, i, key, ctx);
    expect(text('name')).toBe('<img src=x onerror=alert(1)>');
    expect(text('programme')).toBe('计划:cs');
    expect(text('stage')).toBe('施工中');
    expect(text('households')).toBe('12,345');
    expect(text('year_built')).toBe('1998');
    expect(text('fund_total')).toBe('250万元');
    expect(text('items_count')).toBe('2');
    expect(text('provenance')).toBe('示意数据；位置近似（street）');
    expect(text('households', 1)).toBe('—');
    expect(text('fund_total', 1)).toBe('—');
    expect(text('provenance', 1)).toBe('台账');
    expect(cellText(index, 0, 'stage', { ...ctx, lang: 'en' })).toBe('Under construction');
    expect(columnLabel('households', ctx)).toBe('户数');
    expect(columnLabel('provenance', { ...ctx, lang: 'en' })).toBe('数据标记');
  });

  it('exports the rows asked for, in that order, as spreadsheet-safe CSV', () => {
    const csv = tableCsv(index, [1, 0], ctx);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['编号', '小区名称', '所属计划', '计划名称']);
    expect(header).toContain('中央补助（元）');
    expect(header).toContain('总投资（元）');
    expect(lines[1]!.startsWith("b,'=cmd|x,")).toBe(true);
    const a = lines[2]!.split(',');
    expect(a[header.indexOf('中央补助（元）')]).toBe('2000000');
    expect(a[header.indexOf('总投资（元）')]).toBe('2500000');
    expect(a[header.indexOf('户数')]).toBe('12345');
    expect(a[header.indexOf('示意数据')]).toBe('是');
    expect(a[header.indexOf('改造内容')]).toBe('道路、外立面');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(4);
  });
});

describe('paging', () => {
  it('clamps pages and slices rows', () => {
    const rows = Uint32Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, 0, 50)).toMatchObject({ page: 0, pages: 3, start: 0 });
    expect([...pageOf(rows, 2, 50).rows]).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(pageOf(rows, 9, 50).page).toBe(2);
    expect(pageOf(new Uint32Array(0), 3, 50)).toMatchObject({ page: 0, pages: 1, rows: new Uint32Array(0) });
  });
});

describe('sort in the address', () => {
  it('round-trips and keeps other parameters as written', () => {
    expect(parseSort('?sort=-households')).toEqual({ key: 'households', direction: 'descending' });
    expect(parseSort('?sort=name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(parseSort('?sort=bogus')).toBeNull();
    expect(serialiseSort({ key: 'households', direction: 'descending' }, '?stage=a,b&sort=name')).toBe(
      '?stage=a,b&sort=-households',
    );
    expect(serialiseSort(null, '?sort=name')).toBe('');
  });

  it('starts numbers largest first and flips on the same column', () => {
    expect(nextSort(null, 'households')).toEqual({ key: 'households', direction: 'descending' });
    expect(nextSort(null, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name').direction).toBe('descending');
  });
});
