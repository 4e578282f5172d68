import { EXPLORE_PART_FILES, EXPLORE_PARTS } from '../../../src/contracts/explore-binary';
import { encodeExploreParts } from '../../../src/contracts/explore-binary-write';
import { buildExploreIndex } from '../../../src/contracts/explore-encode';
import type { H3Grid } from '../../../src/domain/h3-aggregates';
import type { CommunityRecord } from '../../../src/domain/schema';
import type { CircleOf } from './life-circles';
import type { OutputWriter } from './output-writer';
import type { Lap } from './step-timer';

/**
 * Writes the explore index: every community in compact binary columns, in parts
 * (src/contracts/explore-binary.ts), for the site's filters, charts, search and table.
 * `circleOf(i)` is row i's life-circle result; undefined when the build had no amenities, so the
 * index claims none.
 */
export async function writeExplore(
  records: readonly CommunityRecord[],
  circleOf: CircleOf | undefined,
  aggregates: readonly H3Grid[],
  out: OutputWriter,
  lap: Lap,
): Promise<void> {
  const t = performance.now();
  const parts = encodeExploreParts(buildExploreIndex(records, circleOf, aggregates));
  for (const part of EXPLORE_PARTS) await out.write(EXPLORE_PART_FILES[part], parts[part]);
  lap('explore_index', t);
}
