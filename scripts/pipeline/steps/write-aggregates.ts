import { h3AggregateFile } from '../../../src/contracts/h3-cells';
import { DEFAULT_H3_RESOLUTIONS, sumH3Grids, type H3Grid } from '../../../src/domain/h3-aggregates';
import type { CommunityRecord } from '../../../src/domain/schema';
import type { OutputWriter } from './output-writer';
import type { Lap } from './step-timer';

/** The aggregate grids and the file each resolution was written to. */
export interface AggregatesWritten {
  grids: H3Grid[];
  files: Record<string, string>;
}

/** Cells per written piece: a few hundred KB of JSON. */
const CELLS_PER_PIECE = 1000;

/**
 * One layer's file, `JSON.stringify` of `{ resolution, cells }` byte for byte, made a thousand
 * cells at a time: the cells' summaries were ~300 MB of objects at national scale when held.
 */
export function* layerJsonPieces(grid: H3Grid): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = `{"resolution":${JSON.stringify(grid.resolution)},"cells":[`;
  for (let k = 0; k < grid.cells.length; k++) {
    text += (k ? ',' : '') + JSON.stringify(grid.summary(k));
    if ((k + 1) % CELLS_PER_PIECE === 0) {
      yield encoder.encode(text);
      text = '';
    }
  }
  yield encoder.encode(`${text}]}`);
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
  const grids = sumH3Grids(records, DEFAULT_H3_RESOLUTIONS);
  const files: Record<string, string> = {};
  for (const grid of grids) {
    const name = h3AggregateFile(grid.resolution);
    await out.writePieces(name, layerJsonPieces(grid));
    files[grid.resolution] = name;
  }
  lap('aggregates', t);
  return { grids, files };
}
