/**
 * Headline cards per programme: communities, households, residents and funding by channel.
 * Two kinds of number never mix here: figures the programme's source published (with their
 * quote and source file), and figures this site computes by adding up the communities in the
 * data, which in the demo are mostly illustrative. The card model keeps them in separate lists
 * and says, for the computed ones, how many of the communities behind them are illustrative,
 * so a component cannot show a computed sum as if it were published. Pure.
 */
import { documentFor, formatCitation, type SourceDocument } from '../domain/citation';
import { isFiscalChannel } from '../domain/metrics';
import { COMMUNITY_OUTPUT_FIELDS } from '../domain/output-fields';
import { FUNDING_CHANNELS } from '../domain/vocabulary';
import type { Lang } from '../i18n/messages';
import { formatMetres, formatNumber, formatPercent, formatPlain, formatYuan } from '../lib/format';
import type { ProgrammePeriod, PublishedFigure } from '../lib/published-figures';

/** What the totals need of one community. */
export interface TotalsRow {
  /** Programme id (`programme` property), or null. */
  programme: string | null;
  /** `is_synthetic`: an illustrative community. */
  synthetic: boolean;
  households: number | null;
  residents: number | null;
  /** Yuan per funding channel field (`fund_central` …); absent or null means none given. */
  funds: Readonly<Record<string, number | null | undefined>>;
}

/** A sum and how many communities gave a value to it. */
export interface Sum {
  value: number;
  /** Communities with a value (the rest left the field blank). */
  known: number;
}

/** One programme's communities added up. */
export interface ProgrammeTotals {
  communities: number;
  /** Of which illustrative. */
  synthetic: number;
  households: Sum;
  residents: Sum;
  /** Per funding channel field, only channels some community gave. */
  funds: Record<string, Sum>;
  /** Communities giving any fiscal channel, any non-fiscal channel, any channel at all. */
  fundsKnown: { fiscal: number; nonfiscal: number; any: number };
}

const emptyTotals = (): ProgrammeTotals => ({
  communities: 0,
  synthetic: 0,
  households: { value: 0, known: 0 },
  residents: { value: 0, known: 0 },
  funds: {},
  fundsKnown: { fiscal: 0, nonfiscal: 0, any: 0 },
});

function addTo(sum: Sum, value: number | null | undefined): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  sum.value += value;
  sum.known += 1;
}

/** Adds up communities per programme id; rows without a programme are left out. */
export function programmeTotals(rows: Iterable<TotalsRow>): Map<string, ProgrammeTotals> {
  const out = new Map<string, ProgrammeTotals>();
  for (const row of rows) {
    if (!row.programme) continue;
    let t = out.get(row.programme);
    if (!t) out.set(row.programme, (t = emptyTotals()));
    t.communities += 1;
    if (row.synthetic) t.synthetic += 1;
    addTo(t.households, row.households);
    addTo(t.residents, row.residents);
    let fiscal = false;
    let nonfiscal = false;
    for (const [field, value] of Object.entries(row.funds)) {
      // Only channels: derived totals passed in by mistake would be counted twice.
      const isFiscal = isFiscalChannel(field);
      if (isFiscal === undefined || typeof value !== 'number' || !Number.isFinite(value)) continue;
      addTo((t.funds[field] ??= { value: 0, known: 0 }), value);
      if (isFiscal) fiscal = true;
      else nonfiscal = true;
    }
    if (fiscal) t.fundsKnown.fiscal += 1;
    if (nonfiscal) t.fundsKnown.nonfiscal += 1;
    if (fiscal || nonfiscal) t.fundsKnown.any += 1;
  }
  return out;
}

/** Derived funding fields, in the order they are shown after the channels. */
const DERIVED_FUND_FIELDS = ['fund_fiscal', 'fund_nonfiscal', 'fund_total'] as const;

/** Label of a funding channel or derived funding field. */
export function fundLabel(field: string): { zh: string; en: string } {
  const channel = FUNDING_CHANNELS.find((c) => c.field === field);
  if (channel) return { zh: channel.zh, en: channel.en };
  const derived = COMMUNITY_OUTPUT_FIELDS.find((f) => f.name === field);
  return derived ? { zh: derived.zh, en: derived.en } : { zh: field, en: field };
}

