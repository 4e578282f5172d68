import { describe, expect, it } from 'vitest';
import { formatMonth } from './format-month';

describe('formatMonth', () => {
  it('writes a month the way each language does', () => {
    expect(formatMonth('2023-06', 'zh')).toBe('2023年6月');
    expect(formatMonth('2023-12', 'zh')).toBe('2023年12月');
    expect(formatMonth('2023-06', 'en')).toBe('Jun 2023');
    expect(formatMonth('2020-01', 'en')).toBe('Jan 2020');
  });
});
