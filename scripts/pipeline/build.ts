/**
 * The data build: ledgers in, site files out. This module owns the file I/O and the order of
 * steps; every step itself is a pure function in its own module.
 *
 *   read → normalise → life circles → features → GeoJSON + PMTiles + H3 aggregates
 *        → programme figures → manifest.json + report.json
 */
import { createHash } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import zlib from 'node:zlib';
import type { Feature, Geometry } from 'geojson';
import { MANIFEST_FILE, type DataFileEntry } from '../../src/contracts/data-files';
import { h3AggregateFile } from '../../src/contracts/h3-cells';
import {
  MANIFEST_FORMAT_VERSION,
  type DisplayLayerRef,
  type ManifestFile,
  type ManifestInput,
  type ManifestProgramme,
} from '../../src/contracts/manifest';
import type { BuildReport, TableReport } from '../../src/contracts/report';
import { evaluateCoverage } from '../../src/domain/life-circles';
import { normaliseHeader } from '../../src/domain/headers';
import { matchItemHeader } from '../../src/domain/parse/items';
import { PUBLISHED_OUTPUT_FIELDS } from '../../src/domain/output-fields';
import { LOW_ZOOM_PROPERTIES, type FlatProperties } from '../../src/contracts/tile-properties';
import { evaluateMetric, figureMatches } from '../../src/domain/programme-figures';
import {
  AMENITY_FIELDS,
  COMMUNITY_FIELDS,
  type AmenityRecord,
  type CommunityRecord,
  type FieldDefinition,
} from '../../src/domain/schema';
import { AMENITY_TYPES, LIFE_CIRCLES, type Crs } from '../../src/domain/vocabulary';
import { monthSpan } from '../../src/domain/months';
import { aggregateH3, DEFAULT_H3_RESOLUTIONS } from '../../src/domain/h3-aggregates';
import { boundaryLevels, boundaryStats } from './boundary-stats';
import { communityProperties, type CommunityLifeCircle } from '../../src/domain/community-properties';
import { buildExploreIndex } from '../../src/contracts/explore-encode';
import { EXPLORE_FILE } from '../../src/contracts/explore-format';
import { distancesOf, nearestAmenityDistances } from './life-circle-distances';
import { normaliseAmenities } from './normalise/amenities';
import { normaliseCommunities } from './normalise/communities';
import { readBoundaries } from './read/boundaries';
import { readFootprints } from './read/footprints';
import { readInputFile } from './read/input-file';
import { readJsonInput } from './read/json-input';
import { readProgrammes } from './read/programmes-input';
import { readGeoJsonTable, readTable } from './read/read-table';
import { InputError, type RawTable } from './table';
import { createStoryBuilder, defaultStorySpec, parseStorySpec, StoryError } from './story';
import { archiveBounds, type Bbox } from './tiles/archive-bounds';
import { tilePoints } from './tiles/point-tiles';
import { tilePolygons } from './tiles/polygon-tiles';
import type { TileSet } from './tiles/tile-set';
import { writePmtiles } from './tiles/pmtiles-writer';
import { writeDisplayCrsTiles, type DisplayCrsInputs, type VariantCrs } from './display-crs';
import { buildIdOf, digestOf, sortedEntries, StreamDigest, verifyOutput } from './output/output-files';
import { openStagedOutput, type StagedOutput } from './output/staged-output';

