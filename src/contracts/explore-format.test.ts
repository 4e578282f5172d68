import { describe, expect, it } from 'vitest';
import { outputFieldNames } from '../domain/output-fields';
import { monthCode, monthText, TEXT_FIELDS } from './explore-format';

describe('monthCode and monthText', () => {
  it('keep the month of an ISO date, and only the year when that is all there is', () => {
    expect(monthCode('2024-05-17')).toBe(202405);
    expect(monthCode('2024-05')).toBe(202405);
    expect(monthCode('2024')).toBe(202400);
    expect(monthText(202405)).toBe('2024-05');
    expect(monthText(202400)).toBe('2024');
  });

  it('read nothing from what is not a date', () => {
    for (const bad of [undefined, null, '', '五月', '2024-13']) expect(monthCode(bad)).toBeNull();
  });

  it('round-trip every month', () => {
    for (let year = 1990; year <= 2030; year++)
      for (let month = 0; month <= 12; month++) {
        const text = month ? `${year}-${String(month).padStart(2, '0')}` : String(year);
        expect(monthText(monthCode(text)!)).toBe(text);
      }
  });
});

describe('TEXT_FIELDS', () => {
  it('names output fields only, as the writer checks when it loads', () => {
    expect(() => outputFieldNames('explore.json dictionary columns', TEXT_FIELDS)).not.toThrow();
    expect(() =>
      outputFieldNames('explore.json dictionary columns', [...TEXT_FIELDS, 'no_such_field']),
    ).toThrow(/"no_such_field" is not an output field/);
  });
});
