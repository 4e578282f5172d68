import { brotliCompressSync } from 'node:zlib';
import { Compression } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { buildProtomapsExtract } from '../fixtures/protomaps/make-extract';
import { gzip } from '../pipeline/tiles/gzip';
import {
  checkPmtilesHeader,
  decodeMetadata,
  PMTILES_HEADER_BYTES,
  protomapsSchemaProblem,
} from './protomaps-archive';

const extract = buildProtomapsExtract();
const problem = (head: Uint8Array, size = extract.length) => {
  const checked = checkPmtilesHeader(head, size);
  return 'problem' in checked ? checked.problem : null;
};

describe('checkPmtilesHeader', () => {
  it('passes the fixture extract and reads its header', () => {
    const checked = checkPmtilesHeader(extract.subarray(0, PMTILES_HEADER_BYTES), extract.length);
    expect('header' in checked && checked.header).toMatchObject({ specVersion: 3, tileType: 1, maxZoom: 14 });
  });

  it('says what else the file is', () => {
    expect(problem(new TextEncoder().encode('<!doctype html>'))).toMatch(/^is not a PMTiles archive/);
    expect(problem(extract.subarray(0, 50))).toMatch(/^is not a PMTiles archive/);
    const v2 = extract.slice(0, PMTILES_HEADER_BYTES);
    v2[7] = 2;
    expect(problem(v2)).toMatch(/^is PMTiles version 2; the site reads version 3/);
    const png = extract.slice(0, PMTILES_HEADER_BYTES);
    png[99] = 2; // tile type
    expect(problem(png)).toMatch(/^holds PNG tiles; a vector basemap needs vector tiles/);
    expect(problem(extract.subarray(0, PMTILES_HEADER_BYTES), extract.length - 1)).toMatch(
      new RegExp(
        `^is truncated: its header needs ${extract.length} bytes, the file has ${extract.length - 1}`,
      ),
    );
  });
});

describe('decodeMetadata', () => {
  const json = { vector_layers: [{ id: 'earth' }] };
  const bytes = new TextEncoder().encode(JSON.stringify(json));

  it('reads gzip, brotli and uncompressed metadata', () => {
    expect(decodeMetadata(gzip(bytes), Compression.Gzip)).toEqual({ json });
    expect(decodeMetadata(brotliCompressSync(bytes), Compression.Brotli)).toEqual({ json });
    expect(decodeMetadata(bytes, Compression.None)).toEqual({ json });
  });

  it('says why it cannot', () => {
    expect(decodeMetadata(bytes, Compression.Zstd)).toEqual({ problem: expect.stringMatching(/zstd/) });
    expect(decodeMetadata(bytes, Compression.Gzip)).toEqual({
      problem: expect.stringMatching(/does not decompress/),
    });
    expect(decodeMetadata(new TextEncoder().encode('{'), Compression.None)).toEqual({
      problem: expect.stringMatching(/not JSON/),
    });
  });
});

describe('protomapsSchemaProblem', () => {
  const layers = (...ids: string[]) => ({ vector_layers: ids.map((id) => ({ id, fields: {} })) });

  it('accepts metadata with earth and roads, whatever else was cut', () => {
    expect(protomapsSchemaProblem(layers('earth', 'roads'))).toBeNull();
    expect(
      protomapsSchemaProblem(layers('boundaries', 'buildings', 'earth', 'landuse', 'places', 'roads')),
    ).toBeNull();
  });

  it('names what is missing and what is there', () => {
    expect(protomapsSchemaProblem(layers('transportation', 'water', 'building'))).toMatch(
      /no earth or roads layer \(its vector_layers: transportation, water, building\)/,
    );
    expect(protomapsSchemaProblem(layers('earth'))).toMatch(/no roads layer/);
    expect(protomapsSchemaProblem({ name: 'raster' })).toMatch(/lists no vector_layers/);
    expect(protomapsSchemaProblem(null)).toMatch(/lists no vector_layers/);
  });
});