/** Options of one build; the CLI maps its flags onto these. */
export interface BuildOptions {
  /** Communities ledger (.xlsx or .csv). */
  communities: string;
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

/** Tiles reach z14 (street level) at least; higher only adds bytes for point data. */
const MAX_ZOOM = 14;
/** Straight-line search radius for the nearest amenity of each type. */
const MAX_SEARCH_METRES = 3000;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function headerMatcher(fields: readonly FieldDefinition[], items: boolean): (text: string) => boolean {
  const known = new Set<string>();
  for (const f of fields) for (const a of f.aliases) known.add(normaliseHeader(a).key);
  return (text) => known.has(normaliseHeader(text).key) || (items && matchItemHeader(text) !== null);
}

function omitNulls(p: FlatProperties): FlatProperties {
  const out: FlatProperties = {};
  for (const k in p) if (p[k] !== null) out[k] = p[k]!;
  return out;
}

/**
 * Writes a FeatureCollection one feature at a time, flushing in batches, so a national ledger
 * never becomes one giant string (or one giant array of feature objects) in memory. Returns
 * the file's manifest entry, hashed batch by batch as written.
 */
async function writeFeatureCollection(
  dir: string,
  name: string,
  count: number,
  featureJson: (i: number) => string,
): Promise<DataFileEntry> {
  const digest = new StreamDigest(name);
  const file = await open(join(dir, name), 'w');
  const flush = async (batch: string) => {
    digest.add(batch);
    await file.write(batch);
  };
  try {
    let batch = '{"type":"FeatureCollection","features":[';
    for (let i = 0; i < count; i++) {
      batch += (i ? ',\n' : '\n') + featureJson(i);
      if (batch.length > 1 << 20) {
        await flush(batch);
        batch = '';
      }
    }
    await flush(batch + '\n]}\n');
  } finally {
    await file.close();
  }
  return digest.finish();
}

/** GeoJSON coordinates rounded to 1e-7 degrees (about 1 cm). */
const roundCoord = (v: number) => Math.round(v * 1e7) / 1e7;

function bboxOf(points: { lng: number; lat: number }[]): Bbox | null {
  if (!points.length) return null;
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const p of points) {
    if (p.lng < w) w = p.lng;
    if (p.lng > e) e = p.lng;
    if (p.lat < s) s = p.lat;
    if (p.lat > n) n = p.lat;
  }
  return [w, s, e, n];
}