const FUND_ORDER = [...FUNDING_CHANNELS.map((c) => c.field as string), ...DERIVED_FUND_FIELDS];

/**
 * The funding field a published figure is about: the field its metric sums, or for a figure
 * without a metric, the channel its key starts with (`fund_central_budget` → `fund_central`).
 * Null when the figure is not about funding.
 */
export function figureFundField(figure: PublishedFigure): string | null {
  const m = figure.metric;
  if (m?.op === 'sum' && m.field.startsWith('fund_')) return m.field;
  if (!figure.key.startsWith('fund_')) return null;
  const prefix = FUND_ORDER.filter((f) => figure.key === f || figure.key.startsWith(`${f}_`)).sort(
    (a, b) => b.length - a.length,
  )[0];
  return prefix ?? 'fund_other';
}

/** A published funding figure and the channel it belongs to. */
export interface PublishedFunding {
  field: string;
  label: { zh: string; en: string };
  figure: PublishedFigure;
}

/** A computed funding line. */
export interface ComputedFunding {
  field: string;
  label: { zh: string; en: string };
  /** Government money (derived totals: fund_fiscal true, fund_nonfiscal / fund_total null). */
  fiscal: boolean | null;
  sum: Sum;
}

/**
 * Where computed numbers come from: `illustrative` when every community is illustrative, `mixed`
 * when some are, `ledger` when none is.
 */
export type ComputedBasis = 'illustrative' | 'mixed' | 'ledger';

/** One programme's card. */
export interface ProgrammeCard {
  id: string;
  name: { zh: string; en: string };
  period: ProgrammePeriod | null;
  /**
   * Sources of the published figures (the programme's own first), each as the document the
   * programmes file describes, or only its ref when it describes none: cite with `formatCitation`.
   */
  sources: SourceDocument[];
  published: {
    communities: PublishedFigure[];
    households: PublishedFigure[];
    residents: PublishedFigure[];
    funding: PublishedFunding[];
  };
  /** Null until the communities are loaded, or when the data has none in this programme. */
  computed: {
    basis: ComputedBasis;
    communities: number;
    synthetic: number;
    households: Sum;
    residents: Sum;
    /** Channels with money, in channel order, then fiscal, non-fiscal and total. */
    funding: ComputedFunding[];
  } | null;
}

/** What the cards read of a manifest programme. */
export interface CardProgramme {
  id: string;
  name: { zh: string; en: string };
  sources: readonly string[];
  /** The documents behind `sources` (title, byline, date); absent or partial in a city's own file. */
  documents?: readonly SourceDocument[];
  period: ProgrammePeriod | null;
  figures: readonly PublishedFigure[];
}

const sumOf = (m: PublishedFigure['metric'], field: string) => m?.op === 'sum' && m.field === field;

/**
 * Published headline figures: counts of communities or projects (the programme-wide ones when
 * there are any, otherwise the scoped ones), sums of households and residents, and funding.
 */
function publishedHeadlines(figures: readonly PublishedFigure[]): ProgrammeCard['published'] {
  const counts = figures.filter((f) => f.metric?.op === 'count');
  const whole = counts.filter((f) => f.metric?.op === 'count' && !f.metric.where);
  const funding = figures
    .map((figure) => ({ figure, field: figureFundField(figure) }))
    .filter((x): x is { figure: PublishedFigure; field: string } => x.field !== null)
    .sort((a, b) => FUND_ORDER.indexOf(a.field) - FUND_ORDER.indexOf(b.field))
    .map(({ figure, field }) => ({ field, label: fundLabel(field), figure }));
  return {
    communities: whole.length ? whole : counts,
    households: figures.filter((f) => sumOf(f.metric, 'households')),
    residents: figures.filter((f) => sumOf(f.metric, 'residents')),
    funding,
  };
}

