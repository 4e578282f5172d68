/**
 * Roads from an OpenStreetMap extract (.osm.pbf), streamed with osm-pbf-parser-node's
 * `OSMTransform` (guarded: see `GuardedOsmTransform`) in two
 * passes (see osm-ways.ts for why and for the memory it takes): the ways, then the nodes of the
 * walkable ones. The second pass stops as soon as every wanted node is found, which in a sorted
 * extract (nodes, then ways, then relations) is before the ways.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { TransformCallback } from 'node:stream';
import { OSMTransform, type OSMOptions } from 'osm-pbf-parser-node';
import { InputError } from '../../table';
import { openFailure } from '../input-file';
import { OSM_WAY_TAG_KEYS, OsmWayCollector } from './osm-ways';
import type { RoadsContent } from './road-types';

/** What osm-pbf-parser-node yields: the header first, then nodes, ways and relations. */
interface OsmItem {
  type?: 'node' | 'way' | 'relation';
  id?: number;
  lat?: number;
  lon?: number;
  refs?: number[];
  tags?: Record<string, string>;
  required_features?: string[];
}

/** Features a reader must understand to read the file; anything else is refused. */
const UNDERSTOOD_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

/**
 * The parser's transform, with its exceptions passed on as stream errors: the parser throws from
 * inside `_transform` on damaged data, which would escape the stream as an uncaught exception,
 * end the process and leave `createOSMStream`'s consumer waiting forever.
 */
class GuardedOsmTransform extends OSMTransform {
  override _transform(chunk: Buffer, encoding: BufferEncoding, next: TransformCallback): void {
    try {
      super._transform(chunk, encoding, next);
    } catch (error) {
      next(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      super._flush(done);
    } catch (error) {
      done(error as Error);
    }
  }
}

/** Streams the file's items to `visit` until it returns false. */
async function stream(file: string, options: OSMOptions, visit: (item: OsmItem) => boolean): Promise<void> {
  const input = createReadStream(file);
  const parser = new GuardedOsmTransform(options);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    read: for await (const batch of parser as AsyncIterable<OsmItem[]>) {
      for (const item of batch) if (!visit(item)) break read;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code !== undefined && (error as NodeJS.ErrnoException).syscall)
      throw openFailure(file, error);
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(
      `${file}: not a readable OSM PBF extract (${message || 'damaged data'}); ` +
        'an .osm.pbf from Geofabrik, BBBike or osmium is expected',
      file,
    );
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/**
 * Reads the walkable ways of an .osm.pbf extract (the rule is in osm-walkable.ts). Throws
 * InputError naming the file when it cannot be opened, is not an OSM PBF (or is one with
 * compression or features the parser does not read, such as a history file), or is damaged.
 */
export async function readOsmPbfRoads(file: string): Promise<RoadsContent> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError(`${file}: is a folder, not a file`, file);
    if (info.size === 0) throw new InputError(`${file}: the file is empty`, file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw openFailure(file, error);
  }
  const collector = new OsmWayCollector();
  let sawHeader = false;
  await stream(
    file,
    { withTags: { node: false, way: OSM_WAY_TAG_KEYS, relation: false }, withInfo: false },
    (item) => {
      if (item.type === 'way') collector.addWay(item.id!, item.refs ?? [], item.tags);
      else if (item.type === undefined && !sawHeader) {
        sawHeader = true;
        const unknown = (item.required_features ?? []).filter((f) => !UNDERSTOOD_FEATURES.has(f));
        if (unknown.length > 0) {
          throw new InputError(
            `${file}: the extract requires features this reader does not handle (${unknown.join(', ')})` +
              (unknown.includes('HistoricalInformation')
                ? ': it is a history file; use a current extract'
                : ''),
            file,
          );
        }
      }
      return true;
    },
  );
  if (collector.prepareNodes() > 0) {
    await stream(file, { withTags: false, withInfo: false }, (item) => {
      if (item.type === 'node') collector.addNode(item.id!, item.lon!, item.lat!);
      return !collector.allNodesFound;
    });
  }
  return collector.finish();
}
