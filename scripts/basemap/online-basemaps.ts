/**
 * Opt-in basemaps: reads the deployer's configuration (`atlas.config.json` at the repository
 * root, or the file named by `ATLAS_CONFIG`) and turns it into the basemap definitions the site
 * offers, plus the exact origins the Content-Security-Policy must then allow, and the vector
 * extracts (`pmtiles`) the build copies into the site. Without a configuration only the
 * offline basemap exists and no tile host is named anywhere in the build.
 *
 * The providers' URL templates live here, on the build side, so a default build ships none of
 * them (tests/build/vite-build.test.ts fails on any unexplained host in the bundle).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  BASEMAP_FLAVORS,
  BASEMAP_ID_PATTERN,
  OFFLINE_BASEMAP,
  OFFLINE_BASEMAP_ID,
  vectorBasemapPath,
  type BasemapDefinition,
  type BasemapKind,
  type RasterTiles,
} from '../../src/contracts/basemaps';
import { DISPLAY_CRS_VALUES, type DisplayCrs } from '../../src/domain/display-crs';
import { inspectBasemapArchive } from './read-pmtiles-head';

/** The configuration file looked for at the repository root. */
export const CONFIG_FILE = 'atlas.config.json';

/** A configuration mistake; the build stops with this message. */
export class AtlasConfigError extends Error {
  override name = 'AtlasConfigError';
}

/** A vector extract the site build copies into the site (a `pmtiles` basemap). */
export interface BasemapArchive {
  /** The basemap's id. */
  id: string;
  /** The extract on the build machine, as configured (relative paths against the configuration's folder). */
  file: string;
  /** Where the site reads it, relative to the site root (`vectorBasemapPath`). */
  path: string;
  /** The entry, for messages: `basemaps[2]`. */
  where: string;
}

/** What the site build needs from the configuration. */
export interface ResolvedAtlasConfig {
  /** The file read, or null when none exists (defaults). */
  file: string | null;
  /** Basemaps in picker order; the offline basemap is always among them. */
  basemaps: BasemapDefinition[];
  /** Id of the basemap shown when the address names none. */
  defaultBasemap: string;
  /** Vector extracts to ship with the site, one per `pmtiles` basemap. */
  archives: BasemapArchive[];
}

type Json = Record<string, unknown>;

/** Tianditu map styles and their label layers ("_w": the spherical Mercator tile matrix set). */
const TIANDITU_STYLES = {
  vec: { map: 'vec', labels: 'cva', zh: '天地图', en: 'Tianditu' },
  img: { map: 'img', labels: 'cia', zh: '天地图影像', en: 'Tianditu imagery' },
  ter: { map: 'ter', labels: 'cta', zh: '天地图地形', en: 'Tianditu terrain' },
} as const;

/** Default attribution of each provider, as its terms ask. */
const ATTRIBUTION: Record<Exclude<BasemapKind, 'offline'>, string> = {
  tianditu: '© 天地图 Tianditu · 国家地理信息公共服务平台',
  osm: '© OpenStreetMap contributors (ODbL)',
  amap: '© 高德地图 AutoNavi',
  // Protomaps builds are OpenStreetMap data (ODbL) with some Natural Earth at low zooms.
  pmtiles: '© OpenStreetMap contributors (ODbL) · Protomaps',
};

