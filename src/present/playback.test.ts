import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { completionMonth, cumulativeByMonth } from '../domain/completions';
import { completedByFilter } from './present-map';

describe('completions month by month', () => {
  it('accumulates over every month from the first completion to the last', () => {
    const series = cumulativeByMonth(['2021-03', null, '2021-05', '2021-03', '2021-12', null]);
    expect(series.months).toEqual([
      '2021-03',
      '2021-04',
      '2021-05',
      '2021-06',
      '2021-07',
      '2021-08',
      '2021-09',
      '2021-10',
      '2021-11',
      '2021-12',
    ]);
    expect(series.cumulative).toEqual([2, 2, 3, 3, 3, 3, 3, 3, 3, 4]);
    expect(series.total).toBe(4);
    expect(cumulativeByMonth([null])).toEqual({ months: [], cumulative: [], total: 0 });
  });

  it('crosses year ends', () => {
    expect(cumulativeByMonth(['2023-11', '2024-02']).months).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
  });

  it('counts a date known to the year from its December', () => {
    expect(completionMonth('2022')).toBe('2022-12');
    expect(completionMonth('2022-04')).toBe('2022-04');
    expect(completionMonth('2022-04-30')).toBe('2022-04');
    expect(completionMonth('')).toBeNull();
    expect(completionMonth(undefined)).toBeNull();
    expect(completionMonth('soon')).toBeNull();
  });

  it('shows on the map exactly the communities the running count counts', () => {
    const dates = [
      undefined,
      '2020',
      '2020-12',
      '2021-01',
      '2021-01-01',
      '2021-06-30',
      '2021-07',
      '2022',
      '2022-12-31',
    ];
    const months = ['2020-11', '2020-12', '2021-01', '2021-06', '2021-07', '2022-11', '2022-12', '2023-01'];
    for (const month of months) {
      const filter = featureFilter(completedByFilter(month) as never, 'filter');
      for (const date of dates) {
        const properties = date === undefined ? {} : { completion_date: date };
        const shown = filter.filter({ zoom: 10 }, { type: 1, properties, geometry: [] } as never);
        const m = completionMonth(date);
        expect(shown, `${date} at ${month}`).toBe(m !== null && m <= month);
      }
    }
  });
});
