import { describe, expect, it } from 'vitest';
import { LIFE_CIRCLES, STAGES } from '../domain/vocabulary';
import { evaluatePaint } from './style-spec.test-helpers';
import {
  COMPLETION_SCALE,
  COVERAGE_SCALE,
  GAP_SCALE,
  stepExpression,
  stepIndex,
  TIMELINE_SCALE,
  TIMELINE_UNDATED_COLOR,
  HOUSEHOLD_RADIUS_STOPS,
  householdRadius,
  radiusExpression,
  STAGE_COLORS,
  STAGE_SCALE,
  stageColorExpression,
  UNKNOWN_STAGE_COLOR,
  WALK_DISTANCE_NONE_COLOR,
  WALK_DISTANCE_SCALE,
  walkDistanceClass,
  walkDistanceColorExpression,
  ZOOM_RANGE,
  ZOOM_SCALE,
} from './scales';
import { LEVERAGE_BREAKS, LEVERAGE_COLORS } from './view-scales';

describe('stage scale', () => {
  it('has one distinct colour per stage, in programme order', () => {
    expect(STAGE_SCALE.map((e) => e.stage)).toEqual([...STAGES]);
    const colors = STAGE_SCALE.map((e) => e.color);
    expect(new Set([...colors, UNKNOWN_STAGE_COLOR]).size).toBe(STAGES.length + 1);
  });

  it('is what the paint expression matches', () => {
    const expr = stageColorExpression() as unknown[];
    expect(expr[0]).toBe('match');
    expect(expr[1]).toEqual(['get', 'stage']);
    const pairs = expr.slice(2, -1);
    for (let i = 0; i < pairs.length; i += 2)
      expect(STAGE_COLORS[pairs[i] as keyof typeof STAGE_COLORS]).toBe(pairs[i + 1]);
    expect(pairs.length).toBe(STAGES.length * 2);
    expect(expr.at(-1)).toBe(UNKNOWN_STAGE_COLOR);
  });
});

describe('radius scale', () => {
  it('grows with households and with zoom', () => {
    expect(householdRadius(500, 10)).toBeGreaterThan(householdRadius(100, 10));
    expect(householdRadius(500, 14)).toBeGreaterThan(householdRadius(500, 6));
  });

  it('hits the stops exactly at the ends of the zoom range', () => {
    for (const [h, r] of HOUSEHOLD_RADIUS_STOPS) {
      expect(householdRadius(h, ZOOM_RANGE[0])).toBeCloseTo(r * ZOOM_SCALE[0]);
      expect(householdRadius(h, ZOOM_RANGE[1])).toBeCloseTo(r * ZOOM_SCALE[1]);
    }
  });

  it('puts the same stops into the paint expression, offset for the selection ring', () => {
    const expr = radiusExpression(4) as unknown[];
    expect(expr.slice(0, 3)).toEqual(['interpolate', ['linear'], ['zoom']]);
    const atMax = expr[6] as unknown[];
    const stops = atMax.slice(3);
    expect(stops).toEqual(HOUSEHOLD_RADIUS_STOPS.flatMap(([h, r]) => [Math.sqrt(h), r * ZOOM_SCALE[1] + 4]));
  });
});

describe('class scales of the layers', () => {
  const paint = (value: unknown, properties: Record<string, unknown> = {}) =>
    evaluatePaint('circle', 'circle-color', value, properties);

  it('step the same way in MapLibre as stepIndex says', () => {
    for (const scale of [COVERAGE_SCALE, COMPLETION_SCALE]) {
      const expr = stepExpression(['get', 'v'], scale, '#000000');
      for (const v of [-1, 0, 0.1, 0.2, 0.25, 0.5, 0.61, 0.75, 0.99, 1]) {
        const i = stepIndex(v, scale);
        expect(paint(expr, { v })).toBe(paint(i < 0 ? '#000000' : scale[i]!.color));
      }
    }
  });

  it('have ascending thresholds and distinct colours', () => {
    for (const scale of [COVERAGE_SCALE, COMPLETION_SCALE]) {
      const mins = scale.map((c) => c.min);
      expect([...mins].sort((a, b) => a - b)).toEqual(mins);
      expect(new Set(scale.map((c) => c.color)).size).toBe(scale.length);
    }
    expect([...LEVERAGE_BREAKS].sort((a, b) => a - b)).toEqual([...LEVERAGE_BREAKS]);
    expect(LEVERAGE_COLORS).toHaveLength(LEVERAGE_BREAKS.length + 1);
    const timeline = [...TIMELINE_SCALE.map((c) => c.color), TIMELINE_UNDATED_COLOR];
    expect(new Set(timeline).size).toBe(timeline.length);
    const gap = Object.values(GAP_SCALE).map((c) => c.color);
    expect(new Set(gap).size).toBe(gap.length);
  });
});

describe('walking-distance scale', () => {
  it('breaks at the life-circle radii, inclusive, with one class beyond', () => {
    expect(WALK_DISTANCE_SCALE.map((c) => c.max)).toEqual([...LIFE_CIRCLES.map((c) => c.radius_m), Infinity]);
    expect(walkDistanceClass(0)).toBe(0);
    expect(walkDistanceClass(300)).toBe(0);
    expect(walkDistanceClass(301)).toBe(1);
    expect(walkDistanceClass(500)).toBe(1);
    expect(walkDistanceClass(1000)).toBe(2);
    expect(walkDistanceClass(1001)).toBe(3);
    expect(walkDistanceClass(null)).toBe(-1);
    expect(walkDistanceClass(Number.NaN)).toBe(-1);
    expect(walkDistanceClass(-5)).toBe(-1);
  });

  it('has distinct colours, none of them a coverage colour', () => {
    const colors = [...WALK_DISTANCE_SCALE.map((c) => c.color), WALK_DISTANCE_NONE_COLOR];
    expect(new Set(colors).size).toBe(colors.length);
    for (const c of COVERAGE_SCALE) expect(colors).not.toContain(c.color);
  });

  it('is what the paint expression draws, for every distance the classes tell apart', () => {
    const expr = walkDistanceColorExpression('acc_kindergarten');
    const color = (hex: string) => evaluatePaint('line', 'line-color', hex, {});
    for (const metres of [0, 120, 300, 300.5, 499, 500, 750, 1000, 1000.4, 1500, 25_000]) {
      const drawn = evaluatePaint('line', 'line-color', expr, { acc_kindergarten: metres });
      const expected = WALK_DISTANCE_SCALE[walkDistanceClass(metres)]!.color;
      expect(drawn, `${metres} m`).toBe(color(expected));
    }
    expect(evaluatePaint('line', 'line-color', expr, {})).toBe(color(WALK_DISTANCE_NONE_COLOR));
    // Another type's distance says nothing about this one.
    expect(evaluatePaint('line', 'line-color', expr, { acc_clinic: 100 })).toBe(
      color(WALK_DISTANCE_NONE_COLOR),
    );
  });
});
