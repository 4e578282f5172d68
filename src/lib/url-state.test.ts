import { describe, expect, it } from 'vitest';
import { migrateSearch, parseUrlState, serialiseUrlState, urlFormatVersion } from './url-state';

describe('URL state', () => {
  it('defaults to Chinese', () => {
    expect(parseUrlState('')).toEqual({ lang: 'zh' });
  });

  it('reads ?lang=en, ignoring values it does not know', () => {
    expect(parseUrlState('?lang=en')).toEqual({ lang: 'en' });
    expect(parseUrlState('?lang=fr')).toEqual({ lang: 'zh' });
  });

  it('leaves defaults out, keeps parameters it does not own and stamps the format version', () => {
    expect(serialiseUrlState({ lang: 'zh' }, '?lang=en&v=2')).toBe('');
    expect(serialiseUrlState({ lang: 'en' }, '?focus=abc')).toBe('?focus=abc&lang=en&v=2');
  });

  it('reads ?basemap= when it is an id, and removes it only when told to', () => {
    expect(parseUrlState('?basemap=amap').basemap).toBe('amap');
    expect(parseUrlState('?basemap=<x>').basemap).toBeUndefined();
    expect(serialiseUrlState({ lang: 'zh', basemap: 'osm' }, '?lang=en')).toBe('?basemap=osm&v=2');
    expect(serialiseUrlState({ lang: 'zh', basemap: null }, '?basemap=osm')).toBe('');
    expect(serialiseUrlState({ lang: 'zh' }, '?basemap=osm')).toBe('?basemap=osm&v=2');
  });

  it('reads ?community= (the open panel) and removes it only when told to', () => {
    expect(parseUrlState('?community=CS-N01').community).toBe('CS-N01');
    expect(parseUrlState('?community=%E5%B0%8F%E5%8C%BA%201').community).toBe('小区 1');
    expect(parseUrlState('?community=').community).toBeUndefined();
    expect(parseUrlState(`?community=${'x'.repeat(201)}`).community).toBeUndefined();
    expect(serialiseUrlState({ lang: 'zh', community: 'A&B' }, '')).toBe('?community=A%26B&v=2');
    expect(serialiseUrlState({ lang: 'zh', community: null }, '?community=A')).toBe('');
    expect(serialiseUrlState({ lang: 'zh' }, '?community=A')).toBe('?community=A&v=2');
  });

  it('keeps ?community= of a version-1 link through the migration', () => {
    const migrated = migrateSearch('?community=CS-N01&hex=1');
    expect(parseUrlState(migrated).community).toBe('CS-N01');
    expect(urlFormatVersion(migrated)).toBe(2);
  });

  it('round-trips', () => {
    const state = { lang: 'en' } as const;
    expect(parseUrlState(serialiseUrlState(state))).toEqual(state);
  });
});

describe('old links', () => {
  it('reads the format version, 1 for an address without one', () => {
    expect(urlFormatVersion('')).toBe(1);
    expect(urlFormatVersion('?hex=1')).toBe(1);
    expect(urlFormatVersion('?v=2&layer=funding')).toBe(2);
    expect(urlFormatVersion('?v=banana')).toBe(1);
  });

  it('opens the funding layer for a version-1 ?hex=1, keeping the rest of the link', () => {
    expect(migrateSearch('?hex=1')).toBe('?layer=funding&v=2');
    expect(migrateSearch('?lang=en&hex=true&focus=abc')).toBe('?lang=en&focus=abc&layer=funding&v=2');
    expect(migrateSearch('?hex=0&lang=en')).toBe('?lang=en&v=2');
    expect(migrateSearch('')).toBe('');
  });

  it('leaves a current address alone, whatever its hex says', () => {
    expect(migrateSearch('?layer=services&v=2')).toBe('?layer=services&v=2');
    expect(migrateSearch('?hex=1&v=2')).toBe('?hex=1&v=2');
  });
});
