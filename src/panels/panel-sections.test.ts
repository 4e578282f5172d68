import { describe, expect, it } from 'vitest';
import { AMENITY_TYPES } from '../domain/vocabulary';
import { distanceMethod, fundingBreakdown, lifeCircleCoverage, parseSourceRow } from './panel-sections';

describe('fundingBreakdown', () => {
  it('is null when the feature reports no channel, even with a derived total of 0', () => {
    expect(fundingBreakdown({ fund_total: 0, fund_fiscal: 0, name: 'x' })).toBeNull();
  });

  it('lists the reported channels largest first with their shares', () => {
    const b = fundingBreakdown({
      fund_total: 999, // derived; the breakdown sums the channels itself
      fund_central: 300,
      fund_residents: 100,
      fund_local: 600,
      fund_social: 0,
      fund_bogus: 5,
    })!;
    expect(b.channels.map((c) => [c.field, c.yuan, c.share, c.fiscal])).toEqual([
      ['fund_local', 600, 0.6, true],
      ['fund_central', 300, 0.3, true],
      ['fund_residents', 100, 0.1, false],
      ['fund_social', 0, 0, false],
    ]);
    expect([b.total, b.fiscal, b.nonfiscal]).toEqual([1000, 900, 100]);
  });

  it('gives zero shares when every reported channel is zero', () => {
    const b = fundingBreakdown({ fund_central: 0 })!;
    expect(b.channels).toEqual([{ field: 'fund_central', yuan: 0, share: 0, fiscal: true }]);
  });
});

describe('lifeCircleCoverage', () => {
  it('is null without a life-circle result', () => {
    expect(lifeCircleCoverage({ dist_market: 100 })).toBeNull();
  });

  it('judges each type against its own circle and keeps the build’s verdict', () => {
    const props: Record<string, unknown> = { lc5_met: false, lc10_met: true, lc15_met: false };
    // Every 10-minute type at exactly 500 m (inclusive), one 5-minute type at 301 m.
    for (const a of AMENITY_TYPES) {
      if (a.circle === 'lc10') props[`dist_${a.type}`] = 500;
      if (a.circle === 'lc5') props[`dist_${a.type}`] = 100;
    }
    props.dist_kindergarten = 301;
    const circles = lifeCircleCoverage(props)!;
    expect(circles.map((c) => [c.key, c.radius, c.met])).toEqual([
      ['lc5', 300, false],
      ['lc10', 500, true],
      ['lc15', 1000, false],
    ]);
    const five = circles[0]!;
    expect(five.types.length).toBe(AMENITY_TYPES.filter((a) => a.circle === 'lc5').length);
    expect(five.okCount).toBe(five.types.length - 1);
    expect(five.types.find((t) => t.type === 'kindergarten')).toMatchObject({
      distance: 301,
      ok: false,
      zh: '幼儿园',
    });
    expect(circles[1]!.types.every((t) => t.ok)).toBe(true);
    // No 15-minute distances: none found within the search radius.
    expect(circles[2]!.types.every((t) => t.distance === null && !t.ok)).toBe(true);
  });

  it('reads flags written as 0/1 or text', () => {
    expect(lifeCircleCoverage({ lc5_met: 1, lc10_met: 'false', lc15_met: 0 })!.map((c) => c.met)).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('parseSourceRow', () => {
  it('splits file and row', () => {
    expect(parseSourceRow('communities.csv:12')).toEqual({ file: 'communities.csv', row: 12 });
    expect(parseSourceRow('C:/data/台账.xlsx:7')).toEqual({ file: 'C:/data/台账.xlsx', row: 7 });
    expect(parseSourceRow(':7')).toBeNull();
    expect(parseSourceRow(12)).toBeNull();
  });
});

describe('distanceMethod', () => {
  it('reads walking and off-network communities, and nothing else', () => {
    expect(distanceMethod({ distance_method: 'network' })).toBe('network');
    expect(distanceMethod({ distance_method: 'straight_line' })).toBe('straight_line');
    // A build without roads writes none; the manifest's spelling is not a community's.
    expect(distanceMethod({})).toBeNull();
    expect(distanceMethod({ distance_method: 'straight-line' })).toBeNull();
  });
});
