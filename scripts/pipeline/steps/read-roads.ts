import { basename } from 'node:path';
import type { ManifestInput } from '../../../src/contracts/manifest';
import type { RoadsReport } from '../../../src/contracts/report';
import type { Crs } from '../../../src/domain/vocabulary';
import { buildIndexedWalkGraph } from '../../../src/domain/walk-network/build-graph';
import type { WalkGraph } from '../../../src/domain/walk-network/types';
import { readRoads } from '../read/roads/read-roads';
import { edgeNamesOf, type EdgeNames } from '../streets/street-segments';
import { streamedInputEntry } from './input-entry';
import type { Lap } from './step-timer';

/** The road file as the later steps need it: the graph, its street names and what was read. */
export interface RoadNetwork {
  graph: WalkGraph;
  /** Each edge's street name, for the street layer. */
  names: EdgeNames;
  input: ManifestInput;
  /** report.json's `roads` entry. */
  report: RoadsReport;
}

/**
 * Reads the road file (`--roads`) and builds the walking graph from it. Run before the heavy
 * steps, like the other side files, so a broken road file fails in seconds. The road lines are
 * dropped once the graph and the edges' names are made: the graph is all the rest needs.
 */
export async function readRoadNetwork(
  path: string,
  opts: { crs?: Crs | undefined },
  lap: Lap,
): Promise<RoadNetwork> {
  const t = performance.now();
  // Read first: the reader's messages for a missing or unreadable file are the ones to show.
  const read = await readRoads(path, opts.crs ? { crs: opts.crs } : {});
  const input = await streamedInputEntry('roads', path);
  const { graph, edgeLine } = buildIndexedWalkGraph(read.lines);
  const names = edgeNamesOf(read.lines, edgeLine);
  const rejected = read.rejected.map((r) => ({
    feature: r.feature,
    column: r.column,
    value: r.value,
    reason: r.reason,
  }));
  const report: RoadsReport = {
    file: basename(path),
    format: String(read.format),
    crs: read.crs,
    features_read: read.featuresRead,
    features_used: read.featuresRead - read.filtered - rejected.length,
    filtered: read.filtered,
    rejected: rejected.length,
    lines: read.lines.length,
    rejected_features: rejected,
  };
  lap('roads', t);
  return { graph, names, input, report };
}
