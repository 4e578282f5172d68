import { describe, expect, it } from 'vitest';
import { ZoomPresence } from './tile-set';

describe('ZoomPresence', () => {
  it('counts, per zoom, the features with no piece there', () => {
    const present = new ZoomPresence(3);
    present.mark(0, 10);
    present.mark(0, 14);
    present.mark(1, 14);
    present.mark(1, 14); // marking twice counts once
    expect(present.droppedPerZoom(10, 14)).toEqual({ 10: 2, 11: 3, 12: 3, 13: 3, 14: 1 });
  });

  it('keeps zooms up to 24 apart', () => {
    const present = new ZoomPresence(1);
    present.mark(0, 24);
    expect(present.droppedPerZoom(0, 24)[24]).toBe(0);
    expect(present.droppedPerZoom(0, 24)[23]).toBe(1);
    expect(present.droppedPerZoom(0, 24)[0]).toBe(1);
  });
});
