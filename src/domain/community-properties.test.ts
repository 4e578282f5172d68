import { describe, expect, it } from 'vitest';
import type { CommunityRecord } from './schema';
import { communityProperties, eachCommunityProperty, type FlatValue } from './community-properties';

const record: CommunityRecord = {
  id: 'CS-001',
  name: '<b>麓山润城</b>',
  district: '岳麓区',
  lng: 112.88,
  lat: 28.21,
  crs_source: 'GCJ-02',
  location_precision: 'street',
  households: 700,
  floor_area_m2: 52000,
  stage: 'completed',
  completion_date: '2023-12',
  items: ['facade', 'elevator_added', 'elderly_care'],
  item_counts: { elevator_added: 2 },
  items_other: ['口袋公园'],
  funds: { fund_central: 1_000_000, fund_social: 400_000 },
  is_synthetic: true,
  qualifiers: { households: 'about' },
  source_row: 'ledger.xlsx!Sheet1:4',
};

describe('communityProperties', () => {
  it('writes canonical names, derived funding and item counts, and leaves out what the ledger lacks', () => {
    const p = communityProperties(record);
    expect(p).toMatchObject({
      id: 'CS-001',
      name: '<b>麓山润城</b>',
      district: '岳麓区',
      households: 700,
      floor_area_m2: 52000,
      stage: 'completed',
      completion_date: '2023-12',
      items: 'facade,elevator_added,elderly_care',
      items_other: '口袋公园',
      item_elevator_added: 2,
      items_basic: 1,
      items_improvement: 1,
      items_enhancement: 1,
      fund_central: 1_000_000,
      fund_social: 400_000,
      fund_total: 1_400_000,
      fund_fiscal: 1_000_000,
      fund_nonfiscal: 400_000,
      leverage: 0.4,
      fund_per_household: 2000,
      is_synthetic: true,
      location_precision: 'street',
      qualifiers: 'households:about',
      source_row: 'ledger.xlsx!Sheet1:4',
    });
    for (const absent of [
      'city',
      'residents',
      'item_facade',
      'fund_bond',
      'lc5_met',
      'coverage_score',
      'dist_kindergarten',
    ])
      expect(p, absent).not.toHaveProperty(absent);
  });

  it('adds life-circle results only when they were computed', () => {
    const p = communityProperties(record, {
      nearest: { kindergarten: 180.4, elderly_daycare: null },
      lc5_met: false,
      lc10_met: true,
      lc15_met: true,
      coverage_score: 0.96,
      missing_types: ['elderly_daycare'],
    });
    expect(p).toMatchObject({
      lc5_met: false,
      lc10_met: true,
      coverage_score: 0.96,
      missing_types: 'elderly_daycare',
      dist_kindergarten: 180,
    });
    expect(p).not.toHaveProperty('dist_elderly_daycare');
  });

  it('says how distances were measured only when the build measured along a network', () => {
    const circle = {
      nearest: { kindergarten: 180.4 },
      lc5_met: false,
      lc10_met: true,
      lc15_met: true,
      coverage_score: 0.96,
      missing_types: ['elderly_daycare'],
    };
    const plain = communityProperties(record, circle);
    expect(plain).not.toHaveProperty('distance_method');
    const walked = communityProperties(record, { ...circle, distance_method: 'straight_line' });
    expect(walked.distance_method).toBe('straight_line');
    // The new property goes after missing_types; every other key keeps its place.
    const keys = Object.keys(walked);
    expect(keys.filter((k) => k !== 'distance_method')).toEqual(Object.keys(plain));
    expect(keys[keys.indexOf('missing_types') + 1]).toBe('distance_method');
  });
});

describe('eachCommunityProperty', () => {
  const pairsOf = (rec: CommunityRecord, circle?: Parameters<typeof communityProperties>[1]) => {
    const pairs: [string, FlatValue][] = [];
    eachCommunityProperty(rec, circle, (key, value) => pairs.push([key, value]));
    return pairs;
  };
  const circle = {
    nearest: { kindergarten: 180.4, elderly_daycare: null },
    lc5_met: false,
    lc10_met: true,
    lc15_met: true,
    coverage_score: 0.9612,
    missing_types: ['elderly_daycare'],
    distance_method: 'network' as const,
  };

  it('hands over exactly the properties, in their order, that communityProperties builds', () => {
    const sparse: CommunityRecord = {
      ...record,
      items: [],
      item_counts: {},
      items_other: [],
      funds: {},
      qualifiers: {},
      households: undefined,
    };
    for (const [rec, c] of [
      [record, undefined],
      [record, circle],
      [sparse, undefined],
      [sparse, { ...circle, distance_method: undefined }],
    ] as const) {
      const pairs = pairsOf(rec, c);
      expect(pairs).toEqual(Object.entries(communityProperties(rec, c)));
      // Nothing absent is handed over as a value.
      expect(pairs.filter(([, v]) => v === null || v === undefined)).toEqual([]);
    }
    expect(pairsOf(record, circle).map(([k]) => k)).toContain('dist_kindergarten');
    expect(pairsOf(sparse).map(([k]) => k)).not.toContain('households');
  });
});
