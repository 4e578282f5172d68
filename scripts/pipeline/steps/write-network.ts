import type { BuildReport } from '../../../src/contracts/report';
import type { VariantCrs } from '../display-crs';
import { MAX_SEARCH_METRES, type NetworkJoin } from './life-circles';
import { networkWarnings, type JoinedTable } from './network-warnings';
import type { OutputWriter } from './output-writer';
import type { AmenitiesRead } from './read-amenities';
import type { CommunitiesRead } from './read-communities';
import type { RoadNetwork } from './read-roads';
import type { Lap } from './step-timer';
import type { ManifestParts } from './write-manifest';
import { writeStreets } from './write-streets';
import { walkNetworkSummary, writeWalkNetwork } from './write-walk-network';

/** What the network outputs add to the manifest and the report. */
export interface NetworkWritten {
  manifest: NonNullable<ManifestParts['network']>;
  /** Communities and amenities too far from any road, for report.json. */
  warnings: BuildReport['warnings'];
}

/**
 * Writes what a road network adds to the folder, streets.pmtiles (and its display-CRS copies)
 * and walk-network.bin, and lists the communities and amenities that did not join it.
 */
export async function writeNetwork(
  roads: RoadNetwork,
  join: NetworkJoin,
  communities: CommunitiesRead,
  amenityTable: AmenitiesRead | undefined,
  opts: { center: [number, number, number]; displayCrs: readonly VariantCrs[] },
  out: OutputWriter,
  lap: Lap,
): Promise<NetworkWritten> {
  const amenities = amenityTable?.records ?? [];
  const types = join.distances.table.types;
  const streetOpts = { ...opts, maxSearchMetres: MAX_SEARCH_METRES };
  const streets = await writeStreets(roads, join, amenities, types, streetOpts, out, lap);
  const file = await writeWalkNetwork(roads.graph, join, out, lap);
  const tables: JoinedTable[] = [
    {
      table: 'communities',
      file: communities.table.file,
      column: communities.coordinateColumn,
      points: communities.records,
      snaps: join.distances.communitySnaps,
      nearestRoad: join.offNetwork.communities,
      reason: amenityTable
        ? 'its life circles keep straight-line distances (distance_method straight_line)'
        : 'not joined to the walking network: no catchment',
    },
  ];
  if (amenityTable)
    tables.push({
      table: 'amenities',
      file: amenityTable.table.file,
      column: amenityTable.coordinateColumn,
      points: amenities,
      snaps: join.distances.amenitySnaps,
      nearestRoad: join.offNetwork.amenities,
      reason: 'not a network source, so no walking distance leads to it',
    });
  return {
    manifest: { summary: walkNetworkSummary(roads, join), streets, file },
    warnings: networkWarnings(tables),
  };
}
