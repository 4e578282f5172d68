/**
 * Worker: collation ranks of the community names. Sorting 220,000 names by pinyin takes over a
 * second, which would freeze the page if done on the main thread.
 */
import type { Lang } from '../i18n/messages';
import { collationRanks } from './collation';

/** What the worker is sent. */
export interface NameRankRequest {
  names: readonly string[];
  lang: Lang;
}

self.onmessage = (event: MessageEvent<NameRankRequest>) => {
  const ranks = collationRanks(event.data.names, event.data.lang);
  self.postMessage(ranks, { transfer: [ranks.buffer] });
};
