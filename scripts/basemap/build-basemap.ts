/**
 * The offline basemap: Natural Earth land and country borders (public domain), from the
 * world-atlas package's TopoJSON, as GeoJSON the site can load without a tile server.
 *
 * Generated at build time rather than committed: the files are ~1.5 MB and are fully
 * determined by the installed world-atlas version. The Vite plugin (scripts/vite/basemap.ts)
 * serves them in `npm start` and writes them into dist/ in `npm run build`; run this file to
 * write them to a folder for inspection: `tsx scripts/basemap/build-basemap.ts --out DIR`.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Options of `buildBasemap`. */
export interface BasemapOptions {
  /** Natural Earth scale: 50m is detailed enough for city views, 110m is a fifth of the size. Default 50m. */
  scale?: '50m' | '110m';
  /** Decimal places kept in coordinates. Default 4 (~11 m, far below the data's own precision). */
  precision?: number;
}

/** File name (relative to the site root) → GeoJSON text. */
export type BasemapFiles = Record<string, string>;

/** Rounds coordinates while serialising, so the output is small and byte-stable. */
function stringify(value: unknown, precision: number): string {
  const f = 10 ** precision;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? Math.round(v * f) / f : v));
}

/**
 * Converts world-atlas topologies into the basemap's GeoJSON files. Borders are the arcs two
 * countries share (a mesh), so coastlines are not drawn twice and each border is one line.
 */
export function buildBasemap(
  land: Topology,
  countries: Topology,
  options: BasemapOptions = {},
): BasemapFiles {
  const precision = options.precision ?? 4;
  const landObject = land.objects.land as GeometryCollection | undefined;
  const countryObject = countries.objects.countries as GeometryCollection | undefined;
  if (!landObject) throw new Error('land topology has no "land" object');
  if (!countryObject) throw new Error('countries topology has no "countries" object');
  const landGeoJson = feature(land, landObject) as FeatureCollection<Geometry>;
  const borders: MultiLineString = mesh(countries, countryObject, (a, b) => a !== b);
  const bordersGeoJson: FeatureCollection<MultiLineString> = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { kind: 'country_border' }, geometry: borders }],
  };
  return {
    'basemap/land.geojson': stringify(landGeoJson, precision),
    'basemap/borders.geojson': stringify(bordersGeoJson, precision),
  };
}

/** Reads the installed world-atlas topologies and builds the basemap files. */
export async function buildBasemapFromPackage(options: BasemapOptions = {}): Promise<BasemapFiles> {
  const require = createRequire(import.meta.url);
  const scale = options.scale ?? '50m';
  const read = async (name: string) =>
    JSON.parse(await readFile(require.resolve(`world-atlas/${name}-${scale}.json`), 'utf8')) as Topology;
  return buildBasemap(await read('land'), await read('countries'), options);
}

async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--out');
  const out = i >= 0 ? args[i + 1] : undefined;
  if (!out) {
    console.error('usage: tsx scripts/basemap/build-basemap.ts --out DIR');
    process.exitCode = 2;
    return;
  }
  const files = await buildBasemapFromPackage();
  for (const [name, text] of Object.entries(files)) {
    const path = join(out, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
    console.log(`${path}  ${(text.length / 1024).toFixed(0)} KiB`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
