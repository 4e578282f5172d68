import { describe, expect, it } from 'vitest';
import { AMENITY_SHAPES } from '../../style/view-scales';
import { amenityIcons, drawIcon, shapePath } from './amenity-icons';

describe('drawIcon', () => {
  it('fills the centre with the colour and leaves the corners transparent', () => {
    const icon = drawIcon('diamond', '#ff0000', 10, 2);
    expect(icon.width).toBe(20);
    expect(icon.data.length).toBe(20 * 20 * 4);
    const at = (x: number, y: number) => Array.from(icon.data.slice((y * 20 + x) * 4, (y * 20 + x) * 4 + 4));
    expect(at(10, 10)).toEqual([255, 0, 0, 255]);
    expect(at(0, 0)[3]).toBe(0);
  });

  it('draws a white outline around the fill', () => {
    const icon = drawIcon('square', '#000000', 12, 2);
    // The square spans 0.18-0.82 of the box; the fill starts ~0.29 in, so 0.21-0.25 is outline.
    const y = 12;
    const x = 5;
    const o = (y * 24 + x) * 4;
    expect(icon.data[o]).toBeGreaterThan(200);
    expect(icon.data[o + 3]).toBeGreaterThan(200);
  });

  it('rejects colours it cannot parse', () => {
    expect(() => drawIcon('square', 'red')).toThrow(/#rrggbb/);
  });
});

describe('amenityIcons', () => {
  it('draws one icon per life circle in the legend colour', () => {
    const icons = amenityIcons(1);
    expect(icons.map((i) => i.circle).sort()).toEqual(Object.keys(AMENITY_SHAPES).sort());
  });

  it('gives the legend the same polygon as SVG', () => {
    expect(shapePath('triangle', 10)).toBe('M5.00 0.80 L9.50 8.80 L0.50 8.80 Z');
  });
});
