import { describe, expect, it } from 'vitest';
import { STAGE_LABELS } from '../domain/vocabulary';
import { fillPlaceholders, loadMessages, message, type Lang, type MessageKey } from '../i18n/messages';
import { measureLabel, type FundingScale } from '../map/layers/funding-metric';
import { DEFAULT_LAYER_OPTIONS, type LayerOptions } from '../map/layers/layer-options';
import {
  COMPLETION_SCALE,
  COVERAGE_NO_DATA_COLOR,
  COVERAGE_SCALE,
  GAP_SCALE,
  STAGE_SCALE,
  TIMELINE_SCALE,
  WALK_DISTANCE_NONE_COLOR,
  WALK_DISTANCE_SCALE,
} from '../style/scales';
import {
  AMENITY_MIN_ZOOM,
  AMENITY_SHAPES,
  AMENITY_TYPE_MIN_ZOOM,
  FUNDING_DENSITY_COLORS,
  FUNDING_NO_DATA_COLOR,
  LEVERAGE_BREAKS,
  LEVERAGE_COLORS,
  ringColor,
} from '../style/view-scales';
import { exportLegend, legendLines, type ExportLegendInput } from './export-legend';
import type { Translate } from './present-text';

// Both languages' whole text, as the page has it once their chunks are in.
await Promise.all([loadMessages('zh'), loadMessages('en')]);

const tr =
  (lang: Lang): Translate =>
  (key: MessageKey, params) =>
    fillPlaceholders(message(lang, key), params);

const options = (patch: Partial<LayerOptions>): LayerOptions => ({
  ...DEFAULT_LAYER_OPTIONS,
  funding: { ...DEFAULT_LAYER_OPTIONS.funding },
  services: { ...DEFAULT_LAYER_OPTIONS.services },
  ...patch,
});

const input = (patch: Partial<ExportLegendInput> & { lang?: Lang } = {}): ExportLegendInput => {
  const lang = patch.lang ?? 'zh';
  return {
    options: options({}),
    fundingScale: null,
    illustrative: true,
    hasBoundaries: false,
    hasNetwork: false,
    lang,
    t: tr(lang),
    ...patch,
  };
};

/** The legend exported for the layer options `patch`, with the rest of the input as `rest` patches it. */
const legendOf = (patch: Partial<LayerOptions>, rest: Partial<ExportLegendInput> & { lang?: Lang } = {}) =>
  exportLegend(input({ ...rest, options: options(patch) }));

const quantiles: FundingScale = {
  unit: 'yuan_per_km2',
  kind: 'quantile',
  breaks: [12_000, 150_000, 2_500_000],
  colors: FUNDING_DENSITY_COLORS.slice(0, 4),
};

