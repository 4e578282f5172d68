/** How a `YYYY-MM` month is written for people: zh `2023年6月`, en `Jun 2023`. */
import type { Month } from '../domain/months';
import type { Lang } from '../i18n/messages';

/** A month in the interface language. */
export function formatMonth(month: Month, lang: Lang): string {
  const [y, m] = month.split('-');
  if (lang === 'zh') return `${y}年${Number(m)}月`;
  const name = new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(y), Number(m) - 1, 1)),
  );
  return `${name} ${y}`;
}
