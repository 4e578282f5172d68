import { describe, expect, it } from 'vitest';
import { STAGES } from '../../src/domain/vocabulary';
import { CommunityPointsBuilder, parseFeatureLine } from './community-points';
import { NO_PROGRAMME, NO_STAGE } from './overview-map';

const feature = (stage: unknown, synthetic: unknown, coordinates: unknown = [118.1, 24.5]) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties: { stage, is_synthetic: synthetic },
});

describe('CommunityPointsBuilder', () => {
  it('keeps position, stage and the illustrative flag in typed columns, growing past its first size', () => {
    const builder = new CommunityPointsBuilder();
    for (let i = 0; i < 3000; i++) builder.addFeature(feature('completed', i % 2 === 0));
    builder.addFeature(feature('surveyed', 1));
    builder.addFeature(feature('不明', 'true'));
    builder.addFeature(feature(undefined, false));
    const points = builder.build();
    expect(points.length).toBe(3003);
    expect(points.lng).toBeInstanceOf(Float64Array);
    expect(points.stage[0]).toBe(STAGES.indexOf('completed'));
    expect([points.synthetic[0], points.synthetic[1]]).toEqual([1, 0]);
    expect(points.stage[3000]).toBe(0);
    expect(points.synthetic[3000]).toBe(1);
    expect([points.stage[3001], points.synthetic[3001]]).toEqual([NO_STAGE, 1]);
    expect(points.stage[3002]).toBe(NO_STAGE);
  });

  it('numbers the programmes in the order they first appear', () => {
    const builder = new CommunityPointsBuilder();
    for (const programme of ['xiamen', 'changsha', 'xiamen', undefined])
      builder.addFeature({ ...feature('completed', false), properties: { stage: 'completed', programme } });
    const points = builder.build();
    expect(points.programmeIds).toEqual(['xiamen', 'changsha']);
    expect([...points.programme]).toEqual([0, 1, 0, NO_PROGRAMME]);
  });

  it('skips what is not a Point with numeric coordinates', () => {
    const builder = new CommunityPointsBuilder();
    builder.addFeature({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: {} });
    builder.addFeature(feature('completed', false, ['x', 1]));
    builder.addFeature(null);
    expect(builder.build().length).toBe(0);
  });
});

describe('parseFeatureLine', () => {
  it('reads the build’s feature lines and ignores the collection’s head and tail', () => {
    expect(parseFeatureLine('{"type":"FeatureCollection","features":[')).toBeNull();
    expect(parseFeatureLine(']}')).toBeNull();
    expect(parseFeatureLine(`${JSON.stringify(feature('design', false))},`)).toEqual(
      feature('design', false),
    );
    expect(parseFeatureLine('{"type":"Feature", broken')).toBeNull();
  });
});
