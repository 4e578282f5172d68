import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePmtiles } from '../tiles/pmtiles-writer';
import { TileSpool } from '../tiles/tile-spool';
import { OutputWriter } from './output-writer';
import { writeArchive } from './write-archive';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'write-archive-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const header = {
  minZoom: 0,
  maxZoom: 0,
  bounds: [-1, -1, 1, 1] as [number, number, number, number],
  center: [0, 0, 0] as [number, number, number],
};
const tile = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('writeArchive', () => {
  it('writes the archive writePmtiles lays out, then closes the spool it read', async () => {
    const spool = new TileSpool({ dir });
    spool.set(0, tile);
    const expected = writePmtiles(new Map([[0, tile]]), header, { name: 't' });
    await writeArchive(new OutputWriter(dir), 't.pmtiles', spool, header, { name: 't' });
    expect(Buffer.from(readFileSync(join(dir, 't.pmtiles'))).equals(expected)).toBe(true);
    expect(() => spool.get(0)).toThrow(/after close/);
  });

  it('closes the spool when the write fails', async () => {
    const spool = new TileSpool({ dir });
    spool.set(0, tile);
    const failing = { writePieces: () => Promise.reject(new Error('disk full')) } as unknown as OutputWriter;
    await expect(writeArchive(failing, 't.pmtiles', spool, header, {})).rejects.toThrow('disk full');
    expect(() => spool.get(0)).toThrow(/after close/);
  });
});
