import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../domain/life-circles';
import { eventMonth, monthsBetween, type Month } from '../../domain/months';
import { AMENITY_TYPES, LIFE_CIRCLES, STAGES } from '../../domain/vocabulary';
import {
  COVERAGE_NO_DATA_COLOR,
  COVERAGE_SCALE,
  GAP_SCALE,
  STAGE_COLORS,
  stepIndex,
  TIMELINE_SCALE,
  TIMELINE_UNDATED_COLOR,
  UNKNOWN_STAGE_COLOR,
} from '../../style/scales';
import {
  communityLayers,
  communityPaint,
  eventMonthExpression,
  gapClass,
  gapClassExpression,
  timelineClass,
  timelineClassExpression,
  type CommunityView,
} from './community-style';
import { evaluatePaint, evaluateString, validateLayers } from '../../style/style-spec.test-helpers';

/** Deterministic pseudo-random communities covering every date precision, stage and distance case. */
function communities(n: number): Record<string, unknown>[] {
  let seed = 12345;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const date = (): string | undefined => {
    const y = 2019 + Math.floor(rand() * 6);
    const m = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    return pick([undefined, `${y}`, `${y}-${m}`, `${y}-${m}-15`]);
  };
  return Array.from({ length: n }, (_, i) => {
    const p: Record<string, unknown> = { id: `c${i}`, households: 100 + i };
    const stage = pick([...STAGES, undefined]);
    if (stage) p.stage = stage;
    const start = date();
    const end = start && rand() < 0.7 ? date() : undefined;
    if (start) p.start_date = start;
    if (end) p.completion_date = end;
    if (rand() < 0.85) {
      const nearest: Record<string, number> = {};
      for (const a of AMENITY_TYPES) if (rand() < 0.7) nearest[a.type] = Math.round(rand() * 1600);
      for (const [t, d] of Object.entries(nearest)) p[`dist_${t}`] = d;
      p.missing_types = evaluateCoverage(nearest).missing_types.join(',');
    }
    p.is_synthetic = rand() < 0.5;
    return p;
  });
}

const SAMPLE = communities(400);
/** One view of each kind; the gap view's type is the one the synthetic-row test marks missing. */
const EVERY_VIEW: readonly CommunityView[] = [
  { kind: 'stage' },
  { kind: 'timeline', month: '2022-01' },
  { kind: 'coverage' },
  { kind: 'gap', type: 'kindergarten', circle: 'lc5' },
];
const lowZoom = (p: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('dist_')));

describe('event months in MapLibre', () => {
  it('match src/domain/months for every date precision', () => {
    for (const d of ['2021', '2021-07', '2021-07-09']) {
      expect(evaluateString(eventMonthExpression('d'), { d })).toBe(eventMonth(d));
    }
  });
});

describe('time view', () => {
  it('places a community by its own dates', () => {
    const p = { stage: 'completed', start_date: '2021-03-10', completion_date: '2021-11' };
    expect(timelineClass(p, '2021-02')).toBe('not_started');
    expect(timelineClass(p, '2021-03')).toBe('construction');
    expect(timelineClass(p, '2021-10')).toBe('construction');
    expect(timelineClass(p, '2021-11')).toBe('completed');
    // A bare year only vouches for the end of that year.
    expect(timelineClass({ start_date: '2020' }, '2020-06')).toBe('not_started');
    expect(timelineClass({ start_date: '2020' }, '2020-12')).toBe('construction');
    // Without a start date, a pre-start stage is not started; anything else cannot be placed.
    expect(timelineClass({ stage: 'planned' }, '2022-01')).toBe('not_started');
    expect(timelineClass({ stage: 'completed' }, '2022-01')).toBe('undated');
    expect(timelineClass({}, '2022-01')).toBe('undated');
  });

  it('is what the MapLibre expression computes, month after month', () => {
    for (const month of monthsBetween('2018-12', '2025-01').filter((_, i) => i % 5 === 0)) {
      const expr = timelineClassExpression(month);
      for (const p of SAMPLE)
        expect(evaluateString(expr, p), `${JSON.stringify(p)} @ ${month}`).toBe(timelineClass(p, month));
    }
  });

  it('paints each class in its legend colour', () => {
    const month: Month = '2022-06';
    const paint = communityPaint({ kind: 'timeline', month });
    const colorOf = new Map<string, string>([
      ...TIMELINE_SCALE.map((c) => [c.key, c.color] as [string, string]),
      ['undated', TIMELINE_UNDATED_COLOR],
    ]);
    for (const p of SAMPLE.slice(0, 120)) {
      const drawn = evaluatePaint('circle', 'circle-color', paint['circle-color'], p);
      expect(drawn).toBe(evaluatePaint('circle', 'circle-color', colorOf.get(timelineClass(p, month)), {}));
    }
  });
});

