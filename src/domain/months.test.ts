import { describe, expect, it } from 'vitest';
import { eventMonth, isMonth, monthsBetween, monthSpan } from './months';

describe('months', () => {
  it('reads the month of each date precision, a bare year as its December', () => {
    expect(eventMonth('2023-05-17')).toBe('2023-05');
    expect(eventMonth('2023-05')).toBe('2023-05');
    expect(eventMonth('2023')).toBe('2023-12');
    for (const bad of ['2023-13', '23-05', '', null, 2023, '2023/05/01']) expect(eventMonth(bad)).toBeNull();
  });

  it('tells months apart from other strings', () => {
    expect(isMonth('2024-12')).toBe(true);
    expect(isMonth('2024-00')).toBe(false);
    expect(isMonth('2024-1')).toBe(false);
  });

  it('sorts months as strings in calendar order', () => {
    const months = monthsBetween('2019-11', '2021-02');
    expect(months).toHaveLength(16);
    expect([...months].sort()).toEqual(months);
    expect(months.slice(0, 4)).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(months.at(-1)).toBe('2021-02');
    expect(monthsBetween('2021-02', '2021-01')).toEqual([]);
  });

  it('spans the readable dates only', () => {
    expect(monthSpan(['2021-03-01', undefined, 'soon', '2020', '2022-01'])).toEqual({
      first: '2020-12',
      last: '2022-01',
    });
    expect(monthSpan([null, 'x'])).toBeNull();
  });
});
