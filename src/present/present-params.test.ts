import { describe, expect, it } from 'vitest';
import { isPresentSearch, parsePresentParams } from './present-params';

describe('presentation mode in the address', () => {
  it('reads present, chapter and theme', () => {
    expect(parsePresentParams('?present=1&chapter=3&theme=dark')).toEqual({
      present: true,
      chapter: 3,
      theme: 'dark',
    });
    expect(parsePresentParams('?chapter=0&theme=neon')).toEqual({
      present: false,
      chapter: null,
      theme: 'light',
    });
    expect(parsePresentParams('?chapter=2.5').chapter).toBeNull();
    expect(isPresentSearch('?present=true')).toBe(true);
    expect(isPresentSearch('?present=0')).toBe(false);
  });
});
