import { describe, expect, it } from 'vitest';
import { LAZY_FFLATE, pmtilesRedirect } from './pmtiles-source';

const SRC = '/repo/node_modules/pmtiles/src/';

describe('pmtilesRedirect', () => {
  it('sends pmtiles to its source from anywhere', () => {
    expect(pmtilesRedirect('pmtiles', '/repo/src/map/pmtiles-protocol.ts', SRC)).toBe('pmtiles-source');
    expect(pmtilesRedirect('pmtiles', undefined, SRC)).toBe('pmtiles-source');
  });

  it("gives pmtiles' source the lazy fflate, query or not", () => {
    expect(pmtilesRedirect('fflate', `${SRC}index.ts`, SRC)).toBe('lazy-fflate');
    expect(pmtilesRedirect('fflate', `${SRC}index.ts?v=1`, SRC)).toBe('lazy-fflate');
  });

  it("resolves the lazy stand-in's own fflate as pmtiles' fflate, not itself", () => {
    expect(pmtilesRedirect('fflate', LAZY_FFLATE, SRC)).toBe('fflate-for-pmtiles');
  });

  it('leaves fflate elsewhere and other packages alone', () => {
    expect(pmtilesRedirect('fflate', '/repo/src/export/zip.ts', SRC)).toBeNull();
    expect(pmtilesRedirect('fflate', '/repo/node_modules/pmtiles/dist/esm/index.js', SRC)).toBeNull();
    expect(pmtilesRedirect('fflate', undefined, SRC)).toBeNull();
    expect(pmtilesRedirect('maplibre-gl', `${SRC}index.ts`, SRC)).toBeNull();
  });
});
