import { buildExploreIndex } from '../../../src/contracts/explore-encode';
import { EXPLORE_FILE } from '../../../src/contracts/explore-format';
import type { H3Layer } from '../../../src/domain/h3-aggregates';
import type { CommunityRecord } from '../../../src/domain/schema';
import type { LifeCircles } from './life-circles';
import type { OutputWriter } from './output-writer';
import type { Lap } from './step-timer';

/**
 * Writes the explore index: every community in compact columns, for the site's filters and
 * charts. `lifeCircles` is undefined when the build had no amenities, so the index claims none.
 */
export async function writeExplore(
  records: readonly CommunityRecord[],
  lifeCircles: LifeCircles | undefined,
  aggregates: readonly H3Layer[],
  out: OutputWriter,
  lap: Lap,
): Promise<void> {
  const t = performance.now();
  await out.write(EXPLORE_FILE, JSON.stringify(buildExploreIndex(records, lifeCircles, aggregates)));
  lap('explore_index', t);
}
