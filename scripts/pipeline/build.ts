/**
 * The data build: ledgers in, site files out. This module is the list of steps and the staging
 * around them; each step is a module under steps/ that takes what it needs and returns what it
 * made (the output writer and the timer passed in), so no step reaches into another's state.
 */
import type { ManifestFile } from '../../src/contracts/manifest';
import type { BuildReport } from '../../src/contracts/report';
import type { Crs } from '../../src/domain/vocabulary';
import type { CommunityRecord } from '../../src/domain/schema';
import type { VariantCrs } from './display-crs';
import { verifyOutput } from './output/output-files';
import { openStagedOutput, type StagedOutput } from './output/staged-output';
import {
  computeLifeCircles,
  eachPropertyLookup,
  propertiesLookup,
  type CircleOf,
} from './steps/life-circles';
import { OutputWriter } from './steps/output-writer';
import { readAmenities } from './steps/read-amenities';
import { readCommunities } from './steps/read-communities';
import { readRoadNetwork } from './steps/read-roads';
import { readStory } from './steps/read-story';
import { readProgrammeFile, resolveProgrammes } from './steps/resolve-programmes';
import { StepTimer, type Lap } from './steps/step-timer';
import { writeAggregates, type AggregatesWritten } from './steps/write-aggregates';
import { writeExplore } from './steps/write-explore';
import { writeGeojson } from './steps/write-geojson';
import { writeManifest } from './steps/write-manifest';
import { writeReport } from './steps/write-report';
import { writeStory } from './steps/write-story';
import { readFootprintFile, tilesCenter, writeTiles } from './steps/write-tiles';
import { writeNetwork } from './steps/write-network';

/** Options of one build; the CLI maps its flags onto these. */
export interface BuildOptions {
  /**
   * Communities ledger (.xlsx or .csv), or several (one per city), each file or folder of them
   * (scripts/pipeline/read/ledger-files.ts): read as one table, counted per file in the report.
   */
  communities: string | readonly string[];
  /** Amenities table (.xlsx, .csv or .geojson); without it no life-circle results are claimed. */
  amenities?: string;
  /** District/street/community polygons (.geojson or zipped shapefile). */
  boundaries?: string;
  /** Community footprint polygons (.geojson), joined to communities by `id`. */
  footprints?: string;
  /** Programme records with published figures (.json, see src/domain/programmes.ts). */
  programmes?: string;
  /** Presentation story (.json, see scripts/pipeline/story.ts); without it an overview-only story is written. */
  story?: string;
  /**
   * Road centrelines (.geojson, zipped shapefile, .osm.pbf): life circles are then walking
   * distances along them, and the street layer and walk-network.bin are written.
   */
  roads?: string;
  /**
   * The road file's longitude/latitude system (GCJ-02 and BD-09 files need it). Default: what the
   * file declares (.prj, GeoJSON `crs`), else WGS84.
   */
  roadsCrs?: Crs;
  /** Coordinate system of rows that declare none. Default WGS84. */
  crs?: Crs;
  /** Workbook sheet to read. Default: the first sheet. */
  sheet?: string;
  /** Output folder, replaced whole when the build succeeds (scripts/pipeline/output/staged-output.ts). */
  out: string;
  /** CRSs to write a second set of tiles in, for basemaps drawn in them (scripts/pipeline/display-crs.ts). */
  displayCrs?: VariantCrs[];
  /** Called as work advances, for a progress bar. */
  onProgress?: (phase: string, done: number, total: number) => void;
  /**
   * Name every data file but manifest.json by its content (`communities.<hash>.pmtiles`), the
   * manifest's `files` saying where each is (scripts/pipeline/output/hashed-names.ts): for a
   * CDN or bucket that caches files for a year (docs/deploy-cdn.md). Default false.
   */
  hashNames?: boolean;
  /** Fixed build time, so golden-file tests are reproducible. */
  buildTime?: Date;
}

/** The report.json contract, typed in src/contracts/report.ts. */
export type { BuildReport, TableReport } from '../../src/contracts/report';

/** What a build wrote, for the CLI and the tests. */
export interface BuildResult {
  report: BuildReport;
  manifest: ManifestFile;
  outFiles: string[];
  timings: Record<string, number>;
}

/**
 * Runs the whole build. Throws InputError when a file cannot be read or lacks required columns;
 * rejected rows never throw: they land in the report.
 *
 * All or nothing: the files are written into a staging folder beside `opts.out`, checked
 * against the manifest's `files` list, and only then swapped in for the old folder. Whatever
 * fails (or interrupts) before that leaves `opts.out` as it was and removes the staging folder.
 */
