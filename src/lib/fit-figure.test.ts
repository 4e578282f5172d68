import { describe, expect, it } from 'vitest';
import { fitFigure } from './fit-figure';

describe('fitFigure', () => {
  it('leaves a figure that fits at full size, qualifier beside it', () => {
    expect(fitFigure({ available: 300, figure: 200, qualifier: 80 })).toEqual({
      scale: 1,
      qualifierAbove: false,
    });
  });

  it('shrinks a line slightly too wide so qualifier and number stay together', () => {
    // "about ¥31.1M" at 1920×1080: a little wider than its column.
    const fit = fitFigure({ available: 300, figure: 230, qualifier: 90 });
    expect(fit.qualifierAbove).toBe(false);
    expect(fit.scale).toBeLessThan(1);
    expect(fit.scale).toBeGreaterThanOrEqual(0.9);
    expect((230 + 90) * fit.scale).toBeLessThanOrEqual(300 - 1);
  });

  it('moves the qualifier above rather than shrinking past the smallest scale', () => {
    const fit = fitFigure({ available: 300, figure: 250, qualifier: 150 });
    expect(fit.qualifierAbove).toBe(true);
    expect(fit.scale).toBe(1);
  });

  it('shrinks the number alone when even it does not fit', () => {
    const fit = fitFigure({ available: 200, figure: 400, qualifier: 60 });
    expect(fit.qualifierAbove).toBe(true);
    expect(400 * fit.scale).toBeLessThanOrEqual(199);
    expect(fit.scale).toBeGreaterThan(0.45);
  });

  it('shrinks a figure without qualifier below the smallest scale rather than break it', () => {
    const fit = fitFigure({ available: 100, figure: 300, qualifier: 0 });
    expect(fit.qualifierAbove).toBe(false);
    expect(300 * fit.scale).toBeLessThanOrEqual(99);
  });

  it('honours its options', () => {
    expect(fitFigure({ available: 100, figure: 90, qualifier: 20 }, { minScale: 0.95 }).qualifierAbove).toBe(
      true,
    );
    expect(fitFigure({ available: 100, figure: 99.5, qualifier: 0 }, { slack: 0 }).scale).toBe(1);
  });

  it('fits every measured line within the room (property)', () => {
    for (let i = 0; i < 500; i++) {
      const available = 50 + ((i * 37) % 400);
      const figure = 10 + ((i * 53) % 600);
      const qualifier = (i * 29) % 120;
      const fit = fitFigure({ available, figure, qualifier });
      const width = fit.qualifierAbove ? figure : figure + qualifier;
      expect(width * fit.scale).toBeLessThanOrEqual(available - 1 + 1e-9);
      expect(fit.scale).toBeGreaterThan(0);
      expect(fit.scale).toBeLessThanOrEqual(1);
    }
  });
});
