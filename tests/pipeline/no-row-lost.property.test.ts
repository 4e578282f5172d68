/**
 * Whatever a ledger contains, no row is lost: every row below the header ends up accepted,
 * rejected with an error naming it, or skipped as blank/totals, and the counts add up. Runs the
 * real reader (CSV text in UTF-8 or GBK bytes) and the real normaliser on generated files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseHeader } from '../../src/domain/headers';
import { COMMUNITY_FIELDS } from '../../src/domain/schema';
import { encodeGbk } from '../../scripts/fixtures/gbk-encode';
import { normaliseCommunities } from '../../scripts/pipeline/normalise/communities';
import { readTable } from '../../scripts/pipeline/read/read-table';

const HEADERS = [
  '编号',
  '小区名称',
  '区县',
  '经度',
  '纬度',
  '坐标系',
  '户数',
  '改造状态',
  '完工日期',
  '中央补助（万元）',
  '改造内容',
  '备注',
];
const known = new Set(COMMUNITY_FIELDS.flatMap((f) => f.aliases.map((a) => normaliseHeader(a).key)));
const isKnownHeader = (t: string) => known.has(normaliseHeader(t).key);

// Cells worth mixing: valid values, near misses, and text a ledger should never break on.
const cell = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'C1',
    'C2',
    '麓山润城',
    '<b>楼</b>',
    '合计',
    '总计',
    '112.88',
    '28.21',
    '28.21',
    '112.88',
  ),
  fc.constantFrom(
    'GCJ-02',
    '百度',
    'UTM',
    '约702',
    '1,280',
    '１２',
    '很多',
    '已完工',
    '快完了',
    '2023年5月',
    '2023-13-01',
  ),
  fc.constantFrom(
    '52.5',
    '200万元',
    '待定',
    '加装电梯2部、消防',
    '"引号"',
    '逗号,在内',
    '换行\n在内',
    '=1+1',
  ),
  fc.string({
    unit: fc.constantFrom('小', '区', '改', '造', '1', '2', '.', ',', '"', ' ', '\n', '；', '%'),
    maxLength: 12,
  }),
);
const row = fc.array(cell, { minLength: 0, maxLength: HEADERS.length + 2 });

function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

describe('no row is ever lost', () => {
  it('accounts for every row of any CSV ledger, in UTF-8 and GBK', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), fc.boolean(), async (rows, gbk) => {
        const text = [csvLine(HEADERS), ...rows.map(csvLine)].join('\r\n') + '\r\n';
        const bytes = gbk ? encodeGbk(text) : new TextEncoder().encode(text);
        const table = await readTable('ledger.csv', bytes, { isKnownHeader });
        const r = normaliseCommunities(table);

        // Rows a person sees: 2 … (last row holding anything); trailing blank lines are not rows.
        const lastFilled = rows.findLastIndex((cells) => cells.some((c) => c.trim() !== ''));
        const expectedRows = Array.from({ length: lastFilled + 1 }, (_, i) => i + 2);

        const accepted = r.records.map((rec) => Number(rec.source_row.split(':').pop()));
        const rejected = [...new Set(r.errors.map((e) => e.row))];
        const skipped = r.skipped.map((s) => s.row);
        expect([...accepted, ...rejected, ...skipped].sort((a, b) => a - b)).toEqual(expectedRows);
        expect(r.rows_read).toBe(r.rows_accepted + r.rows_rejected);
        expect(r.rows_accepted).toBe(accepted.length);
        expect(r.rows_rejected).toBe(rejected.length);
        expect(r.rows_skipped).toBe(skipped.length);
        for (const e of r.errors) {
          expect(e.reason.length).toBeGreaterThan(0);
          if (e.column) expect(HEADERS).toContain(e.column);
        }
      }),
      { numRuns: 300 },
    );
  });
});
