/**
 * Builds the link-preview image (`og-image.png`) from a data folder as `npm run build:data`
 * writes it: manifest.json for the programmes and their sources, communities.geojson for the
 * dots, and Natural Earth 1:10m land from world-atlas for the map. The file I/O of the
 * link-preview image lives here; what it draws is decided by the pure modules beside it.
 *
 * The site's colours and title come in as options: they are defined in src/style/ and src/i18n/,
 * which the build scripts do not import (vite.config.ts passes them).
 */
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseDataFiles, storedPath } from '../../src/contracts/data-files';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Topology } from 'topojson-specification';
import { landFeatures } from '../basemap/natural-earth';
import { CommunityPointsBuilder, parseFeatureLine } from './community-points';
import { ogContent, type OgContentOptions, type OgManifest } from './og-content';
import { ogImageSvg, type OgColors, type OgMarks } from './og-svg';
import type { CommunityPoints } from './overview-map';
import { DEFAULT_FONT_DIRS, findFonts, renderPng } from './render-png';

/** Options of `buildOgImage`. */
export interface OgImageOptions extends OgContentOptions {
  /** The data folder (manifest.json, communities.geojson). */
  dataDir: string;
  colors: OgColors;
  marks: OgMarks;
  /** Folders searched for fonts. Default `DEFAULT_FONT_DIRS`. */
  fontDirs?: readonly string[];
}

/** The image, its alternative text, and what the caller should warn about. */
export interface OgImage {
  png: Uint8Array;
  alt: string;
  warnings: string[];
}

/** Files of a communities.geojson larger than this must be one feature per line (the build's layout). */
const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;

/** The communities of a communities.geojson, read a line at a time. */
export async function readCommunityPoints(file: string): Promise<CommunityPoints> {
  const builder = new CommunityPointsBuilder();
  let features = 0;
  let lines = 0;
  const input = createReadStream(file, { encoding: 'utf8' });
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lines++;
    const feature = parseFeatureLine(line);
    if (feature === null) continue;
    builder.addFeature(feature);
    features++;
  }
  // Not the build's one-feature-per-line layout (a file written by hand, pretty-printed or on one line).
  if (features === 0 && lines > 0) {
    const text = await readFile(file, 'utf8');
    if (text.length > WHOLE_FILE_LIMIT)
      throw new Error(`${file}: not one feature per line, and too large to read whole`);
    let json: { features?: unknown };
    try {
      json = JSON.parse(text) as { features?: unknown };
    } catch (e) {
      throw new Error(`${file}: not GeoJSON (${(e as Error).message})`, { cause: e });
    }
    if (Array.isArray(json.features)) for (const f of json.features) builder.addFeature(f);
  }
  return builder.build();
}

/** Natural Earth 1:10m land polygons from the installed world-atlas. */
async function readLand(): Promise<number[][][][]> {
  const path = createRequire(import.meta.url).resolve('world-atlas/land-10m.json');
  const topology = JSON.parse(await readFile(path, 'utf8')) as Topology;
  return landFeatures(topology).map((f) => f.geometry.coordinates);
}

/**
 * Draws the image, or returns null with the reason when the folder holds no data build (the
 * site is then built without a link-preview image). Throws, naming the file, on a manifest
 * that is not JSON.
 */
export async function buildOgImage(options: OgImageOptions): Promise<OgImage | { skipped: string }> {
  const manifestFile = join(options.dataDir, 'manifest.json');
  if (!existsSync(manifestFile))
    return { skipped: `${manifestFile} not found: run \`npm run build:data\` before \`vite build\`` };
  let manifest: OgManifest & { bbox?: [number, number, number, number] | null; files?: unknown };
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as typeof manifest;
  } catch (e) {
    throw new Error(`${manifestFile}: ${(e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(manifest.programmes)) throw new Error(`${manifestFile}: no "programmes" list`);
  // Under its content-hashed name in a `--hash-names` build: the manifest says which.
  // parseDataFiles, as the site reads the list: a hashed_path joined onto dataDir is checked first.
  const listed = parseDataFiles(manifest.files)?.find((f) => f.path === 'communities.geojson');
  const communitiesFile = join(options.dataDir, listed ? storedPath(listed) : 'communities.geojson');
  const points = existsSync(communitiesFile)
    ? await readCommunityPoints(communitiesFile)
    : new CommunityPointsBuilder().build();

  const warnings: string[] = [];
  const fonts = findFonts(options.fontDirs ?? DEFAULT_FONT_DIRS);
  const searched = (options.fontDirs ?? DEFAULT_FONT_DIRS).join(', ');
  if (!fonts.family)
    warnings.push(`no font found (searched ${searched}): og-image.png is drawn without any text`);
  else if (!fonts.cjk)
    warnings.push(
      `no Chinese font found (searched ${searched}; install fonts-noto-cjk): og-image.png is drawn with ${fonts.family}, without its Chinese text`,
    );

  const content = ogContent(manifest, points, options);
  const svg = ogImageSvg({
    content,
    land: await readLand(),
    points,
    bbox: manifest.bbox ?? null,
    colors: options.colors,
    marks: options.marks,
    fontFamily: [fonts.family, 'Noto Sans CJK SC', 'sans-serif'].filter(Boolean).join(', '),
  });
  return { png: await renderPng(svg, fonts), alt: content.alt, warnings };
}
