/**
 * Number and value formatting for people. Chinese groups large numbers by 万 (10⁴) and 亿 (10⁸),
 * which is how ledgers and news reports state them; English uses K/M/B. Pure functions of the
 * value and the language, so they are unit-tested without a browser.
 */
import type { Lang } from '../i18n/messages';

const WAN = 1e4;
const YI = 1e8;

/** Fraction digits that keep about three significant figures for a value in [1, 10⁴). */
function fractionDigitsFor(scaled: number): number {
  const a = Math.abs(scaled);
  return a < 10 ? 2 : a < 100 ? 1 : 0;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Number formats by language and fraction digits, made once: building an `Intl.NumberFormat`
 * costs far more than formatting with it, and the filter panel formats thousands of counts.
 */
const plainFormats = new Map<string, Intl.NumberFormat>();

/** A plain number with grouping and at most `maxFraction` decimals, in the language's style. */
export function formatPlain(n: number, lang: Lang, maxFraction = 2): string {
  const key = `${lang}:${maxFraction}`;
  let format = plainFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: maxFraction });
    plainFormats.set(key, format);
  }
  return format.format(n);
}

/** English compact numbers (12.3K, 1.5M), made on first use. */
let compactEn: Intl.NumberFormat | null = null;

/**
 * A count or amount, compact. zh: 9,999 · 1.23万 · 12.3万 · 1235万 · 1.5亿; en: 9,999 · 12.3K · 1.5M.
 * Numbers below 10,000 are written in full in both languages.
 */
export function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a < WAN) return formatPlain(n, lang);
  if (lang === 'en') {
    compactEn ??= new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
    return compactEn.format(n);
  }
  const [unit, size] = a >= YI ? ['亿', YI] : ['万', WAN];
  const scaled = n / size;
  // 亿 numbers past 10⁴亿 (万亿) stay in 亿: grouping keeps them readable.
  return `${trimZeros(formatPlain(scaled, 'zh', fractionDigitsFor(scaled)))}${unit}`;
}

/** An amount of yuan: zh `1.2亿元`, en `¥120M`. */
export function formatYuan(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return '—';
  return lang === 'zh' ? `${formatNumber(n, 'zh')}元` : `¥${formatNumber(n, 'en')}`;
}

/** A rate in [0, 1] as a percentage: 0.853 → `85.3%`. */
export function formatPercent(rate: number, lang: Lang): string {
  if (!Number.isFinite(rate)) return '—';
  return `${formatPlain(rate * 100, lang, 1)}%`;
}

/** A distance in metres: `850 米` / `850 m`, and kilometres from 1,000 m. */
export function formatMetres(m: number, lang: Lang): string {
  if (!Number.isFinite(m)) return '—';
  if (Math.abs(m) >= 1000)
    return lang === 'zh' ? `${formatPlain(m / 1000, lang, 1)} 公里` : `${formatPlain(m / 1000, lang, 1)} km`;
  return lang === 'zh' ? `${formatPlain(m, lang, 0)} 米` : `${formatPlain(m, lang, 0)} m`;
}
