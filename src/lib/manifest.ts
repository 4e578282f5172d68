/**
 * The site's view of `data/manifest.json`, written by the data build (scripts/pipeline/build.ts)
 * as src/contracts/manifest.ts `ManifestFile`. Only what the site reads is in the view, and
 * `parseManifest` checks exactly that, so a build that changes shape fails loudly with the field
 * it broke instead of drawing an empty map.
 */
import { parseDataFiles, storedPath, type DataFileEntry } from '../contracts/data-files';
import {
  MANIFEST_FORMAT_VERSION,
  type LifeCircleMethod as ContractLifeCircleMethod,
  type ExploreRef,
  type TileLayerRef,
  type WalkNetworkRef,
  type WalkNetworkSummary,
} from '../contracts/manifest';
import type { OutputField } from '../domain/output-fields';
import { expectFiles } from './data-integrity';
import type { SourceDocument } from '../domain/citation';
import {
  parsePeriod,
  parsePublishedFigures,
  parseSourceDocuments,
  type ProgrammePeriod,
  type PublishedFigure,
} from './published-figures';

/** Types of the manifest's entries, shared with the build (src/contracts/manifest.ts). */
export type { TileLayerRef, WalkNetworkRef, WalkNetworkSummary } from '../contracts/manifest';

/** How the build judged life circles, with the walking network it measured on. */
export interface LifeCircleMethod extends ContractLifeCircleMethod {
  /** The road network of a `network` build; null for straight-line distances (no roads given). */
  network: WalkNetworkSummary | null;
}

/** A programme as the header lists it. */
export interface ProgrammeSummary {
  id: string;
  /** Display names; English falls back to Chinese when the record has none. */
  name: { zh: string; en: string };
  /** Communities of the dataset in this programme. */
  communities: number;
  /** The seed article or document the programme's figures come from, when given: refs (file names). */
  sources: string[];
  /** What the programmes file says of those documents (title, byline, date), for readable source lines. */
  documents: SourceDocument[];
  /** Period as published, or null. */
  period: ProgrammePeriod | null;
  /** Published figures with their quotes and sources (the headline cards show them). */
  figures: PublishedFigure[];
}

/** What the site reads from the manifest. */
export interface SiteManifest {
  format_version: number;
  build_time: string;
  /** Tells builds apart; empty for a build older than the id. */
  build_id: string;
  /**
   * Every other file of the build with its size and SHA-256, which the loaders check what they
   * fetch against (src/lib/data-integrity.ts); null for a build older than the list.
   */
  files: DataFileEntry[] | null;
  /** [west, south, east, north] of the communities, or null for an empty dataset. */
  bbox: [number, number, number, number] | null;
  /** [lng, lat, zoom]. */
  center: [number, number, number];
  layers: {
    communities: TileLayerRef;
    amenities?: TileLayerRef;
    boundaries?: TileLayerRef;
    footprints?: TileLayerRef;
    /** The street network under the data (src/contracts/streets.ts), when the build had roads. */
    streets?: TileLayerRef;
  };
  /**
   * The same tile sets drawn in another CRS (`display_layers`, written by `build:data
   * --display-crs GCJ-02`), keyed by CRS: what the site draws over a GCJ-02 basemap.
   */
  displayLayers: Record<string, SiteManifest['layers']>;
  counts: Record<string, number>;
  /** H3 funding aggregates: resolution → file path relative to the data folder. */
  aggregates: { resolutions: number[]; files: Record<string, string> } | null;
  /** First and last `YYYY-MM` of the communities' start and completion dates; null when none has one. */
  timeline: { first: string; last: string } | null;
  /** Life-circle method, or null for a build that does not state one. */
  life_circles: LifeCircleMethod | null;
  /** The walking network the catchments are walked on (`walk-network.bin`), when the build had roads. */
  walkNetwork: WalkNetworkRef | null;
  fields: readonly OutputField[];
  programmes: ProgrammeSummary[];
  attribution: string[];
  /** The explore index's parts (src/contracts/explore-binary.ts), when the build wrote them. */
  explore?: ExploreRef;
}

