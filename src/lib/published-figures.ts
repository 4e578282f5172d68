/**
 * The site's view of a programme's published figures as the manifest carries them (the build
 * copies `data/programmes.json` and adds `computed` / `reproduced` where a metric exists), and of
 * the documents they come from. Only what the headline cards and source lines read is kept; a
 * figure without a usable number is dropped rather than shown as a blank "published" value.
 */
import { SOURCE_DOCUMENT_FIELDS, type SourceDocument } from '../domain/citation';
import { FIGURE_QUALIFIERS, type FigureQualifier, type Metric } from '../domain/programmes';

/** One published number with its quote and source. */
export interface PublishedFigure {
  key: string;
  label: { zh: string; en: string };
  /** The number in the published unit (91 for 91万户). */
  value: number;
  /** The unit as published (户, 万户, 个, 万元, 亿元 …). */
  unit: string;
  /** Yuan for money, m² for areas, a fraction for percentages, otherwise the count. */
  value_canonical: number;
  qualifier: FigureQualifier | null;
  /** The exact fragment of the source the number comes from. */
  quote: string;
  /** Seed file or document name: the `ref` of one of the programme's documents. */
  source: string;
  /** Set when the figure covers less than the whole programme. */
  scope: string | null;
  /** How the build recomputes it from communities; null for context a ledger cannot reproduce. */
  metric: Metric | null;
}

/** A programme's period as published (`2021`–`2023`). */
export interface ProgrammePeriod {
  start: string;
  end: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function metric(value: unknown): Metric | null {
  if (!isObject(value)) return null;
  const where =
    isObject(value.where) && typeof value.where.field === 'string' && typeof value.where.prefix === 'string'
      ? { where: { field: value.where.field, prefix: value.where.prefix } }
      : {};
  if (value.op === 'count') return { op: 'count', ...where };
  if (value.op === 'sum' && typeof value.field === 'string')
    return { op: 'sum', field: value.field, ...where };
  if (value.op === 'count_item' && typeof value.item === 'string')
    return { op: 'count_item', item: value.item, ...where };
  return null;
}

function figure(value: unknown): PublishedFigure | null {
  if (!isObject(value)) return null;
  const key = text(value.key);
  if (!key || !finite(value.value) || !finite(value.value_canonical)) return null;
  const zh = text(value.label_zh) || key;
  const qualifier = (FIGURE_QUALIFIERS as readonly unknown[]).includes(value.qualifier)
    ? (value.qualifier as FigureQualifier)
    : null;
  return {
    key,
    label: { zh, en: text(value.label_en) || zh },
    value: value.value,
    unit: text(value.unit),
    value_canonical: value.value_canonical,
    qualifier,
    quote: text(value.quote),
    source: text(value.source),
    scope: text(value.scope) || null,
    metric: metric(value.metric),
  };
}

/** The usable published figures of a manifest programme record (`figures`). */
export function parsePublishedFigures(value: unknown): PublishedFigure[] {
  if (!Array.isArray(value)) return [];
  return value.map(figure).filter((f): f is PublishedFigure => f !== null);
}

/** A programme record's `period`, or null when it has none. */
export function parsePeriod(value: unknown): ProgrammePeriod | null {
  if (!isObject(value)) return null;
  const start = text(value.start);
  const end = text(value.end);
  return start || end ? { start: start || end, end: end || start } : null;
}

/**
 * A manifest programme's `documents` (src/domain/citation.ts). The build checked them; here a
 * document without a ref is dropped and a field that is not text is left out, so a hand-edited
 * manifest costs a readable title, never the page.
 */
export function parseSourceDocuments(value: unknown): SourceDocument[] {
  if (!Array.isArray(value)) return [];
  const out: SourceDocument[] = [];
  for (const d of value) {
    if (!isObject(d) || !text(d.ref)) continue;
    const doc: SourceDocument = { ref: text(d.ref) };
    for (const key of SOURCE_DOCUMENT_FIELDS) if (key !== 'ref' && text(d[key])) doc[key] = text(d[key]);
    out.push(doc);
  }
  return out;
}