function tableReport(
  file: string,
  r: { rows_read: number; rows_accepted: number; rows_rejected: number; rows_skipped: number },
): TableReport {
  return {
    file,
    rows_read: r.rows_read,
    rows_accepted: r.rows_accepted,
    rows_rejected: r.rows_rejected,
    rows_skipped: r.rows_skipped,
  };
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
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = Math.round(performance.now() - since));
  const progress = opts.onProgress ?? (() => {});
  const inputs: ManifestInput[] = [];
  const errors: BuildReport['errors'] = [];
  const warnings: BuildReport['warnings'] = [];
  const tables: Record<string, TableReport> = {};

  const recordInput = (role: string, file: string, bytes: Uint8Array, table?: RawTable) =>
    inputs.push({
      role,
      file: basename(file),
      bytes: bytes.byteLength,
      sha256: sha256(bytes),
      ...(table?.encoding ? { encoding: table.encoding } : {}),
      ...(table?.sheet ? { sheet: table.sheet } : {}),
      ...(table ? { header_row: table.headerRow } : {}),
    });

  // The story is checked before the heavy work: a typo in it should not cost a whole build.
  let storySpec = defaultStorySpec();
  if (opts.story) {
    const { bytes, value } = await readJsonInput(opts.story);
    recordInput('story', opts.story, bytes);
    try {
      storySpec = parseStorySpec(value);
    } catch (e) {
      throw new InputError(`${opts.story}: ${(e as Error).message}`, opts.story);
    }
  }
  const story = createStoryBuilder(storySpec);
  // Programmes and footprints are read up front as well: a broken file fails before the tiles.
  const footprintInput = opts.footprints ? await readJsonInput(opts.footprints) : null;
  const programmeInput = opts.programmes ? await readJsonInput(opts.programmes) : null;
  const programmeRecords = programmeInput ? readProgrammes(opts.programmes!, programmeInput.value) : [];

  // 1. Communities.
  let t = performance.now();
  progress('read communities', 0, 1);
  const communityBytes = await readInputFile(opts.communities);
  const communityTable = await readTable(opts.communities, communityBytes, {
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    isKnownHeader: headerMatcher(COMMUNITY_FIELDS, true),
  });
  recordInput('communities', opts.communities, communityBytes, communityTable);
  lap('read_communities', t);
  t = performance.now();
  const communities = normaliseCommunities(communityTable, {
    crs: opts.crs ?? 'WGS84',
    sourceLabel: basename(opts.communities),
  });
  const communityFile = basename(opts.communities);
  for (const e of communities.errors) errors.push({ ...e, table: 'communities', file: communityFile });
  for (const w of communities.warnings) warnings.push({ ...w, table: 'communities', file: communityFile });
  if (communities.generatedIds)
    warnings.push({
      row: communityTable.headerRow,
      column: '',
      value: '',
      reason: 'no id column: ids were generated from city, district and name',
      table: 'communities',
      file: communityFile,
    });
  tables.communities = tableReport(communityFile, communities);
  lap('normalise_communities', t);

  // 2. Amenities.
  let amenities: AmenityRecord[] = [];
  if (opts.amenities) {
    t = performance.now();
    const bytes = await readInputFile(opts.amenities);
    const ext = extname(opts.amenities).toLowerCase();
    const table =
      ext === '.geojson' || ext === '.json'
        ? readGeoJsonTable(opts.amenities, bytes)
        : await readTable(opts.amenities, bytes, {
            ...(opts.sheet ? { sheet: opts.sheet } : {}),
            isKnownHeader: headerMatcher(AMENITY_FIELDS, false),
          });
    recordInput('amenities', opts.amenities, bytes, table);
    const result = normaliseAmenities(table, {
      crs: opts.crs ?? 'WGS84',
      sourceLabel: basename(opts.amenities),
    });
    const file = basename(opts.amenities);
    for (const e of result.errors) errors.push({ ...e, table: 'amenities', file });
    for (const w of result.warnings) warnings.push({ ...w, table: 'amenities', file });
    tables.amenities = tableReport(file, result);
    amenities = result.records;
    lap('amenities', t);
  }

  // 3. Life circles: straight-line distance to the nearest amenity of each type.
  const records: CommunityRecord[] = communities.records;
  let lifeCircles: (CommunityLifeCircle | undefined)[] = [];
  if (opts.amenities) {
    t = performance.now();
    progress('life circles', 0, records.length);
    const nearest = nearestAmenityDistances(records, amenities, { maxSearchMetres: MAX_SEARCH_METRES });
    lifeCircles = records.map((_, i) => {
      const n = distancesOf(nearest, i);
      return { nearest: n, ...evaluateCoverage(n) };
    });
    progress('life circles', records.length, records.length);
    lap('life_circles', t);
  }

  // 4. Features, computed on demand: 220,000 property objects held at once cost gigabytes.
  const propertiesOf = (i: number): FlatProperties => communityProperties(records[i]!, lifeCircles[i]);

  // A fresh folder (staged-output.ts): no file of an earlier build can linger in it.
  const dir = await openOutput();
  const outFiles: string[] = [];
  /** Manifest entries of every file written but manifest.json. */
  const written: DataFileEntry[] = [];
  const write = async (name: string, data: string | Uint8Array | string[]) => {
    const path = join(dir, name);
    const bytes = Array.isArray(data) ? data.join('') : data;
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes);
    if (name !== MANIFEST_FILE) written.push(digestOf(name, bytes));
    outFiles.push(name);
  };

  t = performance.now();
  const communitiesGeojson = await writeFeatureCollection(dir, 'communities.geojson', records.length, (i) => {
    const r = records[i]!;
    const properties = propertiesOf(i);
    // The story's figures are summed here, while each community's properties exist anyway.
    story.add(r.lng, r.lat, properties);
    return JSON.stringify({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [roundCoord(r.lng), roundCoord(r.lat)] },
      properties,
    });
  });
  written.push(communitiesGeojson);
  outFiles.push('communities.geojson');
  if (amenities.length) {
    const amenitiesGeojson = await writeFeatureCollection(dir, 'amenities.geojson', amenities.length, (i) => {
      const a = amenities[i]!;
      return JSON.stringify({
        type: 'Feature',
        id: a.id,
        geometry: { type: 'Point', coordinates: [roundCoord(a.lng), roundCoord(a.lat)] },
        properties: omitNulls({
          id: a.id,
          name: a.name ?? null,
          type: a.type,
          status: a.status ?? null,
          community_id: a.community_id ?? null,
          area_m2: a.area_m2 ?? null,
          is_synthetic: a.is_synthetic,
          location_precision: a.location_precision,
          source: a.source ?? null,
          note: a.note ?? null,
        }),
      });
    });
    written.push(amenitiesGeojson);
    outFiles.push('amenities.geojson');
  }
  lap('write_geojson', t);

  // 5. Tiles.
  t = performance.now();
  const bbox = bboxOf(records);
  const center: [number, number, number] = bbox
    ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, 10]
    : [105, 35, 3];
  progress('tiles', 0, 1);
  // The tiles' inputs are kept for the display-CRS variants (5b), which tile them again shifted.
  const tileInputs: DisplayCrsInputs = {
    communities: {
      points: records.map((r, i) => ({
        lng: r.lng,
        lat: r.lat,
        // The tiler's default importance, known without computing the properties.
        priority: r.households ?? 0,
        // Computed when the tiler reads it; the tiler encodes it at once and keeps no object.
        get properties() {
          return propertiesOf(i);
        },
      })),
      options: {
        layer: 'communities',
        minZoom: 0,
        maxZoom: MAX_ZOOM,
        lowZoomProperties: LOW_ZOOM_PROPERTIES,
        // Level 4 gzips about a sixth faster than 6 for about 1% more bytes (scripts/bench-tiles.ts).
        gzipLevel: 4,
      },
    },
  };
  const communityTiles = tilePoints(tileInputs.communities.points, tileInputs.communities.options);
  let footprintCount = 0;
  let footprintTiles: TileSet | undefined;
  if (opts.footprints) {
    recordInput('footprints', opts.footprints, footprintInput!.bytes);
    const known = new Set(records.map((r) => r.id));
    const { features: footprints, issues } = readFootprints(opts.footprints, footprintInput!.value, known);
    const file = basename(opts.footprints);
    for (const issue of issues) warnings.push({ ...issue, table: 'footprints', file });
    footprintCount = footprints.length;
    tileInputs.footprints = {
      features: footprints,
      options: { layer: 'footprints', minZoom: 12, maxZoom: MAX_ZOOM },
    };
    footprintTiles = tilePolygons(footprints, tileInputs.footprints.options);
    mergeTileLayers(communityTiles.tiles, footprintTiles.tiles);
  }
  const archive = (name: string, minZoom: number, bounds: Bbox | null, sets: TileSet[]) =>
    write(
      `${name}.pmtiles`,
      writePmtiles(
        sets[0]!.tiles,
        { minZoom, maxZoom: MAX_ZOOM, bounds: archiveBounds(bounds), center },
        { name, vector_layers: sets.map((set) => set.vectorLayer) },
      ),
    );
  await archive('communities', 0, bbox, footprintTiles ? [communityTiles, footprintTiles] : [communityTiles]);
  if (amenities.length) {
    tileInputs.amenities = {
      points: amenities.map((a) => ({
        lng: a.lng,
        lat: a.lat,
        properties: {
          id: a.id,
          name: a.name ?? null,
          type: a.type,
          status: a.status ?? null,
          is_synthetic: a.is_synthetic,
        },
      })),
      options: { layer: 'amenities', minZoom: 8, maxZoom: MAX_ZOOM },
    };
    const amenityTiles = tilePoints(tileInputs.amenities.points, tileInputs.amenities.options);
    await archive('amenities', 8, bboxOf(amenities), [amenityTiles]);
  }
  let boundaryCount = 0;
  let levels: string[] = [];
  if (opts.boundaries) {
    const bytes = await readInputFile(opts.boundaries);
    recordInput('boundaries', opts.boundaries, bytes);
    // Each polygon carries its completion rate, which the status map shades it by.
    const boundaries = boundaryStats(readBoundaries(opts.boundaries, bytes), records);
    levels = boundaryLevels(boundaries);
    boundaryCount = boundaries.features.length;
    await write('boundaries.geojson', JSON.stringify(boundaries));
    tileInputs.boundaries = {
      features: boundaries.features as Feature<Geometry>[],
      options: { layer: 'boundaries', minZoom: 0, maxZoom: MAX_ZOOM },
    };
    const bTiles = tilePolygons(tileInputs.boundaries.features, tileInputs.boundaries.options);
    await archive('boundaries', 0, bbox, [bTiles]);
  }
  // 5b. The same tiles in each display CRS asked for (GCJ-02, for an AMap basemap).
  const displayLayers: Record<string, Record<string, DisplayLayerRef>> = {};
  for (const crs of opts.displayCrs ?? [])
    displayLayers[crs] = await writeDisplayCrsTiles(crs, tileInputs, archive, mergeTileLayers);
  progress('tiles', 1, 1);
  lap('tiles', t);

  // 6. Funding-density aggregates, so the browser never aggregates raw rows.
  t = performance.now();
  const aggregates = aggregateH3(
    records.map((r) => ({
      lng: r.lng,
      lat: r.lat,
      ...(r.households !== undefined ? { households: r.households } : {}),
      ...(r.residents !== undefined ? { residents: r.residents } : {}),
      ...(r.stage ? { stage: r.stage } : {}),
      funds: r.funds,
    })),
    DEFAULT_H3_RESOLUTIONS,
  );
  const aggregateFiles: Record<string, string> = {};
  for (const layer of aggregates) {
    const name = h3AggregateFile(layer.resolution);
    await write(name, JSON.stringify(layer));
    aggregateFiles[layer.resolution] = name;
  }
  lap('aggregates', t);

  // 6b. The explore index: every community in compact columns, for the site's filters and charts.
  t = performance.now();
  const explore = buildExploreIndex(records, opts.amenities ? lifeCircles : undefined, aggregates);
  await write(EXPLORE_FILE, JSON.stringify(explore));
  lap('explore_index', t);

  // 7. Programmes and their published figures, checked against the communities.
  let programmes: ManifestProgramme[] = [];
  if (opts.programmes) {
    recordInput('programmes', opts.programmes, programmeInput!.bytes);
    programmes = programmeRecords.map((p) => {
      const members: FlatProperties[] = [];
      for (let i = 0; i < records.length; i++)
        if (records[i]!.programme === p.id) members.push(propertiesOf(i));
      return {
        ...p,
        communities: members.length,
        figures: p.figures.map((fig) => {
          if (!fig.metric) return fig;
          const computed = evaluateMetric(fig.metric, members);
          return { ...fig, computed, reproduced: figureMatches(fig, computed) };
        }),
      };
    });
  }

  // 7b. The presentation story, every figure resolved against the communities and the records.
  try {
    const resolved = story.finish({ programmes, source: opts.story ? basename(opts.story) : null });
    await write('story.json', JSON.stringify(resolved, null, 2));
  } catch (e) {
    if (!(e instanceof StoryError)) throw e;
    throw new InputError(`${opts.story ?? 'story'}: ${e.message}`, opts.story ?? 'story');
  }

  // 8. Manifest and report.
  const syntheticCommunities = records.filter((r) => r.is_synthetic).length;
  const approximate = records.filter((r) => r.location_precision !== 'exact').length;
  const report: BuildReport = {
    rows_read: 0,
    rows_accepted: 0,
    rows_rejected: 0,
    rows_skipped: 0,
    errors,
    warnings,
    tables,
  };
  for (const tr of Object.values(tables)) {
    report.rows_read += tr.rows_read;
    report.rows_accepted += tr.rows_accepted;
    report.rows_rejected += tr.rows_rejected;
    report.rows_skipped += tr.rows_skipped;
  }
  // The report goes first: the manifest lists it (every file but itself).
  await write('report.json', JSON.stringify(report, null, 2));
  const buildTime = (opts.buildTime ?? new Date()).toISOString();
  const files = sortedEntries(written);
  const manifest: ManifestFile = {
    format_version: MANIFEST_FORMAT_VERSION,
    build_time: buildTime,
    // Tells two builds apart at a glance (derived from the time and the files: see buildIdOf).
    build_id: buildIdOf(buildTime, files),
    generator: 'renovation-atlas scripts/build-data.ts',
    inputs,
    counts: {
      communities: records.length,
      communities_synthetic: syntheticCommunities,
      communities_approximate_position: approximate,
      amenities: amenities.length,
      amenities_synthetic: amenities.filter((a) => a.is_synthetic).length,
      boundaries: boundaryCount,
      footprints: footprintCount,
      rows_rejected: report.rows_rejected,
    },
    // The CRS of bbox, center, `layers` and every GeoJSON; `display_layers` are the tile sets
    // the build wrote in other CRSs (--display-crs), each entry saying its own.
    crs: 'WGS84',
    bbox,
    center,
    layers: {
      communities: {
        url: 'communities.pmtiles',
        layer: 'communities',
        minzoom: 0,
        maxzoom: MAX_ZOOM,
        stats: communityTiles.stats,
      },
      ...(footprintCount
        ? { footprints: { url: 'communities.pmtiles', layer: 'footprints', minzoom: 12, maxzoom: MAX_ZOOM } }
        : {}),
      ...(amenities.length
        ? { amenities: { url: 'amenities.pmtiles', layer: 'amenities', minzoom: 8, maxzoom: MAX_ZOOM } }
        : {}),
      ...(boundaryCount
        ? {
            boundaries: {
              url: 'boundaries.pmtiles',
              layer: 'boundaries',
              minzoom: 0,
              maxzoom: MAX_ZOOM,
              levels,
            },
          }
        : {}),
    },
    ...(Object.keys(displayLayers).length ? { display_layers: displayLayers } : {}),
    aggregates: { kind: 'h3', resolutions: DEFAULT_H3_RESOLUTIONS, files: aggregateFiles },
    explore: { url: EXPLORE_FILE, count: records.length },
    // Months the status map's time slider spans (null when no community has a date).
    timeline: monthSpan(records.flatMap((r) => [r.start_date, r.completion_date])),
    life_circles: {
      method: 'straight-line',
      standard: 'GB 50180-2018',
      computed: Boolean(opts.amenities),
      max_search_m: MAX_SEARCH_METRES,
      circles: LIFE_CIRCLES.map((c) => ({
        ...c,
        types: AMENITY_TYPES.filter((a) => a.circle === c.key).map((a) => a.type),
      })),
    },
    fields: PUBLISHED_OUTPUT_FIELDS,
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
  timings.total = Math.round(performance.now() - t0);
  // Step timings help whoever runs a city's build find the slow step; golden tests ignore them.
  manifest.build_timings_ms = timings;
  await write(MANIFEST_FILE, JSON.stringify(manifest, null, 2));
  return { report, manifest, outFiles, timings };
}

/**
 * Adds the layers of `extra` to the tiles of `base`. An MVT tile is a sequence of layer
 * messages, so concatenating two decoded tiles' bytes yields one tile with both layers.
 */
function mergeTileLayers(base: Map<number, Uint8Array>, extra: Map<number, Uint8Array>): void {
  const { gunzipSync, gzipSync } = zlib;
  for (const [id, bytes] of extra) {
    const existing = base.get(id);
    if (!existing) {
      base.set(id, bytes);
      continue;
    }
    const a = gunzipSync(existing);
    const b = gunzipSync(bytes);
    const merged = new Uint8Array(a.byteLength + b.byteLength);
    merged.set(a, 0);
    merged.set(b, a.byteLength);
    base.set(id, gzipSync(merged));
  }
}
