import { describe, expect, it } from 'vitest';
import { Interner } from './intern';

describe('Interner', () => {
  it('keeps one string per distinct text, handing back equal text', () => {
    const interner = new Interner();
    for (const text of ['长沙市', ['长沙', '市'].join(''), '湘潭市', ['长', '沙市'].join('')])
      expect(interner.intern(text)).toBe(text);
    expect(interner.size).toBe(2);
    // Bound, so it can be handed around as a plain function.
    const { intern } = interner;
    expect(intern('株洲市')).toBe('株洲市');
    expect(interner.size).toBe(3);
  });
});
