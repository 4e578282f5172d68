import { describe, expect, it } from 'vitest';
import { amenitiesCsv, communitiesCsv, yuanToWan, type AmenityRow, type CommunityRow } from './ledger';

const row = (over: Partial<CommunityRow> = {}): CommunityRow => ({
  id: 'T-1',
  name: '测试小区',
  city: '长沙市',
  district: '雨花区',
  street: '圭塘街道',
  community: '和润社区',
  admin_code: '430111003017',
  lng: 113.03,
  lat: 28.155,
  precision: 'street',
  qualifiers: {},
  programme: 'p',
  stage: '已完工',
  items: [{ key: 'facade', word: '外立面' }],
  quantities: {},
  funds: {},
  synthetic: true,
  source: 'scripts/demo (illustrative)',
  note: 'a, "b"',
  ...over,
});

const amenity = (type: string): AmenityRow => ({
  id: 'A-1',
  name: 'x',
  type,
  lng: 1,
  lat: 2,
  status: '现有',
  precision: 'district',
  synthetic: true,
  source: 's',
  note: '',
});

describe('yuanToWan', () => {
  it('writes whole yuan as exact 万元 text', () => {
    expect(yuanToWan(2337000)).toBe('233.7');
    expect(yuanToWan(18371000)).toBe('1837.1');
    expect(yuanToWan(1)).toBe('0.0001');
    expect(yuanToWan(203000000)).toBe('20300');
    expect(() => yuanToWan(0.5)).toThrow(/whole number/);
  });
});

describe('communitiesCsv', () => {
  it('writes qualifiers, percentages, quoted notes and only the columns in use', () => {
    const csv = communitiesCsv([
      row({
        households: 702,
        residents: 1000,
        approval_rate: 0.95,
        qualifiers: { households: 'about', residents: 'nearly', approval_rate: 'more_than' },
        quantities: { parking: 40 },
        funds: { fund_other: 2337000 },
      }),
    ]);
    const [header, line] = csv.trimEnd().split('\n');
    expect(header).toContain('停车位（个）');
    expect(header).toContain('其他资金（万元）');
    expect(header).not.toContain('中央补助');
    expect(line).toContain(',约702,近1000,');
    expect(line).toContain(',95%以上,');
    expect(line).toContain(',233.7,');
    expect(line?.endsWith(',"a, ""b"""')).toBe(true);
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('falls back to 元 columns when an amount is not whole yuan', () => {
    const csv = communitiesCsv([row({ funds: { fund_central: 100.5 } })]);
    expect(csv).toContain('中央补助（元）');
    expect(csv).toContain(',100.5,');
  });
});

describe('amenitiesCsv', () => {
  it('writes the type as a Chinese alias and rejects unknown types', () => {
    expect(amenitiesCsv([amenity('elderly_daycare')])).toContain(',老年人日间照料中心,');
    expect(() => amenitiesCsv([amenity('spaceport')])).toThrow(/unknown amenity type/);
  });
});
