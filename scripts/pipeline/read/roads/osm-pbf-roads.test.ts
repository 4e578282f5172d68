import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOsmPbf, type PbfExtract } from '../../../fixtures/roads/osm-pbf-writer';
import { InputError } from '../../table';
import { readOsmPbfRoads } from './osm-pbf-roads';

const dir = mkdtempSync(join(tmpdir(), 'osm-pbf-roads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (bytes: Uint8Array | string): string => {
  const path = join(dir, `extract-${n++}.osm.pbf`);
  writeFileSync(path, bytes);
  return path;
};

/** A small street grid in Wuhan: two ways crossing at node 3, others filtered or broken. */
const extract: PbfExtract = {
  nodes: [
    { id: 1, lon: 114.3, lat: 30.6 },
    { id: 2, lon: 114.3012345, lat: 30.6 },
    { id: 3, lon: 114.302, lat: 30.6001 },
    { id: 4, lon: 114.302, lat: 30.602 },
    { id: 5, lon: 114.31, lat: 30.61 },
    { id: 6, lon: 114.32, lat: 30.62, tags: { amenity: 'school' } },
    { id: 7, lon: 114.302, lat: 30.599 },
  ],
  ways: [
    { id: 100, refs: [1, 2, 3], tags: { highway: 'residential', name: 'Shengli St', 'name:zh': '胜利街' } },
    { id: 101, refs: [7, 3, 4], tags: { highway: 'footway' } },
    { id: 102, refs: [4, 5], tags: { highway: 'motorway' } },
    { id: 103, refs: [5, 6], tags: { highway: 'service', access: 'private' } },
    { id: 104, refs: [5, 6, 1], tags: { building: 'yes' } },
    { id: 105, refs: [4, 8_000_000_001], tags: { highway: 'primary' } },
    { id: 106, refs: [4, 5], tags: { highway: 'secondary', name: '沿江大道' } },
  ],
  blockSize: 2,
};

describe('readOsmPbfRoads', () => {
  it('reads the walkable ways of an extract spread over several blocks, sharing node 3', async () => {
    const read = await readOsmPbfRoads(file(writeOsmPbf(extract)));
    expect(read.lines.map((l) => [l.name, l.roadClass, [...l.coords]])).toEqual([
      ['胜利街', 'minor', [114.3, 30.6, 114.3012345, 30.6, 114.302, 30.6001]],
      [undefined, 'path', [114.302, 30.599, 114.302, 30.6001, 114.302, 30.602]],
      ['沿江大道', 'major', [114.302, 30.602, 114.31, 30.61]],
    ]);
    // The crossing is one node: the same coordinates, bit for bit, in both ways.
    expect([read.lines[0]!.coords[4], read.lines[0]!.coords[5]]).toEqual([
      read.lines[1]!.coords[2],
      read.lines[1]!.coords[3],
    ]);
    expect(read.rejected).toEqual([
      {
        feature: 105,
        column: 'refs',
        value: '8000000001',
        reason: 'node 8000000001 is not in the file (an extract cut through the way?)',
      },
    ]);
    expect([read.featuresRead, read.filtered, read.crs]).toEqual([6, 2, 'WGS84']);
    expect(read.featuresRead).toBe(read.lines.length + read.filtered + read.rejected.length);
  });

  it('reads an extract with no walkable way as empty, counting what it filtered', async () => {
    const read = await readOsmPbfRoads(
      file(
        writeOsmPbf({ nodes: extract.nodes, ways: [{ id: 1, refs: [1, 2], tags: { highway: 'motorway' } }] }),
      ),
    );
    expect([read.lines.length, read.featuresRead, read.filtered]).toEqual([0, 1, 1]);
  });

  it('refuses what is not an OSM extract, naming the file', async () => {
    const text = file('<osm version="0.6"></osm>\n');
    await expect(readOsmPbfRoads(text)).rejects.toThrow(InputError);
    await expect(readOsmPbfRoads(text)).rejects.toThrow(`${text}: not a readable OSM PBF extract`);
    const empty = file('');
    await expect(readOsmPbfRoads(empty)).rejects.toThrow(`${empty}: the file is empty`);
    const whole = writeOsmPbf(extract);
    await expect(readOsmPbfRoads(file(whole.slice(0, whole.length - 20)))).rejects.toThrow(
      /not a readable OSM PBF extract/,
    );
    // A block header that is no BlobHeader: the parser throws inside its stream, which must end
    // as this error rather than as an uncaught exception.
    const garbage = file(new Uint8Array([0, 0, 0, 5, 1, 2, 3, 4, 5]));
    await expect(readOsmPbfRoads(garbage)).rejects.toThrow(
      `${garbage}: not a readable OSM PBF extract (input sequence error)`,
    );
  });

  it('refuses a history file, a missing file and a folder', async () => {
    const history = file(
      writeOsmPbf({
        ...extract,
        requiredFeatures: ['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation'],
      }),
    );
    await expect(readOsmPbfRoads(history)).rejects.toThrow(
      `${history}: the extract requires features this reader does not handle (HistoricalInformation): it is a history file; use a current extract`,
    );
    const missing = join(dir, 'nowhere.osm.pbf');
    await expect(readOsmPbfRoads(missing)).rejects.toThrow(`${missing}: file not found`);
    const folder = join(dir, 'folder.osm.pbf');
    mkdirSync(folder);
    await expect(readOsmPbfRoads(folder)).rejects.toThrow(`${folder}: is a folder, not a file`);
  });
});