function tiandituTiles(layer: string, key: string): string[] {
  // Eight subdomains t0–t7 share the load; MapLibre picks among the URLs per tile.
  return Array.from(
    { length: 8 },
    (_, n) =>
      `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
      `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`,
  );
}

/** AMap's road map (style 8: roads and labels in Chinese), on subdomains webrd01–04. */
const AMAP_TILES = [1, 2, 3, 4].map(
  (n) => `https://webrd0${n}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`,
);

const OSM_TILES = ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'];

const KNOWN_KEYS: Record<Exclude<BasemapKind, 'offline'> | 'offline', readonly string[]> = {
  offline: ['type', 'label'],
  tianditu: ['type', 'id', 'label', 'key', 'style', 'labels', 'tiles', 'attribution', 'maxzoom', 'crs'],
  osm: ['type', 'id', 'label', 'tiles', 'attribution', 'maxzoom', 'crs'],
  amap: ['type', 'id', 'label', 'tiles', 'attribution', 'maxzoom', 'crs'],
  // No `crs`: OpenStreetMap data is WGS84. No `maxzoom`: the archive's header has it.
  pmtiles: ['type', 'id', 'label', 'file', 'flavor', 'attribution'],
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(entry: Json, key: string, where: string): string | undefined {
  const v = entry[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v.trim())
    throw new AtlasConfigError(`${where}.${key} must be a non-empty string`);
  return v.trim();
}

function label(entry: Json, where: string, fallback: { zh: string; en: string }): { zh: string; en: string } {
  const v = entry.label;
  if (v === undefined) return fallback;
  if (typeof v === 'string' && v.trim()) return { zh: v.trim(), en: v.trim() };
  if (isObject(v) && typeof v.zh === 'string' && v.zh.trim())
    return { zh: v.zh.trim(), en: typeof v.en === 'string' && v.en.trim() ? v.en.trim() : v.zh.trim() };
  throw new AtlasConfigError(`${where}.label must be a string or {"zh": …, "en": …}`);
}

/** Checks a tile URL template: http(s), an absolute host, and the {z}/{x}/{y} placeholders. */
function checkTemplate(template: string, where: string): string {
  let url: URL;
  try {
    url = new URL(template.replace(/\{[a-z]+\}/g, '0'));
  } catch {
    throw new AtlasConfigError(`${where}: "${template}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AtlasConfigError(`${where}: "${template}" must be an http(s) URL`);
  for (const p of ['{z}', '{x}', '{y}'])
    if (!template.includes(p)) throw new AtlasConfigError(`${where}: "${template}" lacks ${p}`);
  return template;
}

function tilesOverride(entry: Json, where: string): string[] | undefined {
  const v = entry.tiles;
  if (v === undefined) return undefined;
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || !list.length || !list.every((t) => typeof t === 'string'))
    throw new AtlasConfigError(`${where}.tiles must be a URL template or a non-empty list of them`);
  return list.map((t, i) => checkTemplate(t, `${where}.tiles[${i}]`));
}

function maxzoom(entry: Json, where: string, fallback: number): number {
  const v = entry.maxzoom;
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 22)
    throw new AtlasConfigError(`${where}.maxzoom must be an integer from 1 to 22`);
  return v;
}

function crsOf(entry: Json, where: string, fallback: DisplayCrs): DisplayCrs {
  const v = entry.crs;
  if (v === undefined) return fallback;
  const found = DISPLAY_CRS_VALUES.find((c) => c === v);
  if (!found) throw new AtlasConfigError(`${where}.crs must be one of ${DISPLAY_CRS_VALUES.join(', ')}`);
  return found;
}

/** A `pmtiles` basemap: the extract's path (against `baseDir` when relative) and its flavor. */
function vectorBasemapOf(entry: Json, where: string, baseDir: string | undefined) {
  const id = text(entry, 'id', where) ?? 'pmtiles';
  if (!BASEMAP_ID_PATTERN.test(id))
    throw new AtlasConfigError(`${where}.id "${id}" must be lowercase letters, digits and hyphens`);
  const file = text(entry, 'file', where);
  if (!file)
    throw new AtlasConfigError(
      `${where} (pmtiles) needs "file": the PMTiles extract in the Protomaps basemap schema to ship with the site`,
    );
  const flavor = BASEMAP_FLAVORS.find((f) => f === (entry.flavor ?? 'auto'));
  if (!flavor)
    throw new AtlasConfigError(
      `${where}.flavor must be one of ${BASEMAP_FLAVORS.join(', ')} (auto follows the site's theme)`,
    );
  const basemap: BasemapDefinition = {
    id,
    kind: 'pmtiles',
    crs: 'WGS84',
    label: label(entry, where, { zh: '矢量底图', en: 'Vector basemap' }),
    raster: [],
    vector: { path: vectorBasemapPath(id), flavor },
    attribution: text(entry, 'attribution', where) ?? ATTRIBUTION.pmtiles,
  };
  const archive: BasemapArchive = {
    id,
    file: baseDir && !isAbsolute(file) ? resolve(baseDir, file) : file,
    path: vectorBasemapPath(id),
    where,
  };
  return { basemap, archive };
}

/** One configured basemap. `env` supplies TIANDITU_KEY when the entry has no `key`. */
function basemapOf(
  entry: unknown,
  index: number,
  env: Readonly<Record<string, string | undefined>>,
  baseDir: string | undefined,
): BasemapDefinition | { basemap: BasemapDefinition; archive: BasemapArchive } {
  const where = `basemaps[${index}]`;
  if (!isObject(entry)) throw new AtlasConfigError(`${where} must be an object`);
  const type = entry.type;
  if (type !== 'offline' && type !== 'tianditu' && type !== 'osm' && type !== 'amap' && type !== 'pmtiles')
    throw new AtlasConfigError(`${where}.type must be "offline", "tianditu", "osm", "amap" or "pmtiles"`);
  const unknown = Object.keys(entry).filter((k) => !KNOWN_KEYS[type].includes(k));
  if (unknown.length)
    throw new AtlasConfigError(
      `${where} (${type}): unknown key "${unknown[0]}"; known: ${KNOWN_KEYS[type].join(', ')}`,
    );
  if (type === 'offline') return { ...OFFLINE_BASEMAP, label: label(entry, where, OFFLINE_BASEMAP.label) };
  if (type === 'pmtiles') return vectorBasemapOf(entry, where, baseDir);

  const id = text(entry, 'id', where) ?? type;
  if (!BASEMAP_ID_PATTERN.test(id))
    throw new AtlasConfigError(`${where}.id "${id}" must be lowercase letters, digits and hyphens`);
  const tiles = tilesOverride(entry, where);
  const attribution = text(entry, 'attribution', where) ?? ATTRIBUTION[type];
  const raster = (list: string[], minzoom: number, max: number): RasterTiles => ({
    tiles: list,
    tileSize: 256,
    minzoom,
    maxzoom: maxzoom(entry, where, max),
  });
  // Every online kind yields the same record; only the default CRS, name and layers differ.
  // `layers` is called last so that a bad crs or label is reported before a bad maxzoom.
  const definition = (
    crs: DisplayCrs,
    names: { zh: string; en: string },
    layers: () => RasterTiles[],
  ): BasemapDefinition => ({
    id,
    kind: type,
    crs: crsOf(entry, where, crs),
    label: label(entry, where, names),
    raster: layers(),
    attribution,
  });

  if (type === 'tianditu') {
    const styleName = text(entry, 'style', where) ?? 'vec';
    if (!(styleName in TIANDITU_STYLES))
      throw new AtlasConfigError(`${where}.style must be one of ${Object.keys(TIANDITU_STYLES).join(', ')}`);
    const style = TIANDITU_STYLES[styleName as keyof typeof TIANDITU_STYLES];
    const withLabels = entry.labels === undefined ? true : entry.labels;
    if (typeof withLabels !== 'boolean') throw new AtlasConfigError(`${where}.labels must be true or false`);
    let layers: RasterTiles[];
    if (tiles) layers = [raster(tiles, 1, 18)];
    else {
      const key = text(entry, 'key', where) ?? env.TIANDITU_KEY?.trim();
      if (!key)
        throw new AtlasConfigError(
          `${where} (tianditu) needs a key: set the TIANDITU_KEY environment variable or "key" (a browser key from console.tianditu.gov.cn)`,
        );
      if (!/^[A-Za-z0-9]+$/.test(key))
        throw new AtlasConfigError(`${where}: the Tianditu key must be letters and digits`);
      layers = [raster(tiandituTiles(style.map, key), 1, 18)];
      if (withLabels) layers.push(raster(tiandituTiles(style.labels, key), 1, 18));
    }
    return definition('WGS84', { zh: style.zh, en: style.en }, () => layers);
  }
  if (type === 'osm')
    return definition('WGS84', { zh: 'OpenStreetMap', en: 'OpenStreetMap' }, () => [
      raster(tiles ?? OSM_TILES, 0, 19),
    ]);
  return definition('GCJ-02', { zh: '高德地图', en: 'AMap (Gaode)' }, () => [
    raster(tiles ?? AMAP_TILES, 3, 18),
  ]);
}

/**
 * Turns a parsed configuration into basemap definitions. Pure: the environment is passed in,
 * and an extract's relative `file` is resolved against `baseDir` (the configuration's folder)
 * without being read. The offline basemap comes first unless the configuration lists it elsewhere.
 */
export function resolveAtlasConfig(
  json: unknown,
  env: Readonly<Record<string, string | undefined>> = {},
  baseDir?: string,
): Omit<ResolvedAtlasConfig, 'file'> {
  if (!isObject(json)) throw new AtlasConfigError('the configuration must be a JSON object');
  // data_url is read by scripts/vite/data-url.ts, which checks it.
  const unknown = Object.keys(json).filter(
    (k) => !['$comment', 'basemaps', 'default_basemap', 'data_url'].includes(k),
  );
  if (unknown.length)
    throw new AtlasConfigError(`unknown key "${unknown[0]}"; known: basemaps, default_basemap, data_url`);
  const entries = json.basemaps ?? [];
  if (!Array.isArray(entries)) throw new AtlasConfigError('basemaps must be a list');
  const archives: BasemapArchive[] = [];
  const basemaps = entries.map((e, i) => {
    const resolved = basemapOf(e, i, env, baseDir);
    if (!('archive' in resolved)) return resolved;
    archives.push(resolved.archive);
    return resolved.basemap;
  });
  if (!basemaps.some((b) => b.id === OFFLINE_BASEMAP_ID)) basemaps.unshift(OFFLINE_BASEMAP);
  const ids = new Set<string>();
  for (const b of basemaps) {
    if (ids.has(b.id))
      throw new AtlasConfigError(`basemap id "${b.id}" is used twice: give one of them an "id"`);
    ids.add(b.id);
  }
  const defaultBasemap = json.default_basemap ?? OFFLINE_BASEMAP_ID;
  if (typeof defaultBasemap !== 'string' || !ids.has(defaultBasemap))
    throw new AtlasConfigError(`default_basemap must be one of ${[...ids].join(', ')}`);
  return { basemaps, defaultBasemap, archives };
}

/**
 * Checks every extract the configuration names (exists, PMTiles v3 vector tiles, Protomaps
 * schema), so a wrong file stops the build with its name instead of shipping a blank map.
 */
export function checkArchives(archives: readonly BasemapArchive[]): void {
  for (const archive of archives) {
    try {
      inspectBasemapArchive(archive.file);
    } catch (e) {
      throw new AtlasConfigError(`${archive.where} (pmtiles): ${archive.file} ${(e as Error).message}`);
    }
  }
}

/**
 * Reads the configuration: the file `env.ATLAS_CONFIG` names (relative to `root`), else
 * `root/atlas.config.json` when it exists, else the defaults (offline basemap only).
 * `ATLAS_CONFIG=none` means the defaults whatever files exist (the test suite's default build).
 */
export function loadAtlasConfig(
  root: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedAtlasConfig {
  const named = env.ATLAS_CONFIG?.trim();
  if (named === 'none') return { file: null, ...resolveAtlasConfig({}, env) };
  const file = named ? (isAbsolute(named) ? named : join(root, named)) : join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    if (named) throw new AtlasConfigError(`ATLAS_CONFIG names ${file}, which does not exist`);
    return { file: null, ...resolveAtlasConfig({}, env) };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AtlasConfigError(`${file}: ${(e as Error).message}`);
  }
  try {
    const resolved = resolveAtlasConfig(json, env, dirname(file));
    checkArchives(resolved.archives);
    return { file, ...resolved };
  } catch (e) {
    if (e instanceof AtlasConfigError) throw new AtlasConfigError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Origins (`https://host[:port]`) the basemaps load tiles from, sorted, each once. */
export function tileOrigins(basemaps: readonly BasemapDefinition[]): string[] {
  const origins = new Set<string>();
  for (const b of basemaps)
    for (const layer of b.raster)
      for (const t of layer.tiles) origins.add(new URL(t.replace(/\{[a-z]+\}/g, '0')).origin);
  return [...origins].sort();
}