function computedFunding(totals: ProgrammeTotals): ComputedFunding[] {
  const lines: ComputedFunding[] = [];
  const fiscal: Sum = { value: 0, known: 0 };
  const nonfiscal: Sum = { value: 0, known: 0 };
  for (const channel of FUNDING_CHANNELS) {
    const sum = totals.funds[channel.field];
    if (!sum || sum.known === 0) continue;
    const isFiscal = isFiscalChannel(channel.field) === true;
    lines.push({ field: channel.field, label: fundLabel(channel.field), fiscal: isFiscal, sum });
    (isFiscal ? fiscal : nonfiscal).value += sum.value;
  }
  if (!lines.length) return lines;
  fiscal.known = totals.fundsKnown.fiscal;
  nonfiscal.known = totals.fundsKnown.nonfiscal;
  const total: Sum = { value: fiscal.value + nonfiscal.value, known: totals.fundsKnown.any };
  lines.push({ field: 'fund_fiscal', label: fundLabel('fund_fiscal'), fiscal: true, sum: fiscal });
  lines.push({ field: 'fund_nonfiscal', label: fundLabel('fund_nonfiscal'), fiscal: false, sum: nonfiscal });
  lines.push({ field: 'fund_total', label: fundLabel('fund_total'), fiscal: null, sum: total });
  return lines;
}

/** The cards for `programmes`, with computed figures from `totals` when given. */
export function programmeCards(
  programmes: readonly CardProgramme[],
  totals: ReadonlyMap<string, ProgrammeTotals> | null,
): ProgrammeCard[] {
  return programmes.map((p) => {
    const t = totals?.get(p.id);
    const figureSources = p.figures.map((f) => f.source).filter(Boolean);
    return {
      id: p.id,
      name: p.name,
      period: p.period,
      sources: [...new Set([...p.sources, ...figureSources])].map(
        (ref) => documentFor(ref, p.documents ?? []) ?? { ref },
      ),
      published: publishedHeadlines(p.figures),
      computed:
        t && t.communities > 0
          ? {
              basis: t.synthetic === t.communities ? 'illustrative' : t.synthetic > 0 ? 'mixed' : 'ledger',
              communities: t.communities,
              synthetic: t.synthetic,
              households: t.households,
              residents: t.residents,
              funding: computedFunding(t),
            }
          : null,
    };
  });
}

/**
 * A card's sources in `lang`: the readable citations (what every card shows) and the refs, the
 * seed file names, which the about panel adds so a reader of the data can find the file.
 */
export function cardSourceText(
  sources: readonly SourceDocument[],
  lang: Lang,
): { citations: string; refs: string } {
  const zh = lang === 'zh';
  return {
    // Citations have commas of their own: semicolons keep two apart.
    citations: sources.map((d) => formatCitation(d, lang)).join(zh ? '；' : '; '),
    refs: sources.map((d) => d.ref).join(zh ? '、' : ', '),
  };
}

const QUALIFIER_WORDS: Record<Lang, Record<NonNullable<PublishedFigure['qualifier']>, string>> = {
  zh: { about: '约', nearly: '近', more_than: '超过', expected: '预计' },
  en: { about: 'about ', nearly: 'nearly ', more_than: 'more than ', expected: 'expected ' },
};

const MONEY_UNITS = new Set(['元', '万元', '亿元']);
const AREA_UNITS = new Set(['平方米', '万平方米']);
const LENGTH_UNITS = new Set(['米', '千米', '公里']);

/**
 * A published figure as text. Chinese keeps the number and unit exactly as published
 * (`约348万人`, `预计2.03亿元`); English states the canonical value in its own units
 * (`about 3.48M`, `expected ¥203M`), since 万 means nothing to most English readers.
 */
export function publishedValueText(figure: PublishedFigure, lang: Lang): string {
  const q = figure.qualifier ? QUALIFIER_WORDS[lang][figure.qualifier] : '';
  if (lang === 'zh') return `${q}${formatPlain(figure.value, 'zh', 4)}${figure.unit}`;
  const v = figure.value_canonical;
  const unit = figure.unit;
  const body = MONEY_UNITS.has(unit)
    ? formatYuan(v, 'en')
    : AREA_UNITS.has(unit)
      ? `${formatNumber(v, 'en')} m²`
      : LENGTH_UNITS.has(unit)
        ? formatMetres(v, 'en')
        : unit === '%'
          ? formatPercent(v, 'en')
          : formatNumber(v, 'en');
  return `${q}${body}`;
}

/** `2021–2023`, or the single year when start and end agree. */
export function periodText(period: ProgrammePeriod | null): string {
  if (!period) return '';
  return period.start === period.end ? period.start : `${period.start}–${period.end}`;
}
