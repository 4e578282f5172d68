/**
 * Turns a community feature's properties into the label/value rows of the side panel, in the
 * order of the field dictionary. Pure: returns strings that the panel renders as text (never
 * as HTML), so a ledger cell cannot inject markup.
 */
import type { OutputField } from '../domain/output-fields';
import { AMENITY_BY_TYPE, ITEM_BY_KEY, STAGE_LABELS, STAGES, type Stage } from '../domain/vocabulary';
import type { Lang } from '../i18n/messages';
import { formatFieldValue, type BooleanWords } from '../lib/format-field';

/** One row of the attribute list. */
export interface AttributeRow {
  /** Property name, e.g. `households`. */
  name: string;
  label: string;
  value: string;
}

/**
 * Properties the panel shows elsewhere (title, badges, source line) or that mean nothing to a
 * reader (tile bookkeeping).
 */
export const PANEL_OWN_PROPERTIES: ReadonlySet<string> = new Set([
  'name',
  'is_synthetic',
  'location_precision',
  'source',
  'density',
]);

const isStage = (v: unknown): v is Stage =>
  typeof v === 'string' && (STAGES as readonly string[]).includes(v);

/** Splits a comma-joined key list (`items`, `missing_types`) and labels each key it knows. */
function labelList(value: string, label: (key: string) => string | undefined, lang: Lang): string {
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return keys.map((k) => label(k) ?? k).join(lang === 'zh' ? '、' : ', ');
}

/** The value of one property as display text. */
export function propertyText(
  name: string,
  value: unknown,
  field: OutputField | undefined,
  lang: Lang,
  words: BooleanWords,
): string {
  if (name === 'stage' && isStage(value)) return STAGE_LABELS[value][lang];
  if (name === 'items' && typeof value === 'string')
    return labelList(value, (k) => ITEM_BY_KEY.get(k)?.[lang], lang);
  if (name === 'missing_types' && typeof value === 'string') {
    return labelList(value, (k) => AMENITY_BY_TYPE.get(k)?.[lang], lang);
  }
  return formatFieldValue(field, value, lang, words);
}

/**
 * Rows for every property present, in dictionary order, then any property the dictionary does
 * not know (labelled by its name, so nothing in the data is hidden).
 */
export function attributeRows(
  properties: Readonly<Record<string, unknown>>,
  fields: readonly OutputField[],
  lang: Lang,
  words: BooleanWords,
): AttributeRow[] {
  const rows: AttributeRow[] = [];
  const seen = new Set<string>();
  const add = (name: string, field: OutputField | undefined) => {
    seen.add(name);
    if (PANEL_OWN_PROPERTIES.has(name)) return;
    const value = properties[name];
    if (value === undefined || value === null || value === '') return;
    rows.push({
      name,
      label: field ? field[lang] : name,
      value: propertyText(name, value, field, lang, words),
    });
  };
  for (const field of fields) if (field.name in properties) add(field.name, field);
  for (const name of Object.keys(properties).sort()) if (!seen.has(name)) add(name, undefined);
  return rows;
}

/** True when the feature is flagged illustrative (tiles carry a boolean; be lenient with 1/"true"). */
export function isSynthetic(properties: Readonly<Record<string, unknown>>): boolean {
  const v = properties.is_synthetic;
  return v === true || v === 1 || v === 'true';
}

/** The location precision when it is not exact (`street`, `district`), else null. */
export function approximatePrecision(properties: Readonly<Record<string, unknown>>): string | null {
  const v = properties.location_precision;
  return typeof v === 'string' && v !== 'exact' ? v : null;
}
