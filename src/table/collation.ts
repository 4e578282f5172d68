/**
 * Collation ranks: the position of each string in the language's sort order (pinyin for Chinese),
 * so a column of text sorts as numbers afterwards. Its own module because the name-sorting
 * worker imports it and nothing else.
 */
import type { Lang } from '../i18n/messages';

/** Rank of each string in the language's collation order; equal strings share a rank; null is NaN. */
export function collationRanks(values: readonly (string | null)[], lang: Lang): Float64Array {
  const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { numeric: true });
  const order = values
    .map((v, i) => [v, i] as const)
    .filter((e): e is readonly [string, number] => e[0] !== null)
    .sort((a, b) => collator.compare(a[0], b[0]) || a[1] - b[1]);
  const ranks = new Float64Array(values.length).fill(NaN);
  let rank = -1;
  let previous: string | null = null;
  for (const [v, i] of order) {
    if (v !== previous) rank++;
    ranks[i] = rank;
    previous = v;
  }
  return ranks;
}