/** The manifest is missing something the site needs. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberArray = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));

function tileLayer(value: unknown, path: string): TileLayerRef {
  if (!isObject(value)) throw new ManifestError(`manifest ${path} is not an object`);
  const { url, layer, minzoom, maxzoom } = value;
  if (typeof url !== 'string' || !url) throw new ManifestError(`manifest ${path}.url is missing`);
  if (typeof layer !== 'string' || !layer) throw new ManifestError(`manifest ${path}.layer is missing`);
  const ref: TileLayerRef = {
    url,
    layer,
    minzoom: typeof minzoom === 'number' ? minzoom : 0,
    maxzoom: typeof maxzoom === 'number' ? maxzoom : 14,
  };
  if (Array.isArray(value.levels))
    ref.levels = value.levels.filter((l): l is string => typeof l === 'string');
  return ref;
}

/**
 * The explore index's parts; undefined for a build without them (one older than the binary
 * index named a single `url`: the site then asks for a rebuild rather than read it).
 */
function exploreRef(value: unknown): ExploreRef | undefined {
  if (!isObject(value) || !isObject(value.parts)) return undefined;
  const { core, figures, details } = value.parts;
  const named = (v: unknown): v is string => typeof v === 'string' && v !== '';
  // A build before the figures part named only core and details: its core holds columns this
  // site no longer reads there, so it counts as no index (the page asks for a rebuild).
  if (!named(core) || !named(figures) || !named(details)) return undefined;
  return { parts: { core, figures, details }, count: typeof value.count === 'number' ? value.count : 0 };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function timeline(value: unknown): SiteManifest['timeline'] {
  if (!isObject(value)) return null;
  const { first, last } = value;
  return typeof first === 'string' && typeof last === 'string' && MONTH.test(first) && MONTH.test(last)
    ? { first, last }
    : null;
}

const NETWORK_COUNTS = [
  'nodes',
  'edges',
  'communities_snapped',
  'communities_straight_line',
  'amenities_snapped',
  'amenities_unsnapped',
  'max_access_m',
  'access_limit_m',
] as const;

const NETWORK_TEXTS = ['source', 'sha256', 'format', 'crs'] as const;

/** `life_circles.network`: the site shows its source and counts, so each is checked. */
function walkNetworkSummary(value: unknown): WalkNetworkSummary | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new ManifestError('manifest life_circles.network is not an object');
  const summary: Record<string, unknown> = {};
  for (const key of NETWORK_COUNTS) {
    const n = value[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
      throw new ManifestError(`manifest life_circles.network.${key} is not a count`);
    summary[key] = n;
  }
  for (const key of NETWORK_TEXTS) {
    if (typeof value[key] !== 'string')
      throw new ManifestError(`manifest life_circles.network.${key} is missing`);
    summary[key] = value[key];
  }
  return summary as unknown as WalkNetworkSummary;
}

function lifeCircles(value: unknown): LifeCircleMethod | null {
  if (!isObject(value) || typeof value.method !== 'string') return null;
  return {
    method: value.method,
    standard: typeof value.standard === 'string' ? value.standard : '',
    computed: value.computed !== false,
    network: walkNetworkSummary(value.network),
  };
}

/** `walk_network`: the file the catchments need, or null when the build had no roads. */
function walkNetwork(value: unknown): WalkNetworkRef | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value) || typeof value.url !== 'string' || !value.url)
    throw new ManifestError('manifest walk_network.url is missing');
  return { url: value.url, bytes: typeof value.bytes === 'number' ? value.bytes : 0 };
}

/** Reads a name given as `{zh, en}`, as a string, or as `name_zh`/`name_en` columns. */
function programmeName(p: Json): { zh: string; en: string } | null {
  const name = p.name ?? p.title;
  if (isObject(name) && typeof name.zh === 'string') {
    return { zh: name.zh, en: typeof name.en === 'string' && name.en ? name.en : name.zh };
  }
  const zh = typeof name === 'string' ? name : typeof p.name_zh === 'string' ? p.name_zh : null;
  if (!zh) return null;
  const en = typeof p.name_en === 'string' && p.name_en ? p.name_en : zh;
  return { zh, en };
}

