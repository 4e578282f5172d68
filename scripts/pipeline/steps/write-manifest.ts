import { MANIFEST_FILE } from '../../../src/contracts/data-files';
import { EXPLORE_PART_FILES } from '../../../src/contracts/explore-binary';
import {
  MANIFEST_FORMAT_VERSION,
  type ManifestFile,
  type ManifestInput,
  type ManifestProgramme,
  type WalkNetworkRef,
  type WalkNetworkSummary,
} from '../../../src/contracts/manifest';
import type { BuildReport } from '../../../src/contracts/report';
import { DEFAULT_H3_RESOLUTIONS } from '../../../src/domain/h3-aggregates';
import { monthSpan } from '../../../src/domain/months';
import { PUBLISHED_OUTPUT_FIELDS } from '../../../src/domain/output-fields';
import type { AmenityRecord, CommunityRecord } from '../../../src/domain/schema';
import { AMENITY_TYPES, LIFE_CIRCLES } from '../../../src/domain/vocabulary';
import { buildIdOf, sortedEntries } from '../output/output-files';
import { MAX_SEARCH_METRES } from './life-circles';
import type { OutputWriter } from './output-writer';
import type { AggregatesWritten } from './write-aggregates';
import type { StreetsWritten } from './write-streets';
import { MAX_ZOOM, type TilesWritten } from './write-tiles';

/** Everything the manifest describes, from the steps that made it. */
export interface ManifestParts {
  buildTime: Date;
  /** Every input file in the order read; the absent ones undefined. */
  inputs: (ManifestInput | undefined)[];
  records: readonly CommunityRecord[];
  amenities: readonly AmenityRecord[];
  /** Whether life circles were computed (an amenities file was given, even an empty one). */
  lifeCirclesComputed: boolean;
  tiles: TilesWritten;
  /** Only the files: the layers are not kept this long. */
  aggregates: Pick<AggregatesWritten, 'files'>;
  programmes: ManifestProgramme[];
  report: BuildReport;
  /** With a road network: its summary, the street layer and the catchment file. */
  network?: { summary: WalkNetworkSummary; streets: StreetsWritten; file: WalkNetworkRef } | undefined;
}

/**
 * Writes manifest.json, last: it lists every other file with its hash. `finishTimings` is
 * called just before, so the timings cover all the work the manifest describes.
 */
export async function writeManifest(
  parts: ManifestParts,
  out: OutputWriter,
  finishTimings: () => Record<string, number>,
): Promise<ManifestFile> {
  const { records, amenities, tiles, programmes, network } = parts;
  const buildTime = parts.buildTime.toISOString();
  // Every data file is written: with hashed names on, they get them now, before the list.
  await out.nameByContent();
  const files = sortedEntries(out.entries);
  const manifest: ManifestFile = {
    format_version: MANIFEST_FORMAT_VERSION,
    build_time: buildTime,
    // Tells two builds apart at a glance (derived from the time and the files: see buildIdOf).
    build_id: buildIdOf(buildTime, files),
    generator: 'renovation-atlas scripts/build-data.ts',
    inputs: parts.inputs.filter((i) => i !== undefined),
    counts: {
      communities: records.length,
      communities_synthetic: records.filter((r) => r.is_synthetic).length,
      communities_approximate_position: records.filter((r) => r.location_precision !== 'exact').length,
      amenities: amenities.length,
      amenities_synthetic: amenities.filter((a) => a.is_synthetic).length,
      boundaries: tiles.boundaryCount,
      footprints: tiles.footprintCount,
      rows_rejected: parts.report.rows_rejected,
    },
    // The CRS of bbox, center, `layers` and every GeoJSON; `display_layers` are the tile sets
    // the build wrote in other CRSs (--display-crs), each entry saying its own.
    crs: 'WGS84',
    bbox: tiles.bbox,
    center: tiles.center,
    layers: {
      communities: {
        url: 'communities.pmtiles',
        layer: 'communities',
        minzoom: 0,
        maxzoom: MAX_ZOOM,
        stats: tiles.communityStats,
      },
      ...(tiles.footprintCount
        ? { footprints: { url: 'communities.pmtiles', layer: 'footprints', minzoom: 12, maxzoom: MAX_ZOOM } }
        : {}),
      ...(amenities.length
        ? { amenities: { url: 'amenities.pmtiles', layer: 'amenities', minzoom: 8, maxzoom: MAX_ZOOM } }
        : {}),
      ...(tiles.boundaryCount
        ? {
            boundaries: {
              url: 'boundaries.pmtiles',
              layer: 'boundaries',
              minzoom: 0,
              maxzoom: MAX_ZOOM,
              levels: tiles.levels,
            },
          }
        : {}),
      ...(network?.streets.layer ? { streets: network.streets.layer } : {}),
    },
    ...(Object.keys(tiles.displayLayers).length
      ? { display_layers: withStreets(tiles.displayLayers, network?.streets) }
      : {}),
    aggregates: { kind: 'h3', resolutions: DEFAULT_H3_RESOLUTIONS, files: parts.aggregates.files },
    explore: { parts: { ...EXPLORE_PART_FILES }, count: records.length },
    ...(network ? { walk_network: network.file } : {}),
    // Months the status map's time slider spans (null when no community has a date).
    timeline: monthSpan(records.flatMap((r) => [r.start_date, r.completion_date])),
    life_circles: {
      method: network ? 'network' : 'straight-line',
      standard: 'GB 50180-2018',
      computed: parts.lifeCirclesComputed,
      ...(network ? { network: network.summary } : {}),
      max_search_m: MAX_SEARCH_METRES,
      circles: LIFE_CIRCLES.map((c) => ({
        ...c,
        types: AMENITY_TYPES.filter((a) => a.circle === c.key).map((a) => a.type),
      })),
    },
    // distance_method exists only where a network was given; a build without one lists the
    // fields it always did.
    fields: network
      ? PUBLISHED_OUTPUT_FIELDS
      : PUBLISHED_OUTPUT_FIELDS.filter((f) => f.name !== 'distance_method'),
    synthetic: {
      flag_field: 'is_synthetic',
      precision_field: 'location_precision',
      note: 'Rows flagged is_synthetic are illustrative, generated so that programme totals match the published figures; positions that are not "exact" are approximate.',
    },
    programmes,
    attribution: [
      'Renovation data: the ledgers listed under inputs',
      ...new Set(programmes.flatMap((p) => p.figures.map((f) => `Published figures: ${f.source}`))),
    ],
    // Every other file of the folder with its size and SHA-256, so the site can refuse a folder
    // that mixes two builds (src/lib/data-integrity.ts) and the build can check its own output.
    files,
  };
  // Step timings help whoever runs a city's build find the slow step; golden tests ignore them.
  manifest.build_timings_ms = finishTimings();
  await out.write(MANIFEST_FILE, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The display-CRS tile sets with each CRS's street layer added after the others. */
function withStreets(
  layers: TilesWritten['displayLayers'],
  streets: StreetsWritten | undefined,
): TilesWritten['displayLayers'] {
  if (!streets) return layers;
  const out: TilesWritten['displayLayers'] = {};
  for (const [crs, set] of Object.entries(layers)) {
    const ref = streets.displayLayers[crs as keyof StreetsWritten['displayLayers']];
    out[crs] = ref ? { ...set, streets: ref } : set;
  }
  return out;
}
