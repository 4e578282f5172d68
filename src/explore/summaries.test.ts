import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communityProperties } from '../domain/community-properties';
import { DONE_STAGES, FUNDING_CHANNELS, ITEM_BY_KEY, ITEM_CATEGORIES, STAGES } from '../domain/vocabulary';
import {
  byChannel,
  byStage,
  fundingByGroup,
  fundingDimension,
  itemsByCategory,
  progress,
  reportedChannels,
  summarise,
  totals,
} from './summaries';
import { exploreIndexOf, recordsArb } from './test-records';

/** Random records with a random selection of them. */
const selectionArb = recordsArb({ maxLength: 50 }).chain((records) =>
  fc.tuple(
    fc.constant(records),
    fc.array(fc.boolean(), { minLength: records.length, maxLength: records.length }),
  ),
);

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));

describe('summarise', () => {
  it('equals sums computed from the GeoJSON properties of the selected communities', () => {
    fc.assert(
      fc.property(selectionArb, ([records, selected]) => {
        const index = exploreIndexOf(records);
        const mask = Uint8Array.from(selected, (s) => (s ? 1 : 0));
        const features = records.map((r) => communityProperties(r)).filter((_, i) => selected[i]);
        const s = summarise(index, mask);

        expect(s.totals.count).toBe(features.length);
        expect(s.totals.households).toBe(features.reduce((a, p) => a + num(p.households), 0));
        expect(s.totals.residents).toBe(features.reduce((a, p) => a + num(p.residents), 0));
        close(
          s.totals.fundTotal,
          features.reduce((a, p) => a + num(p.fund_total), 0),
        );
        close(
          s.totals.fundFiscal,
          features.reduce((a, p) => a + num(p.fund_fiscal), 0),
        );

        for (const stage of STAGES)
          expect(s.byStage.find((e) => e.stage === stage)?.count).toBe(
            features.filter((p) => p.stage === stage).length,
          );
        const unknown = features.filter((p) => p.stage === undefined).length;
        expect(s.byStage.find((e) => e.stage === null)?.count ?? 0).toBe(unknown);

        for (const { field } of FUNDING_CHANNELS)
          close(
            s.byChannel.find((c) => c.field === field)!.yuan,
            features.reduce((a, p) => a + num(p[field]), 0),
          );

        // Progress: completions of finished communities by month (bare years in December).
        const monthOf = (iso: unknown) =>
          typeof iso === 'string'
            ? Number(iso.length === 4 ? `${iso}12` : iso.slice(0, 7).replace('-', ''))
            : 0;
        const done = features.filter((p) => (DONE_STAGES as readonly unknown[]).includes(p.stage));
        expect(s.progress.completedUndated).toBe(done.filter((p) => p.completion_date === undefined).length);
        const last = s.progress.months.at(-1);
        expect(last?.cumulativeCompleted ?? 0).toBe(
          done.filter((p) => p.completion_date !== undefined).length,
        );
        for (const m of s.progress.months)
          expect(m.cumulativeCompleted).toBe(
            done.filter((p) => p.completion_date && monthOf(p.completion_date) <= m.month).length,
          );
        const months = s.progress.months.map((m) => m.month);
        expect(months).toEqual([...months].sort((a, b) => a - b));

        for (const c of s.itemsByCategory) {
          expect(c.communities).toBe(features.filter((p) => num(p[`items_${c.category}`]) > 0).length);
          for (const item of c.items) {
            expect(ITEM_BY_KEY.get(item.key)?.category).toBe(c.category);
            expect(item.communities).toBe(
              features.filter((p) => String(p.items).split(',').includes(item.key)).length,
            );
          }
        }
        expect(s.itemsByCategory.map((c) => c.category)).toEqual([...ITEM_CATEGORIES]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

/** As `selectionArb`, every amount whole yuan and most rows selected: `summarise` then takes the rows left out from every row's sums. */
const mostOfWholeArb = recordsArb({ minLength: 1, maxLength: 50, wholeFunds: true }).chain((records) =>
  fc.tuple(
    fc.constant(records),
    fc.array(
      fc.integer({ min: 0, max: 9 }).map((d) => d > 1),
      {
        minLength: records.length,
        maxLength: records.length,
      },
    ),
  ),
);

describe('summarise in one pass', () => {
  it.each([
    ['any selection', selectionArb],
    ['most rows of whole figures', mostOfWholeArb],
  ])('equals each summary computed apart, to the last bit of every sum: %s', (_, arb) => {
    fc.assert(
      fc.property(arb, ([records, selected]) => {
        const index = exploreIndexOf(records);
        const mask = Uint8Array.from(selected, (s) => (s ? 1 : 0));
        // The one-pass sums must add in the same order as the separate loops: toEqual, not close.
        expect(summarise(index, mask)).toEqual({
          totals: totals(index, mask),
          byStage: byStage(index, mask),
          byChannel: byChannel(index, mask),
          progress: progress(index, mask),
          itemsByCategory: itemsByCategory(index, mask),
          fundingByGroup: {
            dimension: fundingDimension(index),
            groups: fundingByGroup(index, mask, fundingDimension(index), Infinity),
          },
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('reportedChannels', () => {
  it('sets bit k where channel k is a number, once per set of columns', () => {
    const a = Float64Array.of(1, NaN, 0, NaN);
    const b = Float64Array.of(NaN, 2, 3, NaN);
    const bits = reportedChannels([a, b]);
    expect([...bits]).toEqual([0b01, 0b10, 0b11, 0]);
    expect(reportedChannels([a, b])).toBe(bits);
    // Other columns behind the same first one are not the same set.
    expect([...reportedChannels([a])]).toEqual([1, 0, 1, 0]);
  });
});

describe('fundingByGroup', () => {
  it('splits funding by programme, largest first, gathering the rest past the limit', () => {
    fc.assert(
      fc.property(selectionArb, fc.integer({ min: 1, max: 4 }), ([records, selected], limit) => {
        const index = exploreIndexOf(records);
        const mask = Uint8Array.from(selected, (s) => (s ? 1 : 0));
        const groups = fundingByGroup(index, mask, 'programme', limit);
        const features = records.map((r) => communityProperties(r)).filter((_, i) => selected[i]);
        expect(groups.length).toBeLessThanOrEqual(limit);
        expect(groups.reduce((a, g) => a + g.count, 0)).toBe(features.length);
        close(
          groups.reduce((a, g) => a + g.total, 0),
          features.reduce((a, p) => a + num(p.fund_total), 0),
        );
        for (const g of groups) {
          close(
            g.channels.reduce((a, b) => a + b, 0),
            g.total,
          );
          if (g.others) continue;
          const members = features.filter((p) => (p.programme ?? null) === g.value);
          expect(g.count).toBe(members.length);
          close(
            g.total,
            members.reduce((a, p) => a + num(p.fund_total), 0),
          );
        }
        const named = groups.filter((g) => !g.others).map((g) => g.total);
        expect(named).toEqual([...named].sort((a, b) => b - a));
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
