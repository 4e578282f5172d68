import { describe, expect, it } from 'vitest';
import { evaluateMetric, figureMatches } from './programme-figures';

const features = [
  {
    households: 100,
    residents: 310,
    items: 'facade,fire_safety',
    community: '和平社区',
    fund_central: 1000,
    fund_residents: 50,
  },
  {
    households: '40',
    items: 'facade, security',
    community: '和平桥社区',
    completion_date: '2023-05-01',
    fund_maintenance: 200,
  },
  {
    households: null,
    residents: 'n/a',
    items: '',
    community: '车站路社区',
    completion_date: '2024-02',
    batch_year: 2024,
  },
  { items: ['security', 'elevator_added'], item_elevator_added: 3, fund_total: 7 },
];

describe('evaluateMetric', () => {
  it('counts features, optionally by field prefix', () => {
    expect(evaluateMetric({ op: 'count' }, features)).toBe(4);
    expect(
      evaluateMetric({ op: 'count', where: { field: 'completion_date', prefix: '2023' } }, features),
    ).toBe(1);
    expect(evaluateMetric({ op: 'count', where: { field: 'batch_year', prefix: '2024' } }, features)).toBe(1);
    // 和平社区 must not also catch 和平桥社区.
    expect(evaluateMetric({ op: 'count', where: { field: 'community', prefix: '和平社区' } }, features)).toBe(
      1,
    );
    expect(evaluateMetric({ op: 'count', where: { field: 'community', prefix: '和平' } }, features)).toBe(2);
  });

  it('sums numbers, reading numeric strings and counting missing or invalid values as 0', () => {
    expect(evaluateMetric({ op: 'sum', field: 'households' }, features)).toBe(140);
    expect(evaluateMetric({ op: 'sum', field: 'residents' }, features)).toBe(310);
    expect(evaluateMetric({ op: 'sum', field: 'item_elevator_added' }, features)).toBe(3);
    expect(evaluateMetric({ op: 'sum', field: 'buildings' }, [])).toBe(0);
  });

  it('restricts sums by where', () => {
    const metric = {
      op: 'sum' as const,
      field: 'fund_residents',
      where: { field: 'community', prefix: '和平社区' },
    };
    expect(evaluateMetric(metric, features)).toBe(50);
  });

  it('rebuilds derived fund totals from channels when a feature lacks them', () => {
    expect(evaluateMetric({ op: 'sum', field: 'fund_fiscal' }, features)).toBe(1000);
    expect(evaluateMetric({ op: 'sum', field: 'fund_nonfiscal' }, features)).toBe(250);
    // The last feature carries its own fund_total, which wins over its (empty) channels.
    expect(evaluateMetric({ op: 'sum', field: 'fund_total' }, features)).toBe(1000 + 50 + 200 + 7);
  });

  it('counts features whose comma-separated items include a key', () => {
    expect(evaluateMetric({ op: 'count_item', item: 'facade' }, features)).toBe(2);
    expect(evaluateMetric({ op: 'count_item', item: 'security' }, features)).toBe(2);
    expect(evaluateMetric({ op: 'count_item', item: 'fire' }, features)).toBe(0);
    expect(
      evaluateMetric(
        { op: 'count_item', item: 'facade', where: { field: 'community', prefix: '和平社区' } },
        features,
      ),
    ).toBe(1);
  });
});

describe('figureMatches', () => {
  it('requires exact agreement for plain, about, nearly and expected figures', () => {
    for (const qualifier of [undefined, 'about', 'nearly', 'expected'] as const) {
      const figure = { value_canonical: 910000, qualifier };
      expect(figureMatches(figure, 910000)).toBe(true);
      expect(figureMatches(figure, 910001)).toBe(false);
      expect(figureMatches(figure, 909999)).toBe(false);
    }
  });

  it('absorbs float noise from summing 万元 amounts but not a fen', () => {
    const sum = [0.57, 0.07].map((wan) => wan * 10000).reduce((a, b) => a + b, 0);
    expect(sum).not.toBe(6400);
    expect(figureMatches({ value_canonical: 6400 }, sum)).toBe(true);
    expect(figureMatches({ value_canonical: 6400 }, 6400.01)).toBe(false);
  });

  it('treats more_than figures as floors', () => {
    const figure = { value_canonical: 500, qualifier: 'more_than' as const };
    expect(figureMatches(figure, 522)).toBe(true);
    expect(figureMatches(figure, 500)).toBe(true);
    expect(figureMatches(figure, 499)).toBe(false);
  });

  it('rejects non-finite values', () => {
    expect(figureMatches({ value_canonical: 1 }, Number.NaN)).toBe(false);
  });
});
