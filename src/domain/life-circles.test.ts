import { describe, expect, it } from 'vitest';
import { circleRadius, evaluateCoverage, requiredTypes } from './life-circles';
import { AMENITY_TYPES, LIFE_CIRCLES } from './vocabulary';

/** Every required type at the given distance. */
function allAt(distance: number | null): Record<string, number | null> {
  return Object.fromEntries(AMENITY_TYPES.map((a) => [a.type, distance]));
}

describe('requiredTypes', () => {
  it('partitions the amenity vocabulary by circle', () => {
    const all = LIFE_CIRCLES.flatMap((c) => requiredTypes(c.key));
    expect(all.length).toBe(AMENITY_TYPES.length);
    expect(new Set(all).size).toBe(AMENITY_TYPES.length);
    expect(requiredTypes('lc5')).toContain('kindergarten');
    expect(requiredTypes('lc10')).toEqual(['primary_school', 'market', 'mid_sports_ground', 'bank_post']);
    expect(requiredTypes('lc15')).toContain('middle_school');
    expect(requiredTypes('lc15')).not.toContain('kindergarten');
  });

  it('rejects an unknown circle', () => {
    // @ts-expect-error deliberately outside the type
    expect(() => requiredTypes('lc30')).toThrow(/Unknown life circle "lc30"/);
  });

  it('gives the radii of the standard', () => {
    expect([circleRadius('lc5'), circleRadius('lc10'), circleRadius('lc15')]).toEqual([300, 500, 1000]);
  });
});

describe('evaluateCoverage', () => {
  it('meets every circle when everything is on the doorstep', () => {
    expect(evaluateCoverage(allAt(0))).toEqual({
      lc5_met: true,
      lc10_met: true,
      lc15_met: true,
      coverage_score: 1,
      missing_types: [],
    });
  });

  it('meets nothing when nothing was found, listing lc5 types first', () => {
    const result = evaluateCoverage({});
    expect(result.lc5_met || result.lc10_met || result.lc15_met).toBe(false);
    expect(result.coverage_score).toBe(0);
    expect(result.missing_types).toEqual([
      ...requiredTypes('lc5'),
      ...requiredTypes('lc10'),
      ...requiredTypes('lc15'),
    ]);
  });

  it('treats each radius as inclusive', () => {
    const nearest = allAt(null);
    for (const t of requiredTypes('lc5')) nearest[t] = 300;
    for (const t of requiredTypes('lc10')) nearest[t] = 500;
    for (const t of requiredTypes('lc15')) nearest[t] = 1000;
    expect(evaluateCoverage(nearest).missing_types).toEqual([]);
    for (const t of requiredTypes('lc10')) nearest[t] = 500.01;
    const result = evaluateCoverage(nearest);
    expect(result).toMatchObject({ lc5_met: true, lc10_met: false, lc15_met: true });
    expect(result.missing_types).toEqual(requiredTypes('lc10'));
  });

  it('does not let a facility inside a larger circle satisfy a smaller one', () => {
    // Everything at 800 m: inside the 15-minute circle, outside the 5- and 10-minute ones.
    const result = evaluateCoverage(allAt(800));
    expect(result).toMatchObject({ lc5_met: false, lc10_met: false, lc15_met: true });
    const required = AMENITY_TYPES.length;
    expect(result.coverage_score).toBeCloseTo(requiredTypes('lc15').length / required, 4);
  });

  it('judges the larger circle on its own types even when smaller circles fail', () => {
    const nearest = allAt(null);
    for (const t of requiredTypes('lc15')) nearest[t] = 900;
    expect(evaluateCoverage(nearest)).toMatchObject({ lc5_met: false, lc10_met: false, lc15_met: true });
  });

  it('fails a circle for one missing type and scores the share met', () => {
    const nearest = allAt(10);
    nearest.public_toilet = null;
    nearest.bank_post = 650;
    const result = evaluateCoverage(nearest);
    expect(result).toMatchObject({ lc5_met: false, lc10_met: false, lc15_met: true });
    expect(result.missing_types).toEqual(['public_toilet', 'bank_post']);
    expect(result.coverage_score).toBeCloseTo((AMENITY_TYPES.length - 2) / AMENITY_TYPES.length, 4);
  });

  it('never counts NaN or negative distances as met, and ignores unknown keys', () => {
    const nearest: Record<string, number | null> = {
      ...allAt(0),
      health_station: Number.NaN,
      kindergarten: -5,
      ufo_port: 0,
    };
    const result = evaluateCoverage(nearest);
    expect(result.missing_types).toEqual(['kindergarten', 'health_station']);
  });
});
