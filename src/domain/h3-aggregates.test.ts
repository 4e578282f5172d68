import { cellArea, getResolution, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './mulberry32';
import { FUNDING_CHANNELS, STAGES } from './vocabulary';
import { aggregateH3, DEFAULT_H3_RESOLUTIONS, type H3CellSummary, type H3Community } from './h3-aggregates';

/** Random communities around three cities, integer yuan, some fields missing. */
function randomCommunities(n: number, seed: number): H3Community[] {
  const rnd = mulberry32(seed);
  const centres = [
    [116.4, 39.9],
    [121.47, 31.23],
    [104.07, 30.67],
  ] as const;
  return Array.from({ length: n }, () => {
    const [lng, lat] = centres[Math.floor(rnd() * centres.length)] as readonly [number, number];
    const funds: Partial<Record<string, number>> = {};
    for (const channel of FUNDING_CHANNELS)
      if (rnd() < 0.5) funds[channel.field] = Math.floor(rnd() * 5_000_000);
    return {
      lng: lng + (rnd() - 0.5) * 0.6,
      lat: lat + (rnd() - 0.5) * 0.6,
      ...(rnd() < 0.9 ? { households: 50 + Math.floor(rnd() * 800) } : {}),
      ...(rnd() < 0.8 ? { residents: 100 + Math.floor(rnd() * 2000) } : {}),
      ...(rnd() < 0.95 ? { stage: STAGES[Math.floor(rnd() * STAGES.length)] as string } : {}),
      funds,
    };
  });
}

function sum(cells: readonly H3CellSummary[], key: keyof H3CellSummary): number {
  return cells.reduce((s, c) => s + (c[key] as number), 0);
}

describe('aggregateH3', () => {
  it('keeps every total at every resolution', () => {
    const communities = randomCommunities(3000, 7);
    const layers = aggregateH3(communities);
    expect(layers.map((l) => l.resolution)).toEqual([...DEFAULT_H3_RESOLUTIONS]);

    const fund = (field: string): number => communities.reduce((s, c) => s + (c.funds[field] ?? 0), 0);
    const fiscalFields = FUNDING_CHANNELS.filter((c) => c.fiscal).map((c) => c.field);
    const expected = {
      count: communities.length,
      households: communities.reduce((s, c) => s + (c.households ?? 0), 0),
      residents: communities.reduce((s, c) => s + (c.residents ?? 0), 0),
      completed: communities.filter((c) => c.stage === 'completed' || c.stage === 'accepted').length,
      fund_total: FUNDING_CHANNELS.reduce((s, c) => s + fund(c.field), 0),
      fund_fiscal: fiscalFields.reduce((s, f) => s + fund(f), 0),
    };
    for (const layer of layers) {
      const cells = layer.cells;
      expect(cells.every((c) => getResolution(c.h3) === layer.resolution)).toBe(true);
      expect(new Set(cells.map((c) => c.h3)).size).toBe(cells.length);
      expect(sum(cells, 'count')).toBe(expected.count);
      expect(sum(cells, 'households')).toBe(expected.households);
      expect(sum(cells, 'residents')).toBe(expected.residents);
      expect(sum(cells, 'completed')).toBe(expected.completed);
      expect(sum(cells, 'fund_total')).toBe(expected.fund_total);
      expect(sum(cells, 'fund_fiscal')).toBe(expected.fund_fiscal);
      expect(sum(cells, 'fund_nonfiscal')).toBe(expected.fund_total - expected.fund_fiscal);
      for (const channel of FUNDING_CHANNELS) expect(sum(cells, channel.field)).toBe(fund(channel.field));
    }
    // Coarser resolutions have fewer, fuller cells.
    const [r5, r7, r8] = layers.map((l) => l.cells.length) as [number, number, number];
    expect(r5).toBeLessThan(r7);
    expect(r7).toBeLessThan(r8);
  });

  it('keeps totals exact when 万元 converted to yuan carries float noise', () => {
    const rnd = mulberry32(3);
    // 43.62 万元 × 10000 is 436199.99999999994 in floating point.
    const communities: H3Community[] = Array.from({ length: 2000 }, () => ({
      lng: 120 + rnd() * 0.5,
      lat: 30 + rnd() * 0.5,
      funds: { fund_central: (Math.floor(rnd() * 100000) / 100) * 10000, fund_residents: 43.62 * 10000 },
    }));
    const expected = communities.reduce(
      (s, c) => s + Math.round(c.funds.fund_central ?? 0) + Math.round(c.funds.fund_residents ?? 0),
      0,
    );
    for (const layer of aggregateH3(communities)) expect(sum(layer.cells, 'fund_total')).toBe(expected);
  });

  it('summarises a known cell', () => {
    // Two communities a few metres apart in Beijing's Dongcheng district, one far away.
    const a: H3Community = {
      lng: 116.4074,
      lat: 39.9042,
      households: 100,
      residents: 260,
      stage: 'completed',
      funds: { fund_central: 1_000_000, fund_local: 500_000, fund_residents: 100_000 },
    };
    const b: H3Community = {
      lng: 116.40745,
      lat: 39.90425,
      households: 300,
      stage: 'construction',
      funds: { fund_bond: 2_000_000.4, fund_social: 400_000 },
    };
    const c: H3Community = { lng: 121.47, lat: 31.23, funds: {} };
    const [layer] = aggregateH3([a, b, c], [8]);
    const h3 = latLngToCell(39.9042, 116.4074, 8);
    expect(latLngToCell(39.90425, 116.40745, 8)).toBe(h3);
    const cell = layer?.cells.find((x) => x.h3 === h3);
    expect(cell).toBeDefined();
    const areaKm2 = cellArea(h3, 'km2');
    expect(cell).toMatchObject({
      count: 2,
      households: 400,
      residents: 260,
      completed: 1,
      completion_rate: 0.5,
      fund_central: 1_000_000,
      fund_provincial: 0,
      fund_local: 500_000,
      fund_bond: 2_000_000,
      fund_social: 400_000,
      fund_residents: 100_000,
      fund_total: 4_000_000,
      fund_fiscal: 3_500_000,
      fund_nonfiscal: 500_000,
      fund_per_household: 10_000,
      area_km2: Math.round(areaKm2 * 10000) / 10000,
      fund_per_km2: Math.round(4_000_000.4 / areaKm2),
    });
    // Resolution-8 cells average 0.74 km² but vary with position on the icosahedron.
    expect(cell?.area_km2).toBeGreaterThan(0.4);
    expect(cell?.area_km2).toBeLessThan(1.0);
    // The Shanghai community reports no funds and no households: it has no per-household figure.
    const shanghai = layer?.cells.find((x) => x.h3 !== h3);
    expect(shanghai).toMatchObject({ count: 1, fund_total: 0, fund_per_household: null, completion_rate: 0 });
  });

  it('leaves communities without funds out of the per-household figure', () => {
    const base = { lng: 116.4074, lat: 39.9042 };
    const [layer] = aggregateH3(
      [
        { ...base, households: 100, funds: { fund_central: 1_000_000 } },
        { ...base, households: 900, funds: {} },
      ],
      [7],
    );
    expect(layer?.cells[0]?.fund_per_household).toBe(10_000);
    expect(layer?.cells[0]?.households).toBe(1000);
  });

  it('ignores unknown fund keys and non-finite amounts', () => {
    const [layer] = aggregateH3(
      [{ lng: 116.4, lat: 39.9, funds: { fund_central: 10, fund_magic: 99, fund_local: Number.NaN } }],
      [5],
    );
    expect(layer?.cells[0]?.fund_total).toBe(10);
  });

  it('rejects bad resolutions and communities without coordinates', () => {
    expect(() => aggregateH3([], [16])).toThrow(/integer 0\.\.15, got 16/);
    expect(() => aggregateH3([], [7, 7])).toThrow(/repeat/);
    expect(() => aggregateH3([{ lng: Number.NaN, lat: 30, funds: {} }])).toThrow(
      /community #0 has no valid coordinates/,
    );
  });

  it('returns empty layers for no communities', () => {
    expect(aggregateH3([])).toEqual(DEFAULT_H3_RESOLUTIONS.map((resolution) => ({ resolution, cells: [] })));
  });
});
