import { describe, expect, it } from 'vitest';
import { archiveUrlOf } from './pmtiles-protocol';

describe('archiveUrlOf', () => {
  it('finds the archive of the source request and of its tile requests', () => {
    const archive = 'http://192.168.1.20:8080/data/gcj02/communities.pmtiles';
    expect(archiveUrlOf(`pmtiles://${archive}`)).toBe(archive);
    expect(archiveUrlOf(`pmtiles://${archive}/14/13712/6675`)).toBe(archive);
    expect(archiveUrlOf('https://example.org/x.json')).toBeNull();
  });
});
