/**
 * A community's property value as text, by its field's type and unit in the field dictionary:
 * what the community panel and the table show. Apart from format.ts, whose number formats the
 * first screen uses: only those views need this.
 */
import type { OutputField } from '../domain/output-fields';
import type { Lang } from '../i18n/messages';
import { formatMetres, formatNumber, formatPercent, formatYuan } from './format';

/** Words for true and false, passed in so this module stays free of the message catalogue. */
export interface BooleanWords {
  yes: string;
  no: string;
}

/**
 * A property value as text, using the field's type and unit from the field dictionary. Values
 * are returned as plain strings: the caller renders them as text, never as HTML.
 */
export function formatFieldValue(
  field: OutputField | undefined,
  value: unknown,
  lang: Lang,
  words: BooleanWords,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value !== 'number') {
    if (field?.type === 'boolean' && (value === 'true' || value === 'false'))
      return value === 'true' ? words.yes : words.no;
    return String(value);
  }
  const unit = field?.unit;
  switch (unit) {
    case 'yuan':
      return formatYuan(value, lang);
    case '0-1':
      return formatPercent(value, lang);
    case 'm':
      return formatMetres(value, lang);
    case 'm²':
      return `${formatNumber(value, lang)} m²`;
    case undefined:
      break;
    default:
      return `${formatNumber(value, lang)} ${unit}`;
  }
  if (field?.type === 'boolean') return value ? words.yes : words.no;
  // Years and codes must not be grouped: 2021, not 2,021.
  if (field?.type === 'integer' && /year/.test(field.name)) return String(value);
  return formatNumber(value, lang);
}
