/**
 * Collation ranks of the names, computed off the main thread in a worker (./name-rank.worker.ts)
 * and on the main thread only where workers are unavailable or fail.
 */
import type { Lang } from '../i18n/messages';
import { collationRanks } from './collation';
import type { NameRankRequest } from './name-rank.worker';

/** Ranks of `names` in the language's collation order. */
export function nameRanks(names: readonly string[], lang: Lang): Promise<Float64Array> {
  if (typeof Worker === 'undefined') return Promise.resolve(collationRanks(names, lang));
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./name-rank.worker.ts', import.meta.url), { type: 'module' });
    const done = (ranks: Float64Array) => {
      worker.terminate();
      resolve(ranks);
    };
    worker.onmessage = (event: MessageEvent<Float64Array>) => done(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      done(collationRanks(names, lang));
    };
    const request: NameRankRequest = { names, lang };
    worker.postMessage(request);
  });
}