function programme(value: unknown, index: number): ProgrammeSummary {
  if (!isObject(value)) throw new ManifestError(`manifest programmes[${index}] is not an object`);
  const id = typeof value.id === 'string' ? value.id : String(index);
  const name = programmeName(value) ?? { zh: id, en: id };
  const figures = Array.isArray(value.figures) ? value.figures : [];
  const sources = [
    ...new Set(
      [value.source, ...figures.map((f) => (isObject(f) ? f.source : undefined))].filter(
        (s): s is string => typeof s === 'string' && s.length > 0,
      ),
    ),
  ];
  return {
    id,
    name,
    communities: typeof value.communities === 'number' ? value.communities : 0,
    sources,
    documents: parseSourceDocuments(value.documents),
    period: parsePeriod(value.period),
    figures: parsePublishedFigures(value.figures),
  };
}

/** The tiled layers a build may leave out, in `layers` and in each `display_layers` set. */
const OPTIONAL_LAYERS = ['amenities', 'boundaries', 'footprints', 'streets'] as const;

/** Checks a parsed manifest.json and returns the site's typed view of it. */
export function parseManifest(json: unknown): SiteManifest {
  if (!isObject(json)) throw new ManifestError('manifest is not a JSON object');
  if (json.format_version !== MANIFEST_FORMAT_VERSION) {
    throw new ManifestError(
      `manifest format_version ${String(json.format_version)} is not supported (expected ${MANIFEST_FORMAT_VERSION})`,
    );
  }
  if (!isObject(json.layers)) throw new ManifestError('manifest has no layers');
  const layers: SiteManifest['layers'] = {
    communities: tileLayer(json.layers.communities, 'layers.communities'),
  };
  for (const key of OPTIONAL_LAYERS) {
    if (json.layers[key] !== undefined) layers[key] = tileLayer(json.layers[key], `layers.${key}`);
  }
  const displayLayers: SiteManifest['displayLayers'] = {};
  if (isObject(json.display_layers))
    for (const [crs, set] of Object.entries(json.display_layers)) {
      const path = `display_layers.${crs}`;
      if (!isObject(set)) throw new ManifestError(`manifest ${path} is not an object`);
      const variant: SiteManifest['layers'] = {
        communities: tileLayer(set.communities, `${path}.communities`),
      };
      for (const key of OPTIONAL_LAYERS)
        if (set[key] !== undefined) variant[key] = tileLayer(set[key], `${path}.${key}`);
      displayLayers[crs] = variant;
    }
  const center: [number, number, number] = isNumberArray(json.center, 3)
    ? (json.center as [number, number, number])
    : [105, 35, 3];
  const bbox = isNumberArray(json.bbox, 4) ? (json.bbox as [number, number, number, number]) : null;
  let aggregates: SiteManifest['aggregates'] = null;
  if (isObject(json.aggregates) && isObject(json.aggregates.files)) {
    const files: Record<string, string> = {};
    for (const [res, file] of Object.entries(json.aggregates.files))
      if (typeof file === 'string') files[res] = file;
    const resolutions = Object.keys(files)
      .map(Number)
      .filter(Number.isInteger)
      .sort((a, b) => a - b);
    if (resolutions.length) aggregates = { resolutions, files };
  }
  const counts: Record<string, number> = {};
  if (isObject(json.counts))
    for (const [k, v] of Object.entries(json.counts)) if (typeof v === 'number') counts[k] = v;
  const fields = Array.isArray(json.fields)
    ? json.fields.filter((f): f is OutputField => isObject(f) && typeof f.name === 'string')
    : [];
  let files: DataFileEntry[] | null;
  try {
    files = parseDataFiles(json.files);
  } catch (e) {
    throw new ManifestError(`manifest ${(e as Error).message}`);
  }
  const explore = exploreRef(json.explore);
  return {
    ...(explore ? { explore } : {}),
    format_version: MANIFEST_FORMAT_VERSION,
    build_time: typeof json.build_time === 'string' ? json.build_time : '',
    build_id: typeof json.build_id === 'string' ? json.build_id : '',
    files,
    bbox,
    center,
    layers,
    displayLayers,
    counts,
    aggregates,
    timeline: timeline(json.timeline),
    life_circles: lifeCircles(json.life_circles),
    walkNetwork: walkNetwork(json.walk_network),
    fields,
    programmes: Array.isArray(json.programmes) ? json.programmes.map(programme) : [],
    attribution: Array.isArray(json.attribution)
      ? json.attribution.filter((a): a is string => typeof a === 'string')
      : [],
  };
}