describe('gap view', () => {
  it('judges by the distance at the tiles’ maximum zoom', () => {
    const p = { missing_types: 'kindergarten', dist_kindergarten: 420 };
    expect(gapClass(p, 'kindergarten', 'lc5', true)).toBe('lacking');
    expect(gapClass(p, 'kindergarten', 'lc10', true)).toBe('served');
    // No distance but coverage computed: nothing within the search radius.
    expect(gapClass({ missing_types: '' }, 'kindergarten', 'lc15', true)).toBe('lacking');
    expect(gapClass({}, 'kindergarten', 'lc5', true)).toBe('unknown');
  });

  it('never claims more than the thinned low-zoom properties can tell', () => {
    for (const p of SAMPLE)
      for (const a of AMENITY_TYPES)
        for (const c of LIFE_CIRCLES) {
          const truth = gapClass(p, a.type, c.key, true);
          const low = gapClass(lowZoom(p), a.type, c.key, false);
          if (low !== 'unknown') expect(low, `${a.type} ${c.key}`).toBe(truth);
          // For the type's own circle, the low zoom always knows.
          if (c.key === a.circle && p.missing_types !== undefined) expect(low).toBe(truth);
        }
  });

  it('does not take one type’s name for part of another’s', () => {
    // "sports_ground" is inside three type names; only an exact member counts.
    const p = { missing_types: 'small_sports_ground,large_sports_ground' };
    expect(gapClass(p, 'mid_sports_ground', 'lc10', false)).toBe('served');
    expect(evaluateString(gapClassExpression('mid_sports_ground', 'lc10', false), p)).toBe('served');
  });

  it('is what the MapLibre expressions compute, at both zoom ranges', () => {
    for (const a of AMENITY_TYPES.filter((_, i) => i % 3 === 0))
      for (const c of LIFE_CIRCLES) {
        const full = gapClassExpression(a.type, c.key, true);
        const low = gapClassExpression(a.type, c.key, false);
        for (const p of SAMPLE.slice(0, 150)) {
          expect(evaluateString(full, p)).toBe(gapClass(p, a.type, c.key, true));
          expect(evaluateString(low, lowZoom(p))).toBe(gapClass(lowZoom(p), a.type, c.key, false));
        }
      }
  });

  it('paints the gap colours, switching judgement at the maximum zoom', () => {
    const paint = communityPaint({ kind: 'gap', type: 'elderly_daycare', circle: 'lc5' }, 14);
    const color = (hex: string) => evaluatePaint('circle', 'circle-color', hex, {});
    for (const p of SAMPLE.slice(0, 100)) {
      expect(evaluatePaint('circle', 'circle-color', paint['circle-color'], p, 15)).toBe(
        color(GAP_SCALE[gapClass(p, 'elderly_daycare', 'lc5', true)].color),
      );
      expect(evaluatePaint('circle', 'circle-color', paint['circle-color'], lowZoom(p), 10)).toBe(
        color(GAP_SCALE[gapClass(lowZoom(p), 'elderly_daycare', 'lc5', false)].color),
      );
    }
  });
});

describe('stage and coverage views', () => {
  const color = (hex: string) => evaluatePaint('circle', 'circle-color', hex, {});

  it('colour by stage, unknown stages in their own colour', () => {
    const paint = communityPaint({ kind: 'stage' });
    for (const stage of STAGES)
      expect(evaluatePaint('circle', 'circle-color', paint['circle-color'], { stage })).toBe(
        color(STAGE_COLORS[stage]),
      );
    expect(evaluatePaint('circle', 'circle-color', paint['circle-color'], {})).toBe(
      color(UNKNOWN_STAGE_COLOR),
    );
  });

  it('colour by coverage class, no score in the no-data colour', () => {
    const paint = communityPaint({ kind: 'coverage' });
    for (const score of [0, 0.19, 0.2, 0.55, 0.8, 1]) {
      const expected = COVERAGE_SCALE[stepIndex(score, COVERAGE_SCALE)]!.color;
      expect(evaluatePaint('circle', 'circle-color', paint['circle-color'], { coverage_score: score })).toBe(
        color(expected),
      );
    }
    expect(evaluatePaint('circle', 'circle-color', paint['circle-color'], {})).toBe(
      color(COVERAGE_NO_DATA_COLOR),
    );
  });

  it('keeps synthetic communities hollow in every view', () => {
    for (const view of EVERY_VIEW) {
      const paint = communityPaint(view);
      const p = { stage: 'completed', coverage_score: 0.1, missing_types: 'kindergarten' };
      const real = Number(
        evaluatePaint('circle', 'circle-opacity', paint['circle-opacity'], { ...p, is_synthetic: false }, 15),
      );
      const fake = Number(
        evaluatePaint('circle', 'circle-opacity', paint['circle-opacity'], { ...p, is_synthetic: true }, 15),
      );
      expect(fake, view.kind).toBeLessThan(real);
    }
  });
});

describe('community layers', () => {
  it('are valid MapLibre layers in every view', () => {
    for (const view of EVERY_VIEW) {
      const l = communityLayers('communities', 'communities', view, 14);
      expect(
        validateLayers([l.circles, l.selected, l.labels], { communities: { type: 'vector', url: 'x' } }),
        view.kind,
      ).toEqual([]);
    }
  });
});
