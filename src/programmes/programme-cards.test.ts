import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateMetric } from '../domain/programme-figures';
import { FUNDING_CHANNELS } from '../domain/vocabulary';
import { indexOfParts } from '../explore/explore-index-of-file';
import { EXPLORE_PART_FILES } from '../contracts/explore-binary';
import { parseManifest } from '../lib/manifest';
import { totalsFromIndex } from './index-totals';
import {
  cardSourceText,
  figureFundField,
  periodText,
  programmeCards,
  programmeTotals,
  publishedValueText,
  type TotalsRow,
} from './programme-cards';
import { parsePublishedFigures, type PublishedFigure } from '../lib/published-figures';

const fig = (over: Partial<PublishedFigure> & { key: string }): PublishedFigure => ({
  label: { zh: over.key, en: over.key },
  value: 1,
  unit: '个',
  value_canonical: 1,
  qualifier: null,
  quote: '',
  source: 's.txt',
  scope: null,
  metric: null,
  ...over,
});

const row = (over: Partial<TotalsRow>): TotalsRow => ({
  programme: 'p',
  synthetic: false,
  households: null,
  residents: null,
  funds: {},
  ...over,
});

describe('programmeTotals', () => {
  it('adds up per programme, counting blanks apart from zeros', () => {
    const totals = programmeTotals([
      row({ households: 100, residents: 300, funds: { fund_central: 1e6, fund_residents: 0 } }),
      row({ synthetic: true, households: 50, funds: { fund_local: 2e6 } }),
      row({ synthetic: true, households: null, residents: 0 }),
      row({ programme: 'q', households: 7 }),
      row({ programme: null, households: 1000 }),
    ]);
    expect([...totals.keys()]).toEqual(['p', 'q']);
    const p = totals.get('p')!;
    expect(p.communities).toBe(3);
    expect(p.synthetic).toBe(2);
    expect(p.households).toEqual({ value: 150, known: 2 });
    expect(p.residents).toEqual({ value: 300, known: 2 });
    expect(p.funds.fund_central).toEqual({ value: 1e6, known: 1 });
    expect(p.funds.fund_residents).toEqual({ value: 0, known: 1 });
    expect(p.fundsKnown).toEqual({ fiscal: 2, nonfiscal: 1, any: 2 });
    expect(totals.get('q')!.households.value).toBe(7);
  });

  it('ignores derived totals and unknown fields passed as funds', () => {
    const p = programmeTotals([row({ funds: { fund_total: 5, fund_fiscal: 5, fund_central: 5, x: 9 } })]).get(
      'p',
    )!;
    expect(Object.keys(p.funds)).toEqual(['fund_central']);
  });
});

