import { describe, expect, it } from 'vitest';
import type { OutputField } from '../domain/output-fields';
import { formatFieldValue } from './format-field';

const words = { yes: '是', no: '否' };

describe('formatFieldValue', () => {
  const field = (over: Partial<OutputField>): OutputField => ({
    name: 'x',
    type: 'number',
    zh: 'x',
    en: 'x',
    ...over,
  });

  it('uses the unit of the field dictionary', () => {
    expect(formatFieldValue(field({ unit: 'yuan' }), 1_200_000, 'zh', words)).toBe('120万元');
    expect(formatFieldValue(field({ unit: '0-1' }), 0.5, 'zh', words)).toBe('50%');
    expect(formatFieldValue(field({ unit: 'm' }), 300, 'zh', words)).toBe('300 米');
    expect(formatFieldValue(field({ unit: '部' }), 3, 'zh', words)).toBe('3 部');
  });

  it('writes booleans as words and years without grouping', () => {
    expect(formatFieldValue(field({ type: 'boolean' }), true, 'zh', words)).toBe('是');
    expect(formatFieldValue(field({ type: 'boolean' }), 'false', 'zh', words)).toBe('否');
    expect(formatFieldValue(field({ name: 'year_built', type: 'integer' }), 1995, 'zh', words)).toBe('1995');
  });

  it('returns strings unchanged, markup included (the caller renders text)', () => {
    const hostile = '<b>x</b><img src=x onerror=alert(1)>';
    expect(formatFieldValue(field({ type: 'string' }), hostile, 'zh', words)).toBe(hostile);
    expect(formatFieldValue(undefined, '', 'zh', words)).toBe('—');
  });
});
