import { h3AggregateFile } from '../../../src/contracts/h3-cells';
import { aggregateH3, DEFAULT_H3_RESOLUTIONS, type H3Layer } from '../../../src/domain/h3-aggregates';
import type { CommunityRecord } from '../../../src/domain/schema';
import type { OutputWriter } from './output-writer';
import type { Lap } from './step-timer';

/** The aggregate layers and the file each resolution was written to. */
export interface AggregatesWritten {
  layers: H3Layer[];
  files: Record<string, string>;
}

/** Writes the funding-density aggregates, one file per H3 resolution, so the browser never aggregates raw rows. */
export async function writeAggregates(
  records: readonly CommunityRecord[],
  out: OutputWriter,
  lap: Lap,
): Promise<AggregatesWritten> {
  const t = performance.now();
  // The records as they are (an H3Community is a subset of a record): a copy of each cost
  // 220,000 objects at national scale, two million at ten times it.
  const layers = aggregateH3(records, DEFAULT_H3_RESOLUTIONS);
  const files: Record<string, string> = {};
  for (const layer of layers) {
    const name = h3AggregateFile(layer.resolution);
    await out.write(name, JSON.stringify(layer));
    files[layer.resolution] = name;
  }
  lap('aggregates', t);
  return { layers, files };
}
