import { describe, expect, it } from 'vitest';
import { amenityAliases, fundingAliases, itemKeywords, unmatchedWords } from './ledger-words';
import { AMENITY_TYPES, FUNDING_CHANNELS, ITEMS } from './vocabulary';

describe('ledger words', () => {
  it('give every item, funding channel and amenity type words, and no other key', () => {
    expect(unmatchedWords()).toEqual({ missing: [], extra: [] });
  });

  it('are found by key', () => {
    expect(itemKeywords('ev_charging')).toContain('智能充电桩');
    expect(fundingAliases('fund_central')).toContain('中央补助');
    expect(amenityAliases('kindergarten')).toEqual(['幼儿园']);
    for (const i of ITEMS) expect(itemKeywords(i.key).length).toBeGreaterThan(0);
    for (const c of FUNDING_CHANNELS) expect(fundingAliases(c.field).length).toBeGreaterThan(0);
    for (const a of AMENITY_TYPES) expect(amenityAliases(a.type).length).toBeGreaterThan(0);
  });

  it('name the table and the key that lacks words', () => {
    expect(() => itemKeywords('hovercraft_pads')).toThrow('no words for the item "hovercraft_pads"');
    expect(() => amenityAliases('lc5')).toThrow('amenity type "lc5"');
  });
});
