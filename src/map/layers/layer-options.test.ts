import { describe, expect, it } from 'vitest';
import { AMENITY_TYPES, FUNDING_CHANNELS } from '../../domain/vocabulary';
import { migrateSearch } from '../../lib/url-state';
import {
  DEFAULT_LAYER_OPTIONS,
  communityViewFor,
  effectiveCircle,
  FUNDING_MEASURES,
  parseLayerOptions,
  serialiseLayerOptions,
  type LayerOptions,
} from './layer-options';

const withLayer = (patch: Partial<LayerOptions>): LayerOptions => ({ ...DEFAULT_LAYER_OPTIONS, ...patch });

describe('layer options in the address', () => {
  it('defaults to the status layer with nothing chosen', () => {
    expect(parseLayerOptions('')).toEqual(DEFAULT_LAYER_OPTIONS);
    expect(serialiseLayerOptions(DEFAULT_LAYER_OPTIONS, '')).toBe('');
  });

  it('reads each option and ignores values it does not know', () => {
    expect(
      parseLayerOptions('?layer=funding&fund=central&per=household&extrude=1&month=2023-06').funding,
    ).toEqual({ measure: 'fund_central', per: 'household', extrude: true });
    expect(parseLayerOptions('?month=2023-06').month).toBe('2023-06');
    const bad = parseLayerOptions(
      '?layer=roads&fund=gold&per=acre&extrude=yes&month=2023-13&amenity=spa&circle=7&gap=1&access=spa',
    );
    expect(bad).toEqual(DEFAULT_LAYER_OPTIONS);
    expect(parseLayerOptions('?layer=services&amenity=elderly_daycare&circle=10&gap=1').services).toEqual({
      amenity: 'elderly_daycare',
      circle: 'lc10',
      gap: true,
      access: null,
    });
    expect(parseLayerOptions('?layer=services&access=health_station').services).toEqual({
      amenity: null,
      circle: null,
      gap: false,
      access: 'health_station',
    });
  });

  it('offers every funding channel, and leverage', () => {
    for (const c of FUNDING_CHANNELS) expect(FUNDING_MEASURES).toContain(c.field);
    expect(FUNDING_MEASURES).toContain('leverage');
  });

  it('writes only the shown layer options and keeps other parameters', () => {
    const options: LayerOptions = {
      layer: 'funding',
      month: '2022-01',
      funding: { measure: 'fund_social', per: 'household', extrude: true },
      services: { amenity: 'kindergarten', circle: 'lc5', gap: true, access: 'health_station' },
    };
    expect(serialiseLayerOptions(options, '?lang=en&month=2020-01')).toBe(
      '?lang=en&layer=funding&fund=social&per=household&extrude=1',
    );
    expect(serialiseLayerOptions({ ...options, layer: 'services' }, '')).toBe(
      '?layer=services&amenity=kindergarten&circle=5&gap=1&access=health_station',
    );
    expect(serialiseLayerOptions({ ...options, layer: 'status' }, '?layer=funding&fund=social')).toBe(
      '?month=2022-01',
    );
  });

  it('does not divide leverage by anything', () => {
    const leverage = withLayer({
      layer: 'funding',
      funding: { measure: 'leverage', per: 'household', extrude: false },
    });
    expect(serialiseLayerOptions(leverage)).toBe('?layer=funding&fund=leverage');
  });

  it('round-trips every measure and amenity type', () => {
    for (const measure of FUNDING_MEASURES) {
      const o = withLayer({ layer: 'funding', funding: { measure, per: 'km2', extrude: false } });
      expect(parseLayerOptions(serialiseLayerOptions(o))).toEqual(o);
    }
    for (const { type } of AMENITY_TYPES) {
      const o = withLayer({
        layer: 'services',
        services: { amenity: type, circle: 'lc15', gap: true, access: type },
      });
      expect(parseLayerOptions(serialiseLayerOptions(o))).toEqual(o);
    }
  });

  it('opens an old ?hex=1 link on the funding layer', () => {
    expect(parseLayerOptions(migrateSearch('?hex=1')).layer).toBe('funding');
    expect(parseLayerOptions(migrateSearch('?hex=0')).layer).toBe('status');
  });
});

describe('effectiveCircle', () => {
  it('is the chosen circle, else the chosen type’s own', () => {
    const none = { gap: false, access: null };
    expect(effectiveCircle({ amenity: 'primary_school', circle: null, ...none })).toBe('lc10');
    expect(effectiveCircle({ amenity: 'primary_school', circle: 'lc15', ...none })).toBe('lc15');
    expect(effectiveCircle({ amenity: null, circle: null, ...none })).toBe('lc5');
  });
});

describe('communityViewFor', () => {
  it('colours by stage, by month, by coverage or by gap as the options say', () => {
    expect(communityViewFor(DEFAULT_LAYER_OPTIONS)).toEqual({ kind: 'stage' });
    expect(communityViewFor(withLayer({ month: '2022-03' }))).toEqual({ kind: 'timeline', month: '2022-03' });
    // A month belongs to the status layer only.
    expect(communityViewFor(withLayer({ layer: 'services', month: '2022-03' }))).toEqual({
      kind: 'coverage',
    });
    const services = { amenity: 'kindergarten', circle: null, gap: true, access: null };
    expect(communityViewFor(withLayer({ layer: 'services', services }))).toEqual({
      kind: 'gap',
      type: 'kindergarten',
      circle: 'lc5',
    });
    expect(communityViewFor(withLayer({ layer: 'services', services: { ...services, gap: false } }))).toEqual(
      {
        kind: 'coverage',
      },
    );
  });
});
