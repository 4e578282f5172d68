import { buildExploreIndex } from '../../../src/contracts/explore-encode';
import { EXPLORE_FILE } from '../../../src/contracts/explore-format';
import type { CommunityLifeCircle } from '../../../src/domain/community-properties';
import type { H3Layer } from '../../../src/domain/h3-aggregates';
import type { CommunityRecord } from '../../../src/domain/schema';
import type { CircleOf } from './life-circles';
import type { OutputWriter } from './output-writer';
import type { Lap } from './step-timer';

/**
 * Writes the explore index: every community in compact columns, for the site's filters and
 * charts. `circleOf` is undefined when the build had no amenities, so the index claims none.
 */
export async function writeExplore(
  records: readonly CommunityRecord[],
  circleOf: CircleOf | undefined,
  aggregates: readonly H3Layer[],
  out: OutputWriter,
  lap: Lap,
): Promise<void> {
  const t = performance.now();
  await out.write(EXPLORE_FILE, JSON.stringify(buildExploreIndex(records, rowsOf(circleOf), aggregates)));
  lap('explore_index', t);
}

/**
 * The encoder still takes an array but only reads `lifeCircles[i]`: this view computes row i when
 * read, so the 220,000 results are never all held. Goes once the encoder takes `circleOf` itself.
 */
function rowsOf(circleOf: CircleOf | undefined): CommunityLifeCircle[] | undefined {
  if (!circleOf) return undefined;
  return new Proxy([] as CommunityLifeCircle[], {
    get: (target, key) =>
      typeof key === 'string' && /^\d+$/.test(key) ? circleOf(Number(key)) : Reflect.get(target, key),
  });
}
