import type { WalkNetworkRef, WalkNetworkSummary } from '../../../src/contracts/manifest';
import { WALK_NETWORK_FILE, encodeWalkNetwork } from '../../../src/contracts/walk-network-file';
import { ACCESS_LIMIT_M, type WalkGraph } from '../../../src/domain/walk-network/types';
import type { NetworkJoin } from './life-circles';
import type { OutputWriter } from './output-writer';
import type { RoadNetwork } from './read-roads';
import type { Lap } from './step-timer';

/**
 * Writes walk-network.bin: the graph and where each community joins it, in record order (the
 * order of explore.json's rows), for the site's catchments. Returns the manifest's entry.
 */
export async function writeWalkNetwork(
  graph: WalkGraph,
  join: NetworkJoin,
  out: OutputWriter,
  lap: Lap,
): Promise<WalkNetworkRef> {
  const t = performance.now();
  const bytes = encodeWalkNetwork(graph, join.distances.communitySnaps);
  await out.write(WALK_NETWORK_FILE, bytes);
  lap('walk_network', t);
  return { url: WALK_NETWORK_FILE, bytes: bytes.byteLength };
}

/** The manifest's `life_circles.network`: the road file, the graph and how the join went. */
export function walkNetworkSummary(network: RoadNetwork, join: NetworkJoin): WalkNetworkSummary {
  const { stats, communitySnaps, amenitySnaps } = join.distances;
  return {
    source: network.input.file,
    sha256: network.input.sha256,
    format: network.report.format,
    crs: network.report.crs,
    nodes: stats.nodes,
    edges: stats.edges,
    communities_snapped: stats.communitiesSnapped,
    communities_straight_line: communitySnaps.edge.length - stats.communitiesSnapped,
    amenities_snapped: stats.amenitiesSnapped,
    amenities_unsnapped: amenitySnaps.edge.length - stats.amenitiesSnapped,
    // Decimetres: the join is exact to far less, and a figure people read needs no more.
    max_access_m: Math.round(Math.max(stats.maxCommunityAccess, stats.maxAmenityAccess) * 10) / 10,
    access_limit_m: ACCESS_LIMIT_M,
  };
}
