import { describe, expect, it } from 'vitest';
import { normaliseForSearch, queryWords } from './search-words';

describe('search words', () => {
  it('folds width and case and drops spaces and middle dots', () => {
    expect(normaliseForSearch('ＡＢＣ １２３')).toBe('abc123');
    expect(normaliseForSearch('阿·凡 提')).toBe('阿凡提');
  });

  it('splits a query at spaces and Chinese or Latin commas, dropping empty words', () => {
    expect(queryWords('芙蓉区 南苑，一村、 Ｘ ,')).toEqual(['芙蓉区', '南苑', '一村', 'x']);
    expect(queryWords('  ')).toEqual([]);
  });
});