describe('the legend of an exported picture', () => {
  it('status: every stage in the scale’s order and colours, unknown, and the illustrative ring', () => {
    const legend = exportLegend(input());
    expect(legend.layer).toBe('status');
    expect(legend.title).toBe(message('zh', 'layers.status'));
    const stage = legend.sections.find((s) => s.key === 'stage')!;
    expect(stage.title).toBe('改造状态');
    expect(stage.entries.map((e) => [e.key, e.color, e.label])).toEqual([
      ...STAGE_SCALE.map((e) => [e.stage, e.color, STAGE_LABELS[e.stage].zh]),
      ['unknown', expect.any(String), '状态未知'],
    ]);
    const marks = legend.sections.find((s) => s.key === 'marks')!;
    expect(marks.entries).toEqual([expect.objectContaining({ key: 'illustrative', shape: 'ring' })]);
    expect(legend.sections.some((s) => s.key === 'completion')).toBe(false);
  });

  it('status: only a chapter’s stages; the timeline at a month; completion shading with boundaries', () => {
    const chapter = exportLegend(input({ stages: { completed: 4, accepted: 1 } }));
    expect(chapter.sections[0]!.entries.map((e) => e.key)).toEqual(['completed', 'accepted']);
    const timeline = legendOf({ month: '2023-06' }, { lang: 'en', hasBoundaries: true });
    const time = timeline.sections.find((s) => s.key === 'timeline')!;
    expect(time.title).toBe('Progress as of Jun 2023');
    expect(time.entries.map((e) => e.color)).toEqual([
      ...TIMELINE_SCALE.map((c) => c.color),
      expect.any(String),
    ]);
    const completion = timeline.sections.find((s) => s.key === 'completion')!;
    expect(completion.entries.map((e) => e.color)).toEqual(COMPLETION_SCALE.map((c) => c.color));
    expect(completion.entries.map((e) => e.label)).toEqual(['0% – 25%', '25% – 50%', '50% – 75%', '≥ 75%']);
  });

  it('funding: the channel, per km², the drawn scale’s classes and the no-data class', () => {
    const legend = legendOf(
      { layer: 'funding', funding: { measure: 'fund_central', per: 'km2', extrude: false } },
      { fundingScale: quantiles },
    );
    expect(legend.sections).toHaveLength(1);
    const funding = legend.sections[0]!;
    expect(funding.title).toBe(`${measureLabel('fund_central').zh} · 元 / 平方公里`);
    expect(funding.entries.map((e) => e.color)).toEqual([...quantiles.colors, FUNDING_NO_DATA_COLOR]);
    expect(funding.entries.map((e) => e.label)).toEqual([
      '< 1.2万元',
      '≥ 1.2万元',
      '≥ 15万元',
      '≥ 250万元',
      '无该项资金记录',
    ]);
    expect(funding.note).toBe(message('zh', 'funding.quantile_note'));
  });

  it('funding: per household in English; leverage with its fixed classes', () => {
    const perHousehold = legendOf(
      { layer: 'funding', funding: { measure: 'total', per: 'household', extrude: true } },
      {
        lang: 'en',
        fundingScale: { ...quantiles, unit: 'yuan_per_household' },
      },
    ).sections[0]!;
    expect(perHousehold.title).toMatch(/ · yuan per household$/);
    expect(perHousehold.entries[1]!.label).toBe('≥ ¥12K');
    expect(perHousehold.note).toContain(message('en', 'funding.extrude_note'));
    const leverage = legendOf(
      { layer: 'funding', funding: { measure: 'leverage', per: 'km2', extrude: false } },
      { fundingScale: { unit: 'ratio', kind: 'fixed', breaks: LEVERAGE_BREAKS, colors: LEVERAGE_COLORS } },
    ).sections[0]!;
    expect(leverage.entries.map((e) => e.color)).toEqual([...LEVERAGE_COLORS, FUNDING_NO_DATA_COLOR]);
    expect(leverage.entries[1]!.label).toBe('≥ 0.05');
  });

  it('funding: says so when the hexagons were not drawn, rather than showing another scale', () => {
    const legend = legendOf({ layer: 'funding' }, { fundingScale: null });
    expect(legend.sections[0]!.entries).toEqual([]);
    expect(legend.sections[0]!.note).toBe(message('zh', 'legend.funding_failed'));
  });

  it('services: coverage classes, the three circles, and the illustrative ring', () => {
    const legend = exportLegend(input({ options: options({ layer: 'services' }) }));
    expect(legend.sections.map((s) => s.key)).toEqual(['coverage', 'circle', 'marks']);
    const coverage = legend.sections[0]!;
    expect(coverage.entries.map((e) => e.color)).toEqual([
      ...COVERAGE_SCALE.map((c) => c.color),
      COVERAGE_NO_DATA_COLOR,
    ]);
    expect(coverage.entries[0]!.label).toBe('0% – 20%');
    expect(legend.sections[1]!.entries.map((e) => e.label)).toEqual([
      '五分钟生活圈 · 300 米',
      '十分钟生活圈 · 500 米',
      '十五分钟生活圈 · 1 公里',
    ]);
  });

  it('services: the amenity symbols once the map draws them, only the chosen type’s', () => {
    const services = (amenity: string | null, amenityZoom: number | null) =>
      legendOf(
        { layer: 'services', services: { amenity, circle: null, gap: false, access: null } },
        { amenityZoom },
      ).sections.find((s) => s.key === 'amenities');
    expect(services(null, AMENITY_MIN_ZOOM - 0.5)).toBeUndefined();
    expect(services(null, null)).toBeUndefined();
    const all = services(null, AMENITY_MIN_ZOOM)!;
    expect(all.entries.map((e) => [e.key, e.color, e.shape])).toEqual(
      (['lc5', 'lc10', 'lc15'] as const).map((c) => [c, AMENITY_SHAPES[c].color, AMENITY_SHAPES[c].shape]),
    );
    const one = services('kindergarten', AMENITY_TYPE_MIN_ZOOM)!;
    expect(one.entries).toEqual([expect.objectContaining({ label: '幼儿园' })]);
  });

  it('services: the gap view of a type in its circle; the walking-distance scale with a network', () => {
    const gap = legendOf(
      { layer: 'services', services: { amenity: 'kindergarten', circle: 'lc10', gap: true, access: null } },
      { lang: 'en' },
    );
    expect(gap.sections.map((s) => s.key)).toEqual(['gap', 'circle', 'marks']);
    expect(gap.sections[0]!.entries.map((e) => e.color)).toEqual([
      GAP_SCALE.lacking.color,
      GAP_SCALE.served.color,
      GAP_SCALE.unknown.color,
    ]);
    expect(gap.sections[0]!.entries[0]!.label).toBe('No Kindergarten within 500 m');
    expect(gap.sections[1]!.entries).toEqual([
      expect.objectContaining({ key: 'lc10', color: ringColor('lc10'), shape: 'ring' }),
    ]);

    const access = (hasNetwork: boolean) =>
      legendOf(
        { layer: 'services', services: { amenity: null, circle: null, gap: false, access: 'kindergarten' } },
        { hasNetwork },
      );
    const walk = access(true).sections.find((s) => s.key === 'access')!;
    expect(walk.entries.map((e) => e.color)).toEqual([
      ...WALK_DISTANCE_SCALE.map((c) => c.color),
      WALK_DISTANCE_NONE_COLOR,
    ]);
    expect(walk.entries.every((e) => e.shape === 'line')).toBe(true);
    expect(walk.entries.map((e) => e.label)).toEqual([
      '≤ 300 米（5 分钟）',
      '300 米 – 500 米（10 分钟）',
      '500 米 – 1 公里（15 分钟）',
      '> 1 公里',
      '搜索范围内没有',
    ]);
    // Without a road network no street is coloured: no walking-distance legend.
    expect(access(false).sections.some((s) => s.key === 'access')).toBe(false);
  });

  it('writes no Latin-only line in Chinese, for every layer', () => {
    const layers: LayerOptions[] = [
      options({ layer: 'status' }),
      options({ layer: 'status', month: '2022-01' }),
      options({ layer: 'funding', funding: { measure: 'fund_social', per: 'household', extrude: false } }),
      options({
        layer: 'services',
        services: { amenity: 'clinic', circle: null, gap: true, access: 'clinic' },
      }),
    ];
    for (const o of layers) {
      const lines = legendLines(
        exportLegend(input({ options: o, fundingScale: quantiles, hasBoundaries: true, hasNetwork: true })),
      );
      for (const line of lines) {
        if (/[A-Za-z]/.test(line)) expect(line, `${o.layer}: ${line}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
