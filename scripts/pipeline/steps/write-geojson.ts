import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataFileEntry } from '../../../src/contracts/data-files';
import type { FlatProperties } from '../../../src/contracts/tile-properties';
import type { AmenityRecord, CommunityRecord } from '../../../src/domain/schema';
import { StreamDigest } from '../output/output-files';
import type { StoryBuilder } from '../story';
import type { PropertiesOf } from './life-circles';
import type { OutputWriter } from './output-writer';
import type { Lap } from './step-timer';

/** GeoJSON coordinates rounded to 1e-7 degrees (about 1 cm). */
const roundCoord = (v: number) => Math.round(v * 1e7) / 1e7;

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
  // Each batch is encoded once, into one buffer kept for the whole file: hashing and writing the
  // string each made a UTF-8 copy of it, a few MB of short-lived native memory per megabyte.
  // Sized for the worst case, three UTF-8 bytes per UTF-16 unit, rather than measured: measuring
  // each batch's UTF-8 length took a pass of its own, ~0.9 s of the national GeoJSON's 7.5 s in a
  // CPU profile.
  let buffer = Buffer.allocUnsafe(4 << 20);
  const flush = async (batch: string) => {
    if (batch.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(batch.length * 3);
    const length = buffer.write(batch);
    const bytes = buffer.subarray(0, length);
    digest.add(bytes);
    await file.write(bytes);
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

/**
 * Writes communities.geojson and, when there are amenities, amenities.geojson. The story's
 * running sums are fed here, while each community's properties exist anyway.
 */
export async function writeGeojson(
  records: readonly CommunityRecord[],
  amenities: readonly AmenityRecord[],
  propertiesOf: PropertiesOf,
  story: StoryBuilder,
  out: OutputWriter,
  lap: Lap,
): Promise<void> {
  const t = performance.now();
  const communities = await writeFeatureCollection(out.dir, 'communities.geojson', records.length, (i) => {
    const r = records[i]!;
    const properties = propertiesOf(i);
    story.add(r.lng, r.lat, properties);
    return JSON.stringify({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [roundCoord(r.lng), roundCoord(r.lat)] },
      properties,
    });
  });
  out.streamed(communities);
  if (amenities.length) {
    const entry = await writeFeatureCollection(out.dir, 'amenities.geojson', amenities.length, (i) => {
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
    out.streamed(entry);
  }
  lap('write_geojson', t);
}