describe('programmeCards', () => {
  const programme = {
    id: 'p',
    name: { zh: '计划', en: 'Plan' },
    sources: ['a.txt'],
    documents: [{ ref: 'b.txt', title: '乙文', date: '2021-05' }],
    period: { start: '2021', end: '2023' },
    figures: [
      fig({ key: 'projects', value: 522, metric: { op: 'count' } }),
      fig({
        key: 'done',
        value: 500,
        metric: { op: 'count', where: { field: 'stage', prefix: 'completed' } },
      }),
      fig({
        key: 'households',
        value: 91,
        unit: '万户',
        value_canonical: 910000,
        metric: { op: 'sum', field: 'households' },
      }),
      fig({ key: 'fund_nonfiscal', unit: '亿元', metric: { op: 'sum', field: 'fund_nonfiscal' } }),
      fig({ key: 'fund_central_budget', unit: '万元', source: 'b.txt' }),
      fig({ key: 'fund_enterprise', unit: '万元', metric: { op: 'sum', field: 'fund_utility' } }),
      fig({ key: 'surveys', value: 306 }),
    ],
  };

  it('keeps published headlines and names their channels', () => {
    const [card] = programmeCards([programme], null);
    expect(card!.published.communities.map((f) => f.key)).toEqual(['projects']);
    expect(card!.published.households.map((f) => f.key)).toEqual(['households']);
    expect(card!.published.residents).toEqual([]);
    // Channel order, then derived totals.
    expect(card!.published.funding.map((f) => [f.figure.key, f.field])).toEqual([
      ['fund_central_budget', 'fund_central'],
      ['fund_enterprise', 'fund_utility'],
      ['fund_nonfiscal', 'fund_nonfiscal'],
    ]);
    // Each source once, the programme's own first; a described one with its document.
    expect(card!.sources).toEqual([
      { ref: 'a.txt' },
      { ref: 's.txt' },
      { ref: 'b.txt', title: '乙文', date: '2021-05' },
    ]);
    expect(card!.computed).toBeNull();
  });

  it('falls back to scoped counts when no count covers the whole programme', () => {
    const scoped = fig({
      key: 'heping',
      metric: { op: 'count', where: { field: 'community', prefix: '和平' } },
    });
    const [card] = programmeCards([{ ...programme, figures: [scoped] }], null);
    expect(card!.published.communities).toEqual([scoped]);
  });

  it('says how many computed communities are illustrative, and adds channels up', () => {
    const totals = programmeTotals([
      row({ synthetic: true, households: 10, funds: { fund_central: 100, fund_social: 50 } }),
      row({ synthetic: true, households: 20, funds: { fund_provincial: 30 } }),
      row({ programme: 'r', synthetic: false, households: 5 }),
      row({ programme: 's', synthetic: true }),
      row({ programme: 's', synthetic: false }),
    ]);
    const cards = programmeCards(
      ['p', 'r', 's', 'none'].map((id) => ({ ...programme, id })),
      totals,
    );
    const p = cards[0]!.computed!;
    expect(p.basis).toBe('illustrative');
    expect(p.communities).toBe(2);
    expect(p.households).toEqual({ value: 30, known: 2 });
    expect(p.funding.map((f) => [f.field, f.sum.value, f.sum.known])).toEqual([
      ['fund_central', 100, 1],
      ['fund_provincial', 30, 1],
      ['fund_social', 50, 1],
      ['fund_fiscal', 130, 2],
      ['fund_nonfiscal', 50, 1],
      ['fund_total', 180, 2],
    ]);
    expect(cards[1]!.computed!.basis).toBe('ledger');
    expect(cards[1]!.computed!.funding).toEqual([]);
    expect(cards[2]!.computed!.basis).toBe('mixed');
    expect(cards[3]!.computed).toBeNull();
  });
});

describe('figureFundField', () => {
  it('prefers the metric, then the longest channel prefix of the key', () => {
    expect(figureFundField(fig({ key: 'x', metric: { op: 'sum', field: 'fund_bond' } }))).toBe('fund_bond');
    expect(figureFundField(fig({ key: 'fund_public_revenue_2023' }))).toBe('fund_public_revenue');
    expect(figureFundField(fig({ key: 'fund_mystery' }))).toBe('fund_other');
    expect(
      figureFundField(fig({ key: 'households', metric: { op: 'sum', field: 'households' } })),
    ).toBeNull();
  });
});

describe('publishedValueText', () => {
  // The Chinese as published; the English in canonical units (undefined: not checked).
  it.each([
    [
      { key: 'r', value: 348, unit: '万人', value_canonical: 3_480_000, qualifier: 'about' },
      '约348万人',
      'about 3.48M',
    ],
    [
      { key: 'f', value: 2.03, unit: '亿元', value_canonical: 203_000_000, qualifier: 'expected' },
      '预计2.03亿元',
      'expected ¥203M',
    ],
    [{ key: 'c', value: 1837.1, unit: '万元', value_canonical: 18_371_000 }, '1,837.1万元', undefined],
    [
      { key: 'n', value: 500, unit: '个', value_canonical: 500, qualifier: 'more_than' },
      undefined,
      'more than 500',
    ],
  ] as const)('writes %o as %s / %s', (over, zh, en) => {
    const figure = fig(over);
    if (zh !== undefined) expect(publishedValueText(figure, 'zh')).toBe(zh);
    if (en !== undefined) expect(publishedValueText(figure, 'en')).toBe(en);
  });

  it('cites the sources readably and keeps the file names apart', () => {
    const sources = [
      {
        ref: '001_b5f242886d659bb7.txt',
        title: '聚焦共同缔造彰显智慧美好',
        issuer: 'xx区人民政府',
        date: '2020-08-24',
      },
      { ref: 'plan.pdf' },
    ];
    expect(cardSourceText(sources, 'zh')).toEqual({
      citations: '《聚焦共同缔造彰显智慧美好》，xx区人民政府，2020年8月24日；plan.pdf',
      refs: '001_b5f242886d659bb7.txt、plan.pdf',
    });
    expect(cardSourceText(sources.slice(0, 1), 'en')).toEqual({
      citations: '《聚焦共同缔造彰显智慧美好》, xx区人民政府, 24 Aug 2020',
      refs: '001_b5f242886d659bb7.txt',
    });
  });

  it('writes periods compactly', () => {
    expect(periodText({ start: '2021', end: '2023' })).toBe('2021–2023');
    expect(periodText({ start: '2020', end: '2020' })).toBe('2020');
    expect(periodText(null)).toBe('');
  });
});

