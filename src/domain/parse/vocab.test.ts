import { describe, expect, it } from 'vitest';
import { itReads, itRejects } from '../test-cases';
import { AMENITY_TYPES, CRS_WORDS, STAGE_WORDS, STAGES } from '../vocabulary';
import { amenityAliases } from '../ledger-words';
import { parseAmenityType, parseCrs, parseLocationPrecision, parseStage } from './vocab';

describe('parseStage', () => {
  it('accepts every word of the vocabulary', () => {
    for (const stage of STAGES) {
      for (const word of STAGE_WORDS[stage]) expect(parseStage(word)).toEqual({ ok: true, value: stage });
    }
  });
  itReads(parseStage, [
    [' 已完工 ', 'completed'],
    ['已 完 工', 'completed'],
    ['施工中', 'construction'],
    ['通过验收', 'accepted'],
    ['Completed', 'completed'],
    ['CONSTRUCTION', 'construction'],
    ['暂缓', 'cancelled'],
  ]);
  it.each(['基本完工', '完工了', '已完工（待验收）', 'done', '90%'])(
    'rejects %j listing the accepted words',
    (text) => {
      const r = parseStage(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toContain(`unknown stage "${text}"`);
        expect(r.reason).toContain('摸底');
        expect(r.reason).toContain('验收');
      }
    },
  );
});

describe('parseCrs', () => {
  it('accepts every word of the vocabulary', () => {
    for (const [crs, words] of Object.entries(CRS_WORDS)) {
      for (const w of words) expect(parseCrs(w)).toEqual({ ok: true, value: crs });
    }
  });
  it.each([
    ['wgs84', 'WGS84'],
    ['gcj_02', 'GCJ-02'],
    ['ＧＣＪ－０２', 'GCJ-02'],
    ['高德坐标', 'GCJ-02'],
    ['火星坐标系', 'GCJ-02'],
    ['百度坐标系', 'BD-09'],
    ['bd09ll', null],
    ['国家2000', 'CGCS2000'],
    ['天地图', 'CGCS2000'],
    ['西安80', null],
  ])('%j → %s', (text, crs) => {
    const r = parseCrs(text);
    if (crs) expect(r).toEqual({ ok: true, value: crs });
    else expect(r.ok).toBe(false);
  });
});

describe('parseLocationPrecision', () => {
  itReads(parseLocationPrecision, [
    ['exact', 'exact'],
    ['精确', 'exact'],
    ['街道级', 'street'],
    ['社区', 'street'],
    ['District', 'district'],
    ['区县', 'district'],
  ]);
  itRejects(parseLocationPrecision, [['大概', 'unknown location precision']]);
});

describe('parseAmenityType', () => {
  it('accepts every key, Chinese name and alias', () => {
    for (const a of AMENITY_TYPES) {
      for (const w of [a.type, a.zh, a.en, ...amenityAliases(a.type)])
        expect(parseAmenityType(w)).toEqual({ ok: true, value: a.type });
    }
  });
  it('no alias names two types', () => {
    const seen = new Map<string, string>();
    for (const a of AMENITY_TYPES) {
      for (const w of [a.zh, ...amenityAliases(a.type)]) {
        expect(seen.get(w) ?? a.type).toBe(a.type);
        seen.set(w, a.type);
      }
    }
  });
  itReads(parseAmenityType, [
    ['Kindergarten', 'kindergarten'],
    [' 公厕 ', 'public_toilet'],
    ['停车场（库）', 'parking'],
  ]);
  itRejects(parseAmenityType, [['网吧', 'unknown amenity type "网吧"']]);
});
