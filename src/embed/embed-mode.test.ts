import { describe, expect, it } from 'vitest';
import { isEmbed } from './embed-mode';

describe('isEmbed', () => {
  it('reads embed=1 or embed=true only', () => {
    expect(isEmbed('?embed=1')).toBe(true);
    expect(isEmbed('?lang=en&embed=true')).toBe(true);
    expect(isEmbed('?embed=0')).toBe(false);
    expect(isEmbed('?embedded=1')).toBe(false);
    expect(isEmbed('')).toBe(false);
  });
});