/** The folder the data build writes into, as served next to index.html. */
export const DATA_FOLDER = 'data/';

/**
 * The data folder's absolute URL, ending in `/`: the `data_url` the site was built with
 * (atlas.config.json or ATLAS_DATA_URL, scripts/vite/data-url.ts: a bucket or CDN on another
 * origin), else `data/` beside the page.
 */
export function dataFolderUrl(
  base: string = document.baseURI,
  configured: string | undefined = import.meta.env.ATLAS_DATA_URL,
): string {
  if (!configured) return new URL(DATA_FOLDER, base).href;
  const url = new URL(configured);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * Absolute URL of a file in the data folder, by the name it is stored under. Workers resolve
 * relative URLs against their own script, so always absolute. Only manifest.json is fetched by
 * a fixed name; every other file goes through `fileUrl`.
 */
export function dataUrl(path: string, base: string = document.baseURI, configured?: string): string {
  return new URL(path, dataFolderUrl(base, configured ?? import.meta.env.ATLAS_DATA_URL)).href;
}

/**
 * Absolute URL of the file the manifest lists under the key `path` (`communities.pmtiles`,
 * `aggregates/h3-r7.json`): its content-hashed name when the build gave it one
 * (`communities.3f9a1c2b7d.pmtiles`), else `path` itself (a build without hashed names, or one
 * older than the list). The one way the site turns a manifest key into a URL.
 */
export function fileUrl(
  manifest: Pick<SiteManifest, 'files'>,
  path: string,
  base: string = document.baseURI,
  configured?: string,
): string {
  const entry = manifest.files?.find((f) => f.path === path);
  return dataUrl(entry ? storedPath(entry) : path, base, configured);
}

/**
 * Fetches and checks the manifest, and hands its `files` to the data checks (data-integrity.ts)
 * at once, so that a loader started beside this one (the presentation's story) waits for the
 * list rather than going unchecked. Resolves once the checks have the list: the PMTiles sources
 * look their entry up synchronously when the map asks for them.
 */
export async function loadManifest(base: string = document.baseURI): Promise<SiteManifest> {
  const manifest = fetchManifest(base);
  const listed = expectFiles(
    manifest.then((m) => m.files),
    (path) => dataUrl(path, base),
  );
  const result = await manifest;
  await listed;
  return result;
}

async function fetchManifest(base: string): Promise<SiteManifest> {
  const url = dataUrl('manifest.json', base);
  let response: Response;
  try {
    // Always asked of the server (a 304 when unchanged): it alone says which hashed files are current.
    response = await fetch(url, { cache: 'no-cache' });
  } catch (e) {
    // The browser says only "Failed to fetch" for an unreachable host and for a bucket that
    // does not allow this site (CORS) alike; the page should name both.
    throw new ManifestError(
      `${url} could not be fetched (${(e as Error).message}): is the data host reachable, and does it allow this site's origin (CORS headers)?`,
    );
  }
  if (!response.ok)
    throw new ManifestError(`${url}: HTTP ${response.status} (has \`npm run build:data\` run?)`);
  return parseManifest(await response.json());
}