describe('parsePublishedFigures', () => {
  it('drops figures without a number and normalises the rest', () => {
    const figures = parsePublishedFigures([
      { key: 'a', value: 3, value_canonical: 3, unit: '个', qualifier: 'bogus', metric: { op: 'count' } },
      { key: 'b', value: '3' },
      { source: 'x.txt' },
      7,
    ]);
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({
      key: 'a',
      qualifier: null,
      label: { zh: 'a', en: 'a' },
      metric: { op: 'count' },
    });
  });
});

/** The demo data, when built: the computed sums must agree with the build's own metric evaluation. */
describe('on the demo data', () => {
  const dir = fileURLToPath(new URL('../../public/data/', import.meta.url));
  const ready =
    existsSync(`${dir}manifest.json`) &&
    existsSync(`${dir}communities.geojson`) &&
    existsSync(`${dir}${EXPLORE_PART_FILES.core}`);

  it.runIf(ready)('reproduces the build metric for every summed channel and headline', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')));
    const geo = JSON.parse(readFileSync(`${dir}communities.geojson`, 'utf8')) as {
      features: { properties: Record<string, unknown> }[];
    };
    const props = geo.features.map((f) => f.properties);
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    const totals = programmeTotals(
      props.map((p) => ({
        programme: typeof p.programme === 'string' ? p.programme : null,
        synthetic: p.is_synthetic === true,
        households: num(p.households),
        residents: num(p.residents),
        funds: Object.fromEntries(FUNDING_CHANNELS.map((c) => [c.field, num(p[c.field])])),
      })),
    );
    // The browser adds up the explore index instead of the GeoJSON: both must agree.
    const part = (path: string) => {
      const bytes = readFileSync(`${dir}${path}`);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    };
    const { core, figures } = manifest.explore!.parts;
    const index = indexOfParts(part(core), { figures: part(figures) });
    expect(totalsFromIndex(index)).toEqual(totals);
    const cards = programmeCards(manifest.programmes, totals);
    expect(cards.length).toBe(manifest.programmes.length);
    for (const card of cards) {
      const members = props.filter((p) => p.programme === card.id);
      const c = card.computed!;
      expect(c.communities).toBe(members.length);
      expect(c.synthetic).toBe(members.filter((p) => p.is_synthetic === true).length);
      expect(c.households.value).toBeCloseTo(evaluateMetric({ op: 'sum', field: 'households' }, members), 2);
      expect(c.residents.value).toBeCloseTo(evaluateMetric({ op: 'sum', field: 'residents' }, members), 2);
      for (const line of c.funding)
        expect(line.sum.value, `${card.id} ${line.field}`).toBeCloseTo(
          evaluateMetric({ op: 'sum', field: line.field }, members),
          2,
        );
      // The demo's illustrative rows exist to make the published figures add up.
      for (const { figure, field } of card.published.funding) {
        if (figure.metric?.op !== 'sum' || figure.metric.where || figure.qualifier === 'more_than') continue;
        const line = c.funding.find((f) => f.field === field);
        expect(line?.sum.value, `${card.id} ${figure.key}`).toBeCloseTo(figure.value_canonical, 2);
      }
    }
  });
});
