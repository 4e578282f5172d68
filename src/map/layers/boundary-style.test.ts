import { describe, expect, it } from 'vitest';
import { COMPLETION_SCALE } from '../../style/scales';
import { boundaryLayers, completionColorExpression, levelZoomBands } from './boundary-style';
import { evaluatePaint, matchesFilter, validateLayers } from '../../style/style-spec.test-helpers';

describe('levelZoomBands', () => {
  it('hands each level over to the next finer one', () => {
    expect(levelZoomBands(['district', 'street', 'community'])).toEqual([
      { level: 'district', minzoom: 0, maxzoom: 10 },
      { level: 'street', minzoom: 10, maxzoom: 13 },
      { level: 'community', minzoom: 13, maxzoom: 24 },
    ]);
  });

  it('shows a lone level at every zoom', () => {
    expect(levelZoomBands(['street'])).toEqual([{ level: 'street', minzoom: 0, maxzoom: 24 }]);
    expect(levelZoomBands(['community', 'district'])).toEqual([
      { level: 'district', minzoom: 0, maxzoom: 13 },
      { level: 'community', minzoom: 13, maxzoom: 24 },
    ]);
  });
});

describe('boundary layers', () => {
  it('fill by the completion scale, and not at all without communities', () => {
    const expr = completionColorExpression();
    const color = (c: string) => evaluatePaint('fill', 'fill-color', c, {});
    expect(evaluatePaint('fill', 'fill-color', expr, { completion_rate: 0 })).toBe(
      color(COMPLETION_SCALE[0]!.color),
    );
    expect(evaluatePaint('fill', 'fill-color', expr, { completion_rate: 0.6 })).toBe(
      color(COMPLETION_SCALE[2]!.color),
    );
    expect(evaluatePaint('fill', 'fill-color', expr, { completion_rate: 1 })).toBe(
      color(COMPLETION_SCALE.at(-1)!.color),
    );
    expect(evaluatePaint('fill', 'fill-color', expr, { communities: 0 })).toBe(color('rgba(0, 0, 0, 0)'));
  });

  it('give every polygon exactly one fill layer', () => {
    const { fills, outline } = boundaryLayers('b', 'boundaries', ['district', 'street']);
    expect(validateLayers([...fills, outline], { b: { type: 'vector', url: 'x' } })).toEqual([]);
    for (const props of [{ level: 'district' }, { level: 'street' }, {}]) {
      expect(fills.filter((f) => matchesFilter(f.filter, props))).toHaveLength(1);
    }
  });
});