export async function buildData(opts: BuildOptions): Promise<BuildResult> {
  let staged: StagedOutput | undefined;
  // Opened where the build first writes, so that a bad input is still reported before any output.
  const openOutput = async () => (staged = await openStagedOutput(opts.out)).dir;
  try {
    const result = await writeBuild(opts, openOutput);
    if (!staged) throw new Error('the build wrote nothing');
    const t = performance.now();
    // Re-read from disk, not what the build meant to write: a full disk or a bug shows here.
    await verifyOutput(staged.dir);
    await staged.commit();
    const verify = Math.round(performance.now() - t);
    // The manifest's timings end where it was written; the caller's total includes the swap.
    return {
      ...result,
      timings: { ...result.timings, verify_output: verify, total: (result.timings.total ?? 0) + verify },
    };
  } finally {
    staged?.abort();
  }
}

/** The build proper: every output file written into the folder `openOutput` makes, the manifest last. */
async function writeBuild(opts: BuildOptions, openOutput: () => Promise<string>): Promise<BuildResult> {
  const timer = new StepTimer();
  const { lap } = timer;
  const progress = opts.onProgress ?? (() => {});
  const tableOpts = { sheet: opts.sheet, crs: opts.crs ?? 'WGS84' } as const;
  // The story, footprints, programmes and roads are checked first: a typo should not cost a whole build.
  const story = await readStory(opts.story);
  const footprints = opts.footprints ? await readFootprintFile(opts.footprints) : undefined;
  const programmeFile = opts.programmes ? await readProgrammeFile(opts.programmes) : undefined;
  let roads = opts.roads ? await readRoadNetwork(opts.roads, { crs: opts.roadsCrs }, lap) : undefined;
  const roadsRead = roads && { input: roads.input, report: roads.report };

  const communities = await readCommunities(opts.communities, tableOpts, progress, lap);
  const amenityTable = opts.amenities ? await readAmenities(opts.amenities, tableOpts, lap) : undefined;
  const records = communities.records;
  const amenities = amenityTable?.records ?? [];
  const measured =
    amenityTable || roads
      ? computeLifeCircles(records, amenityTable?.records, roads?.graph, progress, lap)
      : undefined;
  // Kept as columns, each community's object made when read: see LifeCircleColumns.
  const circleOf = measured?.circles?.circleAt;
  const join = measured?.network;
  // Computed on demand by every step that needs them, never held: see propertiesLookup.
  const propertiesOf = propertiesLookup(records, circleOf);
  const eachPropertyOf = eachPropertyLookup(records, circleOf);

  const out = new OutputWriter(await openOutput(), { hashNames: opts.hashNames ?? false });
  const displayCrs = opts.displayCrs ?? [];
  // With roads: the street layer, the catchment network, and who did not join it. Written first,
  // while the rest of the build holds little: its tiles at national scale are ~200 MB in memory.
  const network =
    roads && join
      ? await writeNetwork(
          roads,
          join,
          communities,
          amenityTable,
          { center: tilesCenter(records), displayCrs },
          out,
          lap,
        )
      : undefined;
  // The graph and its street names are not needed past the network's files (~110 MB at national
  // scale): the assignment lets the collector take them while the rest of the build runs.
  // eslint-disable-next-line no-useless-assignment
  roads = undefined;
  // The story's figures are summed as the GeoJSON is written, while the properties exist anyway.
  await writeGeojson(records, amenities, propertiesOf, story.builder, out, lap);
  const sources = { footprints, boundaries: opts.boundaries, displayCrs };
  const tiles = await writeTiles(
    { records, amenities, propertiesOf, eachPropertyOf, ...sources },
    out,
    progress,
    lap,
  );
  const aggregates = await writeAggregatesAndExplore(records, circleOf, out, lap);
  const programmes = programmeFile ? resolveProgrammes(programmeFile.records, records, propertiesOf) : [];
  await writeStory(story.builder, programmes, opts.story, out);

  const tables = amenityTable ? [communities, amenityTable] : [communities];
  const warnings = [...tiles.warnings, ...(network?.warnings ?? [])];
  const report = await writeReport(tables, warnings, out, roadsRead?.report);
  const inputs = [
    story.input,
    ...communities.inputs,
    amenityTable?.input,
    ...tiles.inputs,
    roadsRead?.input,
    programmeFile?.input,
  ];
  const buildTime = opts.buildTime ?? new Date();
  const lifeCirclesComputed = circleOf !== undefined;
  const manifest = await writeManifest(
    {
      buildTime,
      inputs,
      records,
      amenities,
      lifeCirclesComputed,
      tiles,
      aggregates,
      programmes,
      report,
      network: network?.manifest,
    },
    out,
    () => timer.finish(),
  );
  return { report, manifest, outFiles: out.names, timings: timer.ms };
}

/**
 * The H3 aggregates, then the explore index, which takes every row's cell from their grids. Only
 * the files' names outlive this.
 */
async function writeAggregatesAndExplore(
  records: readonly CommunityRecord[],
  circleOf: CircleOf | undefined,
  out: OutputWriter,
  lap: Lap,
): Promise<Pick<AggregatesWritten, 'files'>> {
  const { grids, files } = await writeAggregates(records, out, lap);
  await writeExplore(records, circleOf, grids, out, lap);
  return { files };
}
